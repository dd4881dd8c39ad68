// The thread that copies an ingest's write-ahead log into the database (see checkpoints.ts).
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ASKED, CLOSE, DONE, FAILED } from './checkpoint-signals.js';

const { file, busyMs, signals } = workerData as { file: string; busyMs: number; signals: Int32Array };

// This thread does nothing else: it sleeps until the writer asks (a counter it raises after each
// commit), copies what is new, and says how far it got. A failure is said too, at once: the writer
// may be waiting, and cannot see this thread's errors while it does.
let db: Database.Database | undefined;
try {
  db = new Database(file, { fileMustExist: true });
  db.pragma(`busy_timeout = ${busyMs}`);
  let seen = 0;
  for (;;) {
    Atomics.wait(signals, ASKED, seen);
    seen = Atomics.load(signals, ASKED);
    // PASSIVE: copies what no reader still needs and never waits for, or blocks, the writer.
    db.pragma('wal_checkpoint(PASSIVE)');
    if (seen === CLOSE) db.close();
    Atomics.store(signals, DONE, seen);
    Atomics.notify(signals, DONE);
    if (seen === CLOSE) break;
  }
} catch {
  if (db?.open) db.close();
  Atomics.store(signals, DONE, FAILED);
  Atomics.notify(signals, DONE);
}
