import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../errors.js';
import { sleepSync } from '../sleep-sync.js';
import { storeFailure } from './failures.js';
import { SCHEMA_VERSION, migrate } from './schema.js';
import type Database from 'better-sqlite3';

export interface OpenOptions {
  /** Read commands open read-only: they never create or migrate a database, and work on read-only files. */
  readonly?: boolean;
  /** Internal: set on the read-only reopen after an upgrade, so a failed upgrade cannot loop. */
  upgrading?: boolean;
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
  // URI filenames let a reader open a database in a read-only folder as immutable (below); the
  // addon reads this once, when it loads. Plain paths stay plain paths: see asPath.
  process.env.SQLITE_USE_URI ??= '1';
  const { default: SQLite } = await import('better-sqlite3');
  let db: Database.Database;
  try {
    db = new SQLite(asPath(file), { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
  } catch (err) {
    throw new UserError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_MS}`);
    let schema: SchemaState;
    try {
      schema = schemaState(db);
    } catch (err) {
      if (!opts.readonly || !isReadOnlyPlace(err)) throw err;
      if (hasPendingWal(file)) {
        throw new UserError(`${file} has changes in ${file}-wal that cannot be read without its -shm file in a read-only folder: open it once where it can be written (any papers command, as its owner)`);
      }
      // A WAL database in a folder we cannot write to: no -shm can be made beside it, so SQLite
      // refuses even to read. With no -wal there, the file alone is the whole database and nobody
      // can be writing it, so it is read as immutable, which needs no -shm.
      db.close();
      db = new SQLite(`${pathToFileURL(path.resolve(file)).href}?immutable=1`, { readonly: true, fileMustExist: true });
      db.pragma(`busy_timeout = ${BUSY_MS}`);
      schema = schemaState(db);
    }
    const { version } = schema;
    if (version > SCHEMA_VERSION) {
      throw new UserError(
        `${file} has schema version ${version}, newer than this papers (${SCHEMA_VERSION}): upgrade papers to use it`,
      );
    }
    if (version === 0 && schema.tables) {
      // Another application's SQLite file (a browser's history, a Zotero library): never add our tables to it.
      throw new UserError(`${file} is an SQLite database but not a papers database; it was left untouched`);
    }
    if (opts.readonly) {
      if (version < SCHEMA_VERSION) {
        // Made by an older papers: upgrade it once (in a transaction, as any writer would), then read.
        // A file this process cannot write says so instead.
        db.close();
        if (opts.upgrading) {
          throw new UserError(`${file} has schema version ${version} and needs an upgrade, which failed: run 'papers ingest' on it to see why`);
        }
        let writer: Database.Database;
        try {
          writer = await openStore(file);
        } catch (err) {
          const why = err instanceof UserError ? err.message : (err as Error).message;
          throw new UserError(`${file} has schema version ${version} and needs an upgrade this process cannot write (${why})`);
        }
        writer.close();
        return openStore(file, { ...opts, upgrading: true });
      }
    } else {
      // 16 KiB pages for a new database (SQLite's default is 4): a commit writes a quarter as many
      // pages to the log, b-trees are shallower, and the file is 11% smaller. A 10^5 ingest took
      // 13.3 s against 15.2 s (medians of alternated runs); reads measured the same. Only a new
      // file can take it: an existing one keeps its pages.
      if (!exists) db.pragma(`page_size = ${PAGE_SIZE}`);
      useWal(db);
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
    const failure = storeFailure(err, file);
    if (failure) throw failure;
    throw new UserError(`cannot use database ${file}: ${(err as Error).message}`);
  }
}

const PAGE_SIZE = 16384;
/** How long a command waits for another papers process's write to finish. */
export const BUSY_MS = 10_000;

interface SchemaState {
  version: number;
  /** Whether the file has any table: at version 0, another application's database. */
  tables: boolean;
}

/**
 * Read in one statement, so in one snapshot: read apart, a writer creating the schema in between
 * makes a new papers database look like another application's (version 0, yet tables).
 */
function schemaState(db: Database.Database): SchemaState {
  const row = db
    .prepare<[], { version: number; tables: number }>('SELECT (SELECT user_version FROM pragma_user_version) AS version, EXISTS (SELECT 1 FROM sqlite_master) AS tables')
    .get()!;
  return { version: row.version, tables: row.tables === 1 };
}

/**
 * Switches the database to WAL (a no-op once it is). Switching needs the file to itself, and SQLite
 * does not wait for that as it waits for a write (the busy timeout does not apply): two processes
 * creating a new database at once met "database is locked". So it is tried again for as long.
 */
function useWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
      sleepSync(5);
    }
  }
}

/** With URI filenames on, a path that happens to start with "file:" must not become a URI. */
function asPath(file: string): string {
  return file.startsWith('file:') ? `./${file}` : file;
}

function isReadOnlyPlace(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN');
}

/** Changes not yet copied into the database file: reading without them would show an old state. */
function hasPendingWal(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
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
    if (fs.fstatSync(fd).isDirectory()) {
      throw new UserError(`${file} is a folder: the database is a file, e.g. ${path.join(file, 'papers.db')}`);
    }
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
