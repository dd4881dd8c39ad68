import type { Context } from './context.js';
import { parseFilters, parsePage, type RawFilterOptions } from './options.js';
import { chooseFormat } from '../output/formats.js';
import { writePapers } from '../output/render.js';
import { searchPapers } from '../search/search.js';

interface SearchOptions extends RawFilterOptions {
  format?: string;
  json?: boolean;
}

export async function run(ctx: Context, words: string[], opts: SearchOptions): Promise<void> {
  const format = chooseFormat(opts, ctx.out.isTTY);
  const query = { text: words.join(' '), ...parseFilters(opts), ...parsePage(opts, 10) };
  const db = await ctx.open('read');
  const results = searchPapers(db, query);
  await writePapers(ctx.out, results, format, { scored: true });
  if (results.length === 0 && ctx.out.stderrIsTTY) ctx.out.info(`no papers match '${query.text}'`);
}
