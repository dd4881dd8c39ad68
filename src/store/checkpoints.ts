import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { BUSY_MS } from './open.js';

/** A log this large means a large ingest: from here on a second thread copies it into the database. */
const START_AT = 32 * 1024 * 1024;
/** Without that thread, the writer copies the log itself every this many pages (16 KiB each: 1 GiB). */
const OWN_CHECKPOINT_PAGES = 65536;

/** The thread's script, beside the bundle (dist/); running from source there is none, and the writer checkpoints itself. */
const WORKER_FILE = new URL('./checkpoint-worker.js', import.meta.url);

/**
 * Copies a large ingest's write-ahead log into the database in a second thread, while the writer
 * goes on writing. A WAL database is written twice: each commit appends pages to the log, and a
 * checkpoint copies them into the database file and syncs both. The writer did that itself, at its
 * commits and when it closed (2 s at the end of a 10^5-paper ingest, spent waiting on the disk);
 * here another connection does it as the commits come, so the log stays short and the writer's
 * close has little left to copy. SQLite allows one checkpointer beside one writer: a PASSIVE
 * checkpoint copies only what every reader has moved past, and takes no lock the writer needs.
 */
export class BackgroundCheckpoints {
  private worker: Worker | null = null;
  private busy = false;
  private again = false;
  private failed = false;

  private readonly script: URL;
  private readonly startAt: number;

  /** The options are the tests': another script, another log size to start at. */
  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    { script = WORKER_FILE, startAt = START_AT }: { script?: URL; startAt?: number } = {},
  ) {
    this.script = script;
    this.startAt = startAt;
    db.pragma(`wal_autocheckpoint = ${OWN_CHECKPOINT_PAGES}`);
  }

  /** Whether the second thread is copying the log. */
  get threaded(): boolean {
    return this.worker !== null;
  }

  /** After each commit: starts the thread once the log is large, and asks it to copy what is new. */
  committed(): void {
    if (this.failed) return;
    if (!this.worker) {
      if (walSize(this.file) < this.startAt || !fs.existsSync(fileURLToPath(this.script))) return;
      this.start();
    }
    if (this.busy) this.again = true;
    else this.send('checkpoint');
  }

  /** Waits for the thread's last copy and closes its connection; the writer's close then finds little to do. */
  async finish(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      worker.removeAllListeners('message');
      const done = (): void => resolve();
      worker.on('message', (m) => m === 'close' && done());
      worker.once('error', done);
      worker.once('exit', done);
      this.busy = true;
      worker.postMessage('close');
    });
    this.worker = null;
    await worker.terminate();
  }

  private start(): void {
    const worker = new Worker(fileURLToPath(this.script), { workerData: { file: this.file, busyMs: BUSY_MS } });
    worker.on('message', () => {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.send('checkpoint');
      }
    });
    // A thread that fails leaves the checkpoints to the writer, as without it.
    const lost = (): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failed = true;
      this.db.pragma(`wal_autocheckpoint = ${OWN_CHECKPOINT_PAGES}`);
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    this.worker = worker;
    this.db.pragma('wal_autocheckpoint = 0');
  }

  private send(message: 'checkpoint'): void {
    this.busy = true;
    this.worker!.postMessage(message);
  }
}

function walSize(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
