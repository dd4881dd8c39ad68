import type { Context } from './context.js';
import { paperFromArg } from './paper-arg.js';
import { addTags, paperTags, removeTags, tagCounts } from '../store/annotations.js';
import { UsageError } from '../errors.js';

interface TagOptions {
  remove?: boolean;
  json?: boolean;
}

/**
 * `papers tag` lists every tag; `papers tag PAPER` that paper's tags; `papers tag PAPER TAG...`
 * adds (or with --remove, removes) tags. Tags are single words so they survive TSV, CSV and shells.
 */
export async function run(ctx: Context, paperArg: string | undefined, rawTags: string[], opts: TagOptions): Promise<void> {
  const tags = [...new Set(rawTags.map(checkTag))];
  if (paperArg === undefined) {
    if (opts.remove) throw new UsageError('--remove needs a PAPER and the tags to remove');
    const counts = tagCounts(await ctx.open('read'));
    ctx.out.write(opts.json ? `${JSON.stringify(counts, null, 2)}\n` : counts.map((c) => `${c.tag}\t${c.papers}\n`).join(''));
    return;
  }
  if (opts.remove && tags.length === 0) throw new UsageError('--remove needs the tags to remove');
  const db = await ctx.open(tags.length ? 'write' : 'read');
  const paper = await paperFromArg(ctx, db, paperArg);
  if (tags.length) {
    const changed = opts.remove ? removeTags(db, paper.id, tags) : addTags(db, paper.id, tags);
    const verb = opts.remove ? 'removed' : 'added';
    ctx.out.info(`#${paper.id}: ${changed} tag${changed === 1 ? '' : 's'} ${verb} (${paper.title})`);
  }
  const now = paperTags(db, paper.id);
  if (opts.json) ctx.out.write(`${JSON.stringify({ id: paper.id, title: paper.title, tags: now }, null, 2)}\n`);
  else if (!tags.length) ctx.out.write(now.map((t) => `${t}\n`).join(''));
}

function checkTag(raw: string): string {
  const tag = raw.trim();
  if (!tag || /[\s,;]/.test(tag)) {
    throw new UsageError(`a tag is one word without spaces, commas or semicolons (got '${raw}')`);
  }
  return tag;
}
