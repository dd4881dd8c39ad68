import fs from 'node:fs';
import type { Context } from './context.js';
import { parseFilters, parsePage, parseSort, type RawFilterOptions } from './options.js';
import { EXPORT_FORMATS, parseFormat } from '../output/formats.js';
import { Output } from '../output/output.js';
import { writePapers } from '../output/render.js';
import { iteratePapers } from '../store/read.js';
import { UserError } from '../errors.js';

interface ExportOptions extends RawFilterOptions {
  format?: string;
  json?: boolean;
  output?: string;
}

export async function run(ctx: Context, opts: ExportOptions): Promise<void> {
  const format = opts.json ? 'json' : parseFormat(opts.format ?? 'json', EXPORT_FORMATS);
  const filters = parseFilters(opts);
  // Oldest first by id: an export reads back in the order the papers were added.
  const { sort, dir } = opts.sort ? parseSort(opts) : { sort: 'added' as const, dir: 'asc' as const };
  const page = parsePage(opts, undefined);
  const db = await ctx.open('read');
  const papers = iteratePapers(db, { ...filters, sort, dir, ...page });
  if (!opts.output || opts.output === '-') {
    const n = await writePapers(ctx.out, papers, format);
    ctx.out.flush();
    if (ctx.out.stderrIsTTY) ctx.out.info(`exported ${n} paper${n === 1 ? '' : 's'}`);
    return;
  }
  // Written beside the target and renamed into place, so a failed export never leaves half a file.
  const tmp = `${opts.output}.${process.pid}.tmp`;
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'w');
  } catch (err) {
    throw new UserError(`cannot write ${opts.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const sink = { write: (s: string) => fs.writeSync(fd, s) };
    const fileOut = new Output({ stdout: sink, stderr: ctx.streams.stderr, env: ctx.streams.env }, 'never');
    const n = await writePapers(fileOut, papers, format);
    fileOut.flush();
    fs.closeSync(fd);
    fs.renameSync(tmp, opts.output);
    ctx.out.info(`exported ${n} paper${n === 1 ? '' : 's'} to ${opts.output}`);
  } catch (err) {
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed */
    }
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
