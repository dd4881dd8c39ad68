import type Database from 'better-sqlite3';

/** Enough text for a commit's fixed costs (WAL sync, checkpoint, index segment) to be small beside it. */
const GROUP_BYTES = 16 * 1024 * 1024;
/** Long enough to amortise those costs, short enough that other writers and Ctrl-C never wait long. */
const GROUP_MS = 1000;

/**
 * Commits several whole files in one transaction: each file is a savepoint inside it, so a file
 * that fails midway is undone alone and a crash loses whole files only, never half of one.
 * `beforeCommit` runs inside the transaction, just before it commits (the store indexes the new
 * papers there, once per group, so the indexes commit together with the papers); `afterCommit`
 * right after it committed.
 */
export class CommitGroup {
  private bytes = 0;
  private startedAt = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly beforeCommit: () => void = () => {},
    private readonly now: () => number = Date.now,
    private readonly afterCommit: () => void = () => {},
  ) {}

  /** Runs one file's writes; on failure they are rolled back, the files before it committed, and the error rethrown. */
  file<T>(size: number, write: () => T): T {
    if (!this.db.inTransaction) {
      this.db.exec('BEGIN IMMEDIATE');
      this.bytes = 0;
      this.startedAt = this.now();
    }
    this.db.exec('SAVEPOINT ingest_file');
    let result: T;
    try {
      result = write();
    } catch (err) {
      // Some failures (a full disk, an I/O error) make SQLite roll the whole transaction back itself:
      // then there is no savepoint left to return to, and the real error is the one to report.
      if (this.db.inTransaction) {
        this.db.exec('ROLLBACK TO ingest_file; RELEASE ingest_file');
        this.commit();
      }
      throw err;
    }
    this.db.exec('RELEASE ingest_file');
    this.bytes += size;
    if (this.bytes >= GROUP_BYTES || this.now() - this.startedAt >= GROUP_MS) this.commit();
    return result;
  }

  commit(): void {
    if (!this.db.inTransaction) return;
    this.beforeCommit();
    this.db.exec('COMMIT');
    this.afterCommit();
  }

  /** For a failure outside any file's writes: keep the whole files done so far if possible. */
  close(): void {
    if (!this.db.inTransaction) return;
    try {
      this.commit();
    } catch {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    }
  }
}
