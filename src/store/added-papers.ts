import type Database from 'better-sqlite3';

/**
 * Past this many identities (a title key and the id given it, or an arXiv id) what is kept costs
 * more memory than its look-ups are worth: 1M titles in the Map measured 55 MB.
 */
const MAX_IDENTITIES = 1_500_000;

/**
 * The indexes of papers that a bulk load sets aside, as migration 1 made them. Each takes its keys
 * in an order of its own (titles at random, dates and upvote counts in runs), so every commit
 * fetches and dirties pages all over it; once they outgrow the page cache that is most of what
 * inserting a paper costs (docs/benchmarks.md: a 10^6 ingest took 165–167 s with them, 136 s
 * without, and building them at the end takes a few seconds).
 */
const INDEXES_ASIDE: readonly (readonly [name: string, create: string])[] = [
  ['papers_title_key', 'CREATE INDEX IF NOT EXISTS papers_title_key ON papers(title_key)'],
  ['papers_published', 'CREATE INDEX IF NOT EXISTS papers_published ON papers(published)'],
  ['papers_upvotes', 'CREATE INDEX IF NOT EXISTS papers_upvotes ON papers(upvotes)'],
];

/** The indexes of INDEXES_ASIDE the database does not have. */
function missingIndexes(db: Database.Database): (readonly [string, string])[] {
  const exists = db.prepare<[string], number>("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").pluck();
  return INDEXES_ASIDE.filter(([name]) => !exists.get(name));
}

/**
 * Builds the indexes a bulk load set aside and did not put back (it was killed). Writes nothing
 * when they are all there. Only writers of papers build them (AddedPapers.check), not every
 * connection that opens the database: a load still running in another process would otherwise
 * see its indexes built under it by a `papers tag`.
 */
function restoreIndexes(db: Database.Database): void {
  for (const [, create] of missingIndexes(db)) db.exec(create);
}

/**
 * What the paper writers of one connection know of a database that held no papers when the first
 * began: the identities (title keys, arXiv ids) of the papers they have written since, as 30-bit
 * hashes, and for each title key's hash the ids of the papers given it. A paper whose identities are
 * not among them cannot be stored, so a first ingest inserts it without looking it up (the look-ups
 * were 5% of a first ingest). A hash shared by chance only costs the look-up. Forgotten for good once
 * anything else has written papers (another connection moves `data_version`; on this one, a highest
 * id other than the last a writer added), or past MAX_IDENTITIES: every paper is then looked up, as
 * in any later ingest.
 *
 * A bulk load (`setIndexesAside`) also drops the indexes of INDEXES_ASIDE while it writes, and
 * finds papers by title from the ids kept here instead of by the title-key index. They are built
 * again, each sorted once, when the load ends (`endBulkLoad`), at once when anything else writes
 * papers, and by the next writer of papers after a load that was killed. Until then, readers that
 * want them (title look-ups, lists by date) scan the table.
 */
export class AddedPapers {
  /** One per connection, so that every writer on it adds what it writes (a rename by another would go unseen). */
  private static readonly byConnection = new WeakMap<Database.Database, AddedPapers>();

  static of(db: Database.Database): AddedPapers {
    let added = AddedPapers.byConnection.get(db);
    if (!added) AddedPapers.byConnection.set(db, (added = new AddedPapers(db)));
    return added;
  }

  /** Title-key hash -> the ids of the papers written with that key (usually one). */
  private titles: Map<number, number | number[]> | undefined;
  private arxivIds: Set<number> | undefined;
  private size = 0;
  private readonly version: number;
  private newest = 0;
  private readonly highest: Database.Statement<[], number>;
  private wantsIndexesAside = false;
  /** True while the indexes are dropped: this connection's writers then find titles here. */
  indexesAside = false;

  private constructor(private readonly db: Database.Database) {
    // The version first: a paper written by another connection after it is caught by `check`.
    this.version = dataVersion(db);
    this.highest = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM papers').pluck();
    if (this.highest.get() === 0) {
      this.titles = new Map();
      this.arxivIds = new Set();
    }
  }

  /** A bulk load asks for the indexes to be dropped while it writes (see the class comment). */
  setIndexesAside(): void {
    this.wantsIndexesAside = true;
  }

  /** Call before each batch of writes, inside its transaction. */
  check(): void {
    if (this.titles && (dataVersion(this.db) !== this.version || this.highest.get() !== this.newest)) this.forget();
    if (this.indexesAside) return;
    if (this.titles && this.wantsIndexesAside && this.newest === 0) {
      // Only while the table is still empty: dropping the indexes is then free, and the drop
      // commits with the first papers, so a crash before them leaves the database as it was.
      for (const [name] of INDEXES_ASIDE) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
      this.indexesAside = true;
    } else {
      // Look-ups need them: build any a killed load left out (three reads when all are there;
      // read every time, since a rebuild inside a file that was rolled back did not happen).
      restoreIndexes(this.db);
    }
  }

  /**
   * Ends a bulk load: builds the indexes again if they were dropped, in a transaction of its own.
   * Reads the schema, not `indexesAside`: a drop inside a file that was rolled back did not happen,
   * and another writer may have built them already. Takes no lock when there is nothing to build.
   */
  endBulkLoad(onBuild?: () => void): void {
    this.wantsIndexesAside = false;
    this.indexesAside = false;
    if (missingIndexes(this.db).length === 0) return;
    onBuild?.();
    this.db.transaction(() => restoreIndexes(this.db)).immediate();
  }

  /** False when no stored paper can have these identities; true when one may (look it up). */
  mayBeStored(arxivId: string | null, key: string): boolean {
    if (!this.titles) return true;
    return this.titles.has(hash(KEY, key)) || (arxivId !== null && this.arxivIds!.has(hash(ARXIV, arxivId)));
  }

  /** The ids of the papers written with a title key hashed like this one (check their keys). */
  idsWithKey(key: string): readonly number[] {
    const ids = this.titles?.get(hash(KEY, key));
    return ids === undefined ? [] : typeof ids === 'number' ? [ids] : ids;
  }

  /** A paper written with these identities: a new one, or a stored one given a new title or arXiv id. */
  add(arxivId: string | null, key: string, id: number): void {
    if (!this.titles) return;
    this.newest = Math.max(this.newest, id);
    if (this.noteTitle(hash(KEY, key), id)) this.size++;
    const arxiv = arxivId === null ? undefined : hash(ARXIV, arxivId);
    if (arxiv !== undefined && !this.arxivIds!.has(arxiv)) {
      this.arxivIds!.add(arxiv);
      this.size++;
    }
    if (this.size > MAX_IDENTITIES) this.forget();
  }

  /** Notes that paper `id` has a title key with this hash; false when that was known already. */
  private noteTitle(h: number, id: number): boolean {
    const ids = this.titles!.get(h);
    if (ids === undefined) this.titles!.set(h, id);
    else if (ids === id || (typeof ids === 'object' && ids.includes(id))) return false;
    else if (typeof ids === 'number') this.titles!.set(h, [ids, id]);
    else ids.push(id);
    return true;
  }

  private forget(): void {
    this.titles = undefined;
    this.arxivIds = undefined;
    this.indexesAside = false;
    // Every paper is looked up from now on, by the indexes.
    restoreIndexes(this.db);
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
