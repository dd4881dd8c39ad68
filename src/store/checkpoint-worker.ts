// The thread that copies an ingest's write-ahead log into the database (see checkpoints.ts).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file as string, { fileMustExist: true });
db.pragma(`busy_timeout = ${workerData.busyMs as number}`);

parentPort!.on('message', (message: 'checkpoint' | 'close') => {
  // PASSIVE: copies what no reader still needs and never waits for, or blocks, the writer.
  db.pragma('wal_checkpoint(PASSIVE)');
  if (message === 'close') db.close();
  parentPort!.postMessage(message);
});
