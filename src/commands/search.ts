import type { Context } from './context.js';
import { parseFilters, parsePage, type RawFilterOptions } from './options.js';
import { chooseFormat } from '../output/formats.js';
import { writePapers, type RenderOptions } from '../output/render.js';
import { runSearch } from '../search/search.js';
import { highlightTerms, snippet } from '../search/highlight.js';
import { UsageError } from '../errors.js';

interface SearchOptions extends RawFilterOptions {
  format?: string;
  json?: boolean;
}

export async function run(ctx: Context, words: string[], opts: SearchOptions): Promise<void> {
  // Single-dash words are exclusions; a double-dash one is a mistyped flag, not something to search for.
  const flag = words.find((w) => /^--\w/.test(w));
  if (flag) throw new UsageError(`unknown option '${flag}' (to search for it, quote the query: papers search "${words.join(' ')}")`);
  const format = chooseFormat(opts, ctx.out.isTTY);
  const query = { text: words.join(' '), ...parseFilters(opts), ...parsePage(opts, 10) };
  const db = await ctx.open('read');
  const { papers, terms } = runSearch(db, query);
  const render: RenderOptions = { scored: true };
  if (format === 'table') {
    // On a terminal: the matched words marked in titles, and a line of abstract around the first match.
    const s = ctx.out.style;
    const matched = new Set(terms);
    render.highlight = (title) => s.bold(highlightTerms(title, matched, (w) => s.yellow(w)));
    render.snippet = (p) => snippet(p.abstract, matched, (w) => s.yellow(w));
  }
  await writePapers(ctx.out, papers, format, render);
  if (papers.length === 0 && ctx.out.stderrIsTTY) ctx.out.info(`no papers match '${query.text}'`);
}
