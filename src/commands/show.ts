import type { Context } from './context.js';
import { chooseFormat } from '../output/formats.js';
import { writePaper } from '../output/render.js';
import { resolvePaper } from '../search/resolve.js';
import { UserError } from '../errors.js';
import { dateLabel } from '../output/fields.js';

export async function run(ctx: Context, words: string[], opts: { format?: string; json?: boolean }): Promise<void> {
  const format = chooseFormat(opts, ctx.out.isTTY);
  const query = words.join(' ');
  const db = await ctx.open('read');
  const found = await resolvePaper(db, query);
  if (found.kind === 'found') {
    await writePaper(ctx.out, found.paper, format);
    return;
  }
  if (found.kind === 'ambiguous') {
    const lines = found.candidates.map((p) => `  ${String(p.id).padStart(6)}  ${p.title}${p.published ? `  (${dateLabel(p)})` : ''}`);
    ctx.out.info(`'${query}' matches more than one paper; say which by id:\n${lines.join('\n')}`);
    throw new UserError(`ambiguous title '${query}'`);
  }
  throw new UserError(`no paper matches '${query}' (try 'papers search ${query}')`);
}
