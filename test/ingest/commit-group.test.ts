import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CommitGroup } from '../../src/ingest/commit-group.js';
import { tempDir } from '../helpers/temp-root.js';

function db(): { db: Database.Database; file: string } {
  const file = path.join(tempDir('papers-group-'), 'g.db');
  const d = new Database(file);
  d.pragma('journal_mode = WAL');
  d.exec('CREATE TABLE rows (file TEXT, n INTEGER)');
  return { db: d, file };
}

const write = (d: Database.Database, file: string, n: number) => () => {
  for (let i = 0; i < n; i++) d.prepare('INSERT INTO rows VALUES (?, ?)').run(file, i);
};

describe('CommitGroup', () => {
  it('commits whole files together, and a file that fails midway is undone alone', () => {
    const { db: d, file } = db();
    // What the store does before each commit (indexing the new papers), here: count the rows so far.
    const beforeCommit = () => {
      const { n } = d.prepare("SELECT count(*) AS n FROM rows WHERE file <> 'summary'").get() as { n: number };
      d.prepare("INSERT INTO rows VALUES ('summary', ?)").run(n);
    };
    const group = new CommitGroup(d, beforeCommit, () => 0);
    group.file(10, write(d, 'a', 3));
    group.file(10, write(d, 'b', 2));
    // Not yet committed: another connection sees nothing.
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 0 });
    expect(() =>
      group.file(10, () => {
        write(d, 'c', 4)();
        throw new Error('disk on fire');
      }),
    ).toThrow('disk on fire');
    expect(d.inTransaction).toBe(false);
    expect(other.prepare('SELECT file, count(*) AS n FROM rows GROUP BY file ORDER BY file').all()).toEqual([
      { file: 'a', n: 3 },
      { file: 'b', n: 2 },
      { file: 'summary', n: 1 },
    ]);
    // It ran once, inside the transaction, after the failed file was undone: it saw exactly a and b.
    expect(other.prepare("SELECT n FROM rows WHERE file = 'summary'").get()).toEqual({ n: 5 });
  });

  it('commits once enough time has passed', () => {
    const { db: d } = db();
    let t = 0;
    const group = new CommitGroup(d, () => {}, () => t);
    group.file(10, write(d, 'a', 1));
    expect(d.inTransaction).toBe(true);
    t = 1000;
    group.file(10, write(d, 'b', 1));
    expect(d.inTransaction).toBe(false);
  });
});
