import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { SCHEMA_VERSION, migrate } from './schema.js';
import type Database from 'better-sqlite3';

export interface OpenOptions {
  /** Read commands open read-only: they never create or migrate a database, and work on read-only files. */
  readonly?: boolean;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Opens (and for writers creates and migrates) the database. Whatever is refused — a file that is
 * not SQLite, a schema newer than this build — is refused before anything is written to it.
 */
export async function openStore(file: string, opts: OpenOptions = {}): Promise<Database.Database> {
  const exists = checkExistingFile(file);
  if (!exists && opts.readonly) {
    throw new UserError(`no database at ${file} yet: run 'papers ingest PATH' first`);
  }
  if (!exists) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    } catch (err) {
      throw new UserError(`cannot create the folder for ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const { default: SQLite } = await import('better-sqlite3');
  let db: Database.Database;
  try {
    db = new SQLite(file, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
  } catch (err) {
    throw new UserError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 10000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new UserError(
        `${file} has schema version ${version}, newer than this papers (${SCHEMA_VERSION}): upgrade papers to use it`,
      );
    }
    if (opts.readonly) {
      if (version < SCHEMA_VERSION) {
        throw new UserError(`${file} has schema version ${version} and needs an upgrade: run any writing command (e.g. 'papers ingest') on it first`);
      }
    } else {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Ingest inserts into indexes in random key order (title keys): beyond the 2 MB default the
      // pages it revisits stay cached. Bounded, and only writers pay it.
      db.pragma('cache_size = -65536');
      migrate(db);
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot use database ${file}: ${(err as Error).message}`);
  }
}

/** true when the file exists and looks like SQLite; false when it does not exist (or is empty). */
function checkExistingFile(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    throw new UserError(`cannot read database ${file}: ${code}`);
  }
  try {
    const header = Buffer.alloc(16);
    const n = fs.readSync(fd, header, 0, 16, 0);
    if (n === 0) return false; // an empty file is a database SQLite will happily initialise
    if (n < 16 || header.toString('latin1') !== SQLITE_MAGIC) {
      throw new UserError(`${file} is not a papers database (not an SQLite file); it was left untouched`);
    }
    return true;
  } finally {
    fs.closeSync(fd);
  }
}
