import type Database from 'better-sqlite3';
import { resolveDbPath, type Setting } from '../config.js';
import { Output, type ColorMode } from '../output/output.js';
import { openStore } from '../store/open.js';
import type { Streams } from '../output/output.js';

/** What every command gets: where output goes and how to reach the database. Built once by main. */
export class Context {
  readonly out: Output;
  private db?: Database.Database;
  /** The database file opened, for messages about it (a damaged file found mid-command). */
  openedPath?: string;

  constructor(
    readonly streams: Streams,
    /** colorFrom: commander's source of --color ('cli', 'env', 'config', 'default'), for `papers config`. */
    readonly globals: { db?: string; color?: ColorMode; colorFrom?: string },
    private readonly stdinStream?: NodeJS.ReadableStream,
  ) {
    this.out = new Output(streams, globals.color ?? 'auto');
  }

  /** Made on first use: creating process.stdin costs ~4 ms of start-up, and only `ingest -` reads it. */
  get stdin(): NodeJS.ReadableStream {
    return this.stdinStream ?? process.stdin;
  }

  dbPath(): Promise<Setting<string>> {
    return resolveDbPath(this.globals.db, this.streams.env);
  }

  /** Readers open read-only, so a read-only file or a second process's ingest never gets in their way. */
  async open(mode: 'read' | 'write'): Promise<Database.Database> {
    if (this.db) return this.db;
    const { value } = await this.dbPath();
    this.openedPath = value;
    this.db = await openStore(value, { readonly: mode === 'read' });
    return this.db;
  }

  close(): void {
    try {
      this.out.flush();
    } catch (err) {
      // The reader went away before the last of a short output (`papers list | true`): not a failure.
      if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
    } finally {
      this.db?.close();
      this.db = undefined;
    }
  }
}
