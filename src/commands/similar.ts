import type { Context } from './context.js';
import { parsePage, type RawFilterOptions } from './options.js';
import { paperFromArg } from './paper-arg.js';
import { chooseFormat } from '../output/formats.js';
import { writePapers } from '../output/render.js';
import { similarPapers } from '../search/similar.js';

interface SimilarOptions extends Pick<RawFilterOptions, 'limit'> {
  format?: string;
  json?: boolean;
}

export async function run(ctx: Context, words: string[], opts: SimilarOptions): Promise<void> {
  const format = chooseFormat(opts, ctx.out.isTTY);
  const { limit = 10 } = parsePage(opts, 10);
  const db = await ctx.open('read');
  const paper = await paperFromArg(ctx, db, words.join(' '));
  if (ctx.out.stderrIsTTY && !opts.json) ctx.out.info(ctx.out.style.dim(`papers like #${paper.id} ${paper.title}`));
  await writePapers(ctx.out, similarPapers(db, paper, { limit }), format, { scored: true });
}
