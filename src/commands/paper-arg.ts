import type Database from 'better-sqlite3';
import type { Context } from './context.js';
import type { Paper } from '../model.js';
import { resolvePaper } from '../search/resolve.js';
import { UserError } from '../errors.js';
import { dateLabel } from '../output/fields.js';

/**
 * A PAPER argument (an id or a title) to one paper, as `papers show` resolves it. Ambiguity lists
 * the candidates on stderr and fails, so a tag or note never lands on a paper the user did not mean.
 */
export async function paperFromArg(ctx: Context, db: Database.Database, query: string): Promise<Paper> {
  const found = await resolvePaper(db, query);
  if (found.kind === 'found') return found.paper;
  if (found.kind === 'ambiguous') {
    const lines = found.candidates.map((p) => `  ${String(p.id).padStart(6)}  ${p.title}${p.published ? `  (${dateLabel(p)})` : ''}`);
    ctx.out.info(`'${query}' matches more than one paper; say which by id:\n${lines.join('\n')}`);
    throw new UserError(`ambiguous title '${query}'`);
  }
  throw new UserError(`no paper matches '${query}' (try 'papers search ${query}')`);
}
