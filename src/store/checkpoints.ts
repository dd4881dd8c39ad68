import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { ASKED, CLOSE, DONE, FAILED, newSignals } from './checkpoint-signals.js';
import { BUSY_MS } from './open.js';

/** A log this large means a large ingest: from here on a second thread copies it into the database. */
const START_AT = 32 * 1024 * 1024;
/**
 * The log starts over (is written again from its start) only when a write begins with all of it
 * copied. The thread copies while the writer writes, so that is never so on its own: from this size
 * on the writer waits for the thread before its next write, and the log starts over. Each wait is
 * about one commit's copy and two syncs, so fewer is better: 512 MiB measured 179.4 s at 10^6
 * against 183.5 with 128 MiB, and 11.9/12.0 s at 10^5 against 12.0/12.3 (alternated; within the
 * noise, but the same way each time). The log's file may grow to this and a commit's worth.
 */
const RESTART_AT = 512 * 1024 * 1024;
/** Without that thread, the writer copies the log itself every this many pages (1 GiB of 16 KiB pages). */
const OWN_CHECKPOINT_PAGES = 65536;

/** The thread's script, beside the bundle (dist/); running from source there is none, and the writer checkpoints itself. */
const WORKER_FILE = new URL('./checkpoint-worker.js', import.meta.url);

/**
 * Copies a large ingest's write-ahead log into the database in a second thread, while the writer
 * goes on writing. A WAL database is written twice: each commit appends pages to the log, and a
 * checkpoint copies them into the database file and syncs both. The writer did that itself, at its
 * commits and when it closed (2 s at the end of a 10^5-paper ingest, spent waiting on the disk);
 * here another connection does it as the commits come, and the writer's close has little left to
 * copy. SQLite allows one checkpointer beside one writer: a PASSIVE checkpoint copies only what
 * every reader has moved past, and takes no lock the writer needs.
 */
export class BackgroundCheckpoints {
  private worker: Worker | null = null;
  private readonly signals = newSignals();
  private asked = 0;
  private failed = false;
  private readonly script: URL;
  private readonly startAt: number;
  private readonly restartAt: number;
  private readonly pageSize: number;

  /** The options are the tests': another script, other log sizes. */
  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    { script = WORKER_FILE, startAt = START_AT, restartAt = RESTART_AT }: { script?: URL; startAt?: number; restartAt?: number } = {},
  ) {
    this.script = script;
    this.startAt = startAt;
    this.restartAt = restartAt;
    this.pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`wal_autocheckpoint = ${OWN_CHECKPOINT_PAGES}`);
  }

  /** Whether the second thread is copying the log. */
  get threaded(): boolean {
    return this.worker !== null;
  }

  /**
   * After each commit: starts the thread once the log is large, and asks it to copy what is new.
   * Waits for it (synchronously: the writer's loop is) when the log should start over. Never
   * throws: it runs on the way out of a failed file too, where the file's error is the one to report.
   */
  committed(): void {
    if (this.failed) return;
    try {
      if (!this.worker) {
        if (this.logBytes() < this.startAt || !fs.existsSync(fileURLToPath(this.script))) return;
        this.start();
      }
      if (Atomics.load(this.signals, DONE) === FAILED) return this.giveUp();
      Atomics.store(this.signals, ASKED, ++this.asked);
      Atomics.notify(this.signals, ASKED);
      if (this.logBytes() >= this.restartAt && !this.copied(this.asked)) this.giveUp();
    } catch {
      this.giveUp();
    }
  }

  /** Waits for the thread's last copy and for it to close its connection; the writer's close then finds little to do. */
  async finish(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const ended = new Promise((resolve) => worker.once('exit', resolve));
    Atomics.store(this.signals, ASKED, CLOSE);
    Atomics.notify(this.signals, ASKED);
    await ended;
    this.db.pragma(`wal_autocheckpoint = ${OWN_CHECKPOINT_PAGES}`);
  }

  /**
   * The log's size since it last started over, read without copying anything (NOOP): its file keeps
   * its largest size, and may be left from an earlier run.
   */
  private logBytes(): number {
    const [state] = this.db.pragma('wal_checkpoint(NOOP)') as { log: number }[];
    return Math.max(0, state?.log ?? 0) * this.pageSize;
  }

  private start(): void {
    // Absolute: URI file names are on in this process (open.ts), and `file:x.db` is a path here.
    const worker = new Worker(fileURLToPath(this.script), {
      workerData: { file: path.resolve(this.file), busyMs: BUSY_MS, signals: this.signals },
    });
    // A thread that fails leaves the checkpoints to the writer, as without it.
    const lost = (): void => {
      if (this.worker === worker) this.giveUp();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    this.worker = worker;
    this.db.pragma('wal_autocheckpoint = 0');
  }

  /** Waits until the thread has served request n; false if it has not within the busy timeout. */
  private copied(n: number): boolean {
    const deadline = Date.now() + BUSY_MS;
    for (;;) {
      const done = Atomics.load(this.signals, DONE);
      if (done >= n) return true;
      if (done === FAILED) return false;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      Atomics.wait(this.signals, DONE, done, left);
    }
  }

  private giveUp(): void {
    const worker = this.worker;
    this.worker = null;
    this.failed = true;
    void worker?.terminate();
    try {
      this.db.pragma(`wal_autocheckpoint = ${OWN_CHECKPOINT_PAGES}`);
    } catch {
      // a connection that cannot take a pragma has bigger problems, reported by whatever meets them
    }
  }
}
