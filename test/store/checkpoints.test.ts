import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BackgroundCheckpoints } from '../../src/store/checkpoints.js';
import { openStore } from '../../src/store/open.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-root.js';

/** The thread's script as `npm run build` makes it (the tests run after a build). */
const SCRIPT = new URL(`file://${path.join(ROOT, 'dist/checkpoint-worker.js')}`);
const COMMITS = 64;
const RESTART = 4 * 1024 * 1024;
const ROWS = 32; // of 16 KiB: 512 KiB a commit

const walSize = (file: string): number => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

/**
 * Writes COMMITS commits of 512 KiB as an ingest does, each right after the other, and returns the
 * largest the log grew. The thread starts at once, and the log should start over from 4 MiB.
 */
async function ingestLike(script: URL): Promise<{ file: string; threaded: boolean; largestLog: number }> {
  const file = path.join(tempDir('papers-checkpoints-'), 'papers.db');
  const db = await openStore(file);
  db.exec('CREATE TABLE filler (chunk BLOB)');
  const insert = db.prepare('INSERT INTO filler VALUES (randomblob(16384))');
  const checkpoints = new BackgroundCheckpoints(db, file, { script, startAt: 0, restartAt: RESTART });
  let largestLog = 0;
  let threaded = false;
  try {
    for (let c = 0; c < COMMITS; c++) {
      db.transaction(() => {
        for (let r = 0; r < ROWS; r++) insert.run();
      })();
      checkpoints.committed();
      threaded ||= checkpoints.threaded;
      largestLog = Math.max(largestLog, walSize(file));
    }
  } finally {
    await checkpoints.finish();
    db.close();
  }
  return { file, threaded, largestLog };
}

/** What a plain SQLite reader finds in the file afterwards. */
function stored(file: string): { rows: number; integrity: string; log: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const { rows } = db.prepare('SELECT count(*) AS rows FROM filler').get() as { rows: number };
    return { rows, integrity: db.pragma('integrity_check', { simple: true }) as string, log: walSize(file) };
  } finally {
    db.close();
  }
}

describe('BackgroundCheckpoints', () => {
  it('copies the log into the database from a second thread as the commits come, and the log starts over instead of growing', async () => {
    const withThread = await ingestLike(SCRIPT);
    const alone = await ingestLike(new URL('file:///nonexistent/checkpoint-worker.js'));
    expect(withThread.threaded).toBe(true);
    expect(alone.threaded).toBe(false);
    // Alone, the writer copies every 1 GiB: the log holds all 32 MiB at the end.
    expect(alone.largestLog).toBeGreaterThan(COMMITS * ROWS * 16384);
    // With it, the log starts over each time it reaches 4 MiB (the file is never longer than the log was).
    expect(withThread.largestLog).toBeLessThan(2 * RESTART);
    // Either way every commit is in the file, whole, and the writer's close removed the log.
    for (const run of [withThread, alone]) expect(stored(run.file)).toEqual({ rows: COMMITS * ROWS, integrity: 'ok', log: 0 });
  });

  it('a thread that fails is noticed at the next commit, not after a wait, and the writer checkpoints itself again', async () => {
    const file = path.join(tempDir('papers-checkpoints-'), 'papers.db');
    const db = await openStore(file);
    db.exec('CREATE TABLE filler (chunk BLOB)');
    // The thread opens the file by name: gone, it cannot, while the writer still has it open.
    fs.unlinkSync(file);
    // restartAt 0: the writer waits for the thread at its first commit, as at a log's restart.
    const checkpoints = new BackgroundCheckpoints(db, file, { script: SCRIPT, startAt: 0, restartAt: 0 });
    const started = Date.now();
    for (let c = 0; c < 20; c++) {
      db.prepare('INSERT INTO filler VALUES (randomblob(16384))').run();
      checkpoints.committed();
    }
    expect(Date.now() - started).toBeLessThan(5000); // not the busy timeout, 10 s
    expect(checkpoints.threaded).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(65536);
    await checkpoints.finish();
    db.close();
  });

  it('stays out of a small ingest: no thread until the log is large', async () => {
    const file = path.join(tempDir('papers-checkpoints-'), 'papers.db');
    const db = await openStore(file);
    const checkpoints = new BackgroundCheckpoints(db, file, { script: SCRIPT });
    db.exec('CREATE TABLE filler (chunk BLOB); INSERT INTO filler VALUES (randomblob(16384))');
    checkpoints.committed();
    expect(checkpoints.threaded).toBe(false);
    await checkpoints.finish();
    db.close();
    expect(stored(file)).toEqual({ rows: 1, integrity: 'ok', log: 0 });
  });
});
