import type Database from 'better-sqlite3';

/** Past this many identities the set costs more memory than its look-ups are worth (~40 MB, measured: 4M took 84). */
const MAX_IDENTITIES = 2_000_000;

/**
 * What the paper writers of one connection know of a database that held no papers when the first
 * began: the identities (title keys, arXiv ids) of the papers they have written since, as 30-bit
 * hashes. A paper whose identities are not among them cannot be stored, so a first ingest inserts it
 * without looking it up (the look-ups were 5% of a first ingest). A hash shared by chance only costs
 * the look-up. Forgotten for good once anything else has written papers (another connection moves
 * `data_version`; on this one, a highest id other than the last a writer added), or past
 * MAX_IDENTITIES: every paper is then looked up, as in any later ingest.
 */
export class AddedPapers {
  /** One per connection, so that every writer on it adds what it writes (a rename by another would go unseen). */
  private static readonly byConnection = new WeakMap<Database.Database, AddedPapers>();

  static of(db: Database.Database): AddedPapers {
    let added = AddedPapers.byConnection.get(db);
    if (!added) AddedPapers.byConnection.set(db, (added = new AddedPapers(db)));
    return added;
  }

  private hashes: Set<number> | undefined;
  private readonly version: number;
  private newest = 0;
  private readonly highest: Database.Statement<[], number>;

  private constructor(private readonly db: Database.Database) {
    // The version first: a paper written by another connection after it is caught by `check`.
    this.version = dataVersion(db);
    this.highest = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM papers').pluck();
    this.hashes = this.highest.get() === 0 ? new Set() : undefined;
  }

  /** Call before each batch of writes, inside its transaction. */
  check(): void {
    if (this.hashes && (dataVersion(this.db) !== this.version || this.highest.get() !== this.newest)) this.hashes = undefined;
  }

  /** False when no stored paper can have these identities; true when one may (look it up). */
  mayBeStored(arxivId: string | null, key: string): boolean {
    if (!this.hashes) return true;
    return this.hashes.has(hash(KEY, key)) || (arxivId !== null && this.hashes.has(hash(ARXIV, arxivId)));
  }

  /** A paper written with these identities: a new one (`id`), or a stored one given a new title or arXiv id. */
  add(arxivId: string | null, key: string, id = 0): void {
    if (!this.hashes) return;
    this.newest = Math.max(this.newest, id);
    this.hashes.add(hash(KEY, key));
    if (arxivId !== null) this.hashes.add(hash(ARXIV, arxivId));
    if (this.hashes.size > MAX_IDENTITIES) this.hashes = undefined;
  }
}

function dataVersion(db: Database.Database): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/** FNV-1a seeds: a title key and an arXiv id with the same text are different identities. */
const KEY = 0x811c9dc5;
const ARXIV = 0x01000193;

/** 32-bit FNV-1a of the UTF-16 code units, cut to 30 bits so that V8 keeps it a small integer. */
function hash(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}
