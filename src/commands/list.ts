import type { Context } from './context.js';
import { parseFilters, parsePage, parseSort, type RawFilterOptions } from './options.js';
import { chooseFormat } from '../output/formats.js';
import { writePapers } from '../output/render.js';
import { iteratePapers } from '../store/read.js';

interface ListOptions extends RawFilterOptions {
  format?: string;
  json?: boolean;
}

/** A screenful on a terminal; everything in a pipe, where a silent cut would lose data. */
const TERMINAL_LIMIT = 50;

export async function run(ctx: Context, opts: ListOptions): Promise<void> {
  const format = chooseFormat(opts, ctx.out.isTTY);
  const filters = parseFilters(opts);
  const { sort, dir } = parseSort(opts);
  const page = parsePage(opts, ctx.out.isTTY && opts.limit === undefined ? TERMINAL_LIMIT : undefined);
  const db = await ctx.open('read');
  const shown = await writePapers(ctx.out, iteratePapers(db, { ...filters, sort, dir, ...page }), format);
  if (ctx.out.isTTY && page.limit !== undefined && shown === page.limit && opts.limit === undefined) {
    ctx.out.flush();
    ctx.out.info(ctx.out.style.dim(`(first ${shown} shown; --limit N or a pipe for more)`));
  }
}
