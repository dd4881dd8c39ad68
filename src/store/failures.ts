import { UserError } from '../errors.js';

/**
 * SQLite failures a user can meet and act on, as one-line messages. Used where the database is
 * opened and, for what only shows up mid-command (a damaged page, a write refused), by main.
 */
export function storeFailure(err: unknown, file: string): UserError | undefined {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return undefined;
  const why = (err as Error).message;
  if (code === 'SQLITE_BUSY') return new UserError(`${file} is busy (another papers process is writing); try again`);
  if (code.startsWith('SQLITE_READONLY')) {
    return new UserError(`${file} is read-only (${why}): list, search, show and export still work; ingest needs write access to it and its folder`);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    // Every write is a transaction, so a command that fails on a damaged page has changed nothing.
    return new UserError(`${file} is damaged (${why}); it was not modified: restore it from a backup (a 'papers export' re-ingests)`);
  }
  return undefined;
}
