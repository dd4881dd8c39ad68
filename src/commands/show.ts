import type { Context } from './context.js';
import { chooseFormat } from '../output/formats.js';
import { writePaper } from '../output/render.js';
import { paperFromArg } from './paper-arg.js';

export async function run(ctx: Context, words: string[], opts: { format?: string; json?: boolean }): Promise<void> {
  const format = chooseFormat(opts, ctx.out.isTTY);
  const db = await ctx.open('read');
  await writePaper(ctx.out, await paperFromArg(ctx, db, words.join(' ')), format);
}
