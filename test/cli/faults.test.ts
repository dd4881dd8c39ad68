import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SEED, json, papers, tempHome, unprivilegedUser } from '../helpers/cli.js';
import { PAGE_DATE, partialFiles, schemaComplete, sleep, start, storedPerFile, writePages, writeSyntheticPages } from '../helpers/faults.js';
import { prng } from '../helpers/random.js';
import type { Paper } from '../../src/model.js';

const TOTAL = 753;
const AS_OF = ['--as-of', PAGE_DATE];

/** Waits until the database holds at least one paper, so a signal lands mid-ingest rather than at start-up. */
async function untilSomePapers(db: string, timeoutMs = 20_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(10)) {
    try {
      if (fs.existsSync(db) && storedPerFile(db).papers > 0) return;
    } catch {
      /* not created yet, or being created */
    }
  }
  throw new Error('ingest never stored a paper');
}

describe('an ingest killed with SIGKILL at any moment', () => {
  it('leaves a database that passes integrity_check and holds only whole files; the next run finishes the job', async () => {
    const { dir, db, env } = tempHome();
    const pages = writePages(path.join(dir, 'pages'), 300);
    const rand = prng(42);
    const seen: number[] = [];
    for (let attempt = 0; ; attempt++) {
      expect(attempt, 'ingest never completed').toBeLessThan(25);
      const run = start(['ingest', path.join(dir, 'pages'), ...AS_OF], env);
      // Anywhere from start-up (opening, migrating) to past the end of a whole run.
      const timer = setTimeout(() => run.child.kill('SIGKILL'), 100 + rand() * 800);
      const r = await run.done;
      clearTimeout(timer);
      const state = storedPerFile(db);
      expect(state.integrity).toBe('ok');
      expect(partialFiles(state.perFile, pages)).toEqual([]);
      // A file is remembered as ingested only together with its papers.
      for (const file of state.recorded) expect(state.perFile.get(file), file).toBe(pages.get(file)!.length);
      seen.push(state.papers);
      if (process.env.PAPERS_FAULT_STATS) console.log(`attempt ${attempt}: ${r.signal ?? `exit ${r.code}`}, ${state.papers} papers, ${state.perFile.size} whole files`);
      if (r.signal === null) {
        expect(r.code, r.stderr).toBe(0);
        break;
      }
    }
    expect(seen.at(-1)).toBe(TOTAL);
    expect(seen).toEqual([...seen].sort((a, b) => a - b)); // never lost what an earlier run stored
  });
});

describe('Ctrl-C (SIGINT)', () => {
  it('stops after the file in hand with a message and exit 130; the next run finishes the job', async () => {
    const { dir, db, env } = tempHome();
    // Ingest commits whole files about once a second: the run must outlast the first commit.
    const TOTAL = 30_000;
    const pages = writeSyntheticPages(path.join(dir, 'pages'), TOTAL, 300);
    const run = start(['ingest', path.join(dir, 'pages'), ...AS_OF], env);
    await untilSomePapers(db);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/^papers: interrupted: the files ingested so far are kept; run the same command again to finish$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const state = storedPerFile(db);
    expect(state.integrity).toBe('ok');
    expect(partialFiles(state.perFile, pages)).toEqual([]);
    expect(state.papers).toBeGreaterThan(0);
    expect(state.papers).toBeLessThan(TOTAL);

    const again = papers(['ingest', path.join(dir, 'pages'), '--json', ...AS_OF], { env });
    expect(again.code).toBe(0);
    expect(json<{ inserted: number; files_unchanged: number }>(again)).toMatchObject({ inserted: TOTAL - state.papers });
    expect(storedPerFile(db).papers).toBe(TOTAL);
  });

  it('while waiting for stdin: stops at once, and the unfinished paste is not stored', async () => {
    const { db, env } = tempHome();
    const run = start(['ingest', SEED, '-', ...AS_OF], env);
    run.child.stdin!.write(fs.readFileSync(SEED).subarray(0, 4000));
    await untilSomePapers(db);
    run.child.kill('SIGINT');
    const r = await Promise.race([run.done, sleep(10_000).then(() => null)]);
    expect(r, 'still waiting for stdin after Ctrl-C').not.toBeNull();
    expect(r!.code).toBe(130);
    const sources = json<Paper[]>(papers(['list', '--json'], { env })).flatMap((p) => p.sources.map((s) => s.file));
    expect(sources).not.toContain('<stdin>');
    expect(new Set(sources)).toEqual(new Set([SEED]));
  });
});

describe('two writers and a reader at once', () => {
  it('several ingests creating the same new database at once all succeed, and none takes it for another application\'s', async () => {
    // Each process switches the new file to WAL and reads its schema while the others create it.
    for (let round = 0; round < 5; round++) {
      const { db, env } = tempHome();
      const runs = await Promise.all(Array.from({ length: 4 }, () => start(['ingest', SEED, '--json', ...AS_OF], env).done));
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      expect(runs.reduce((n, r) => n + json<{ inserted: number }>(r).inserted, 0)).toBe(63);
      expect(storedPerFile(db).integrity).toBe('ok');
    }
  });

  it('both ingests succeed with nothing lost; every list sees whole files only, every search answers', async () => {
    const { dir, db, env } = tempHome();
    const a = writePages(path.join(dir, 'a'), 150, 'a');
    const b = writePages(path.join(dir, 'b'), 150, 'b');
    // The same 753 papers, written twice under different names: both writers merge into the same rows.
    papers(['info'], { env });
    const first = start(['ingest', path.join(dir, 'a'), '--json', ...AS_OF], env);
    const second = start(['ingest', path.join(dir, 'b'), '--json', ...AS_OF], env);
    let running = true;
    void Promise.all([first.done, second.done]).then(() => (running = false));
    const pages = new Map([...a, ...b]);
    // Besides the CLI readers, a plain SQLite reader takes snapshots as fast as it can.
    let snapshots = 0;
    const sampler = (async () => {
      while (running) {
        if (fs.existsSync(db) && schemaComplete(db)) {
          try {
            const state = storedPerFile(db);
            expect(partialFiles(state.perFile, pages)).toEqual([]);
            snapshots++;
          } catch (err) {
            if (!/no such table/.test(String(err))) throw err; // the schema is still being created
          }
        }
        await sleep(5);
      }
    })();
    let reads = 0;
    let midway = 0;
    while (running) {
      // Searches run between the lists: they must answer, whatever the writers are doing.
      const s = await start(['search', 'learning', '--json'], env).done;
      if (s.code === 0) expect(Array.isArray(json(s)), s.stderr).toBe(true);
      else expect(s.stderr).toMatch(/no database at|needs an upgrade/);
      const r = await start(['list', '--format', 'json'], env).done;
      if (r.code !== 0) {
        // Before the first writer has created the database there is nothing to read yet.
        expect(r.stderr).toMatch(/no database at|needs an upgrade/);
        continue;
      }
      const perFile = new Map<string, number>();
      for (const p of json<Paper[]>(r)) for (const s of p.sources) perFile.set(s.file, (perFile.get(s.file) ?? 0) + 1);
      expect(partialFiles(perFile, pages)).toEqual([]);
      reads++;
      if (perFile.size > 0 && perFile.size < pages.size) midway++;
    }
    const [ra, rb] = await Promise.all([first.done, second.done]);
    await sampler;
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const reports = [json<{ inserted: number; updated: number; unchanged: number }>(ra), json<{ inserted: number; updated: number; unchanged: number }>(rb)];
    expect(reports[0]!.inserted + reports[1]!.inserted).toBe(TOTAL);
    const state = storedPerFile(db);
    expect(state.integrity).toBe('ok');
    expect(state.papers).toBe(TOTAL);
    expect(partialFiles(state.perFile, pages)).toEqual([]);
    expect(state.perFile.size).toBe(300);
    expect(reads).toBeGreaterThan(0);
    expect(snapshots).toBeGreaterThan(0);
    if (process.env.PAPERS_FAULT_STATS) console.log(`CLI reads ${reads}, of which mid-ingest ${midway}; SQLite snapshots ${snapshots}`);
  });
});

/** Each command a researcher might point at the file, and whether it writes. */
const COMMANDS = [['ingest', SEED, ...AS_OF], ['list'], ['search', 'agents'], ['export']];

function fingerprint(file: string): { bytes: string; mtimeMs: number; size: number } {
  const st = fs.statSync(file);
  return { bytes: fs.readFileSync(file).toString('base64'), mtimeMs: st.mtimeMs, size: st.size };
}

describe('a --db that is not a papers database is refused and never modified', () => {
  const goodDb = (): string => {
    const { db, env } = tempHome();
    papers(['ingest', SEED, ...AS_OF], { env });
    return db;
  };
  const cases: [string, () => string, RegExp][] = [
    ['a text file', () => {
      const f = path.join(tempHome().dir, 'notes.txt');
      fs.writeFileSync(f, 'my reading notes\n');
      return f;
    }, /is not a papers database \(not an SQLite file\); it was left untouched/],
    ['another application\'s SQLite database', () => {
      const f = path.join(tempHome().dir, 'places.sqlite');
      const other = new Database(f);
      other.exec('CREATE TABLE moz_places (url TEXT); INSERT INTO moz_places VALUES (\'https://arxiv.org\')');
      other.close();
      return f;
    }, /is an SQLite database but not a papers database; it was left untouched/],
    ['a database from a newer papers', () => {
      const f = goodDb();
      const d = new Database(f);
      d.pragma('user_version = 99');
      d.close();
      return f;
    }, /has schema version 99, newer than this papers \(\d+\): upgrade papers to use it/],
    ['a database whose pages are damaged', () => {
      const f = goodDb();
      const bytes = fs.readFileSync(f);
      const rand = prng(3);
      for (let i = 4096; i < bytes.length - 4096; i++) bytes[i] = Math.floor(rand() * 256);
      fs.writeFileSync(f, bytes);
      return f;
    }, /is damaged \(.*\); it was not modified/],
    ['a database cut off half way', () => {
      const f = goodDb();
      fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2 / 4096) * 4096);
      return f;
    }, /is damaged \(database disk image is malformed\); it was not modified/],
  ];

  for (const [what, make, message] of cases) {
    it(what, async () => {
      const file = make();
      const before = fingerprint(file);
      const { env } = tempHome();
      const runs = await Promise.all(COMMANDS.map((args) => start(['--db', file, ...args], env).done));
      for (const [i, r] of runs.entries()) {
        const args = COMMANDS[i]!;
        expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
        expect(r.stderr.trim().split('\n'), args[0]).toEqual([expect.stringMatching(message)]);
        // Export streams: on a damaged page found mid-way, what was written before it stays written.
        if (args[0] !== 'export') expect(r.stdout).toBe('');
      }
      expect(fingerprint(file)).toEqual(before);
    });
  }
});

/**
 * Tests run as root, where permissions do not stop anything; the read-only cases run the CLI
 * as the unprivileged `nobody` instead, so the file system really refuses writes.
 */
const asRoot = process.getuid?.() === 0;
const user = unprivilegedUser() ?? undefined;
/** As root with no unprivileged user to switch to, nothing would refuse the writes these cases expect. */
const cannotRefuse = asRoot && !user;

describe('a read-only database still serves list, search, show and export', () => {
  const readOnlyCorpus = (): { db: string; env: NodeJS.ProcessEnv; dir: string } => {
    const home = tempHome();
    papers(['ingest', SEED, ...AS_OF], { env: home.env });
    fs.chmodSync(home.dir, 0o755);
    return home;
  };
  const reads = [['list', '--json'], ['search', 'agents', '--json'], ['show', '1', '--json']];

  for (const [what, lockDown] of [
    ['the file is read-only (chmod 444)', (h: { db: string; dir: string }) => fs.chmodSync(h.db, 0o444)],
    ['the file and its folder are read-only (no -shm can be created)', (h: { db: string; dir: string }) => {
      fs.chmodSync(h.db, 0o444);
      fs.chmodSync(h.dir, 0o555);
    }],
  ] as const) {
    it.skipIf(cannotRefuse)(what, () => {
      const home = readOnlyCorpus();
      const expected = papers(['export', '--format', 'jsonl'], { env: home.env }).stdout;
      lockDown(home);
      const before = fingerprint(home.db);
      try {
        for (const args of reads) {
          const r = papers(args, { env: home.env, user });
          expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0);
          expect(r.stderr).toBe('');
          expect(r.stdout.length).toBeGreaterThan(0);
        }
        expect(papers(['export', '--format', 'jsonl'], { env: home.env, user }).stdout).toBe(expected);
        // Nothing new to store needs no write and succeeds; new papers need one and are refused.
        expect(papers(['ingest', SEED, ...AS_OF], { env: home.env, user }).code).toBe(0);
        const w = papers(['ingest', path.join(FIXTURES, 'hf-org-lines.txt'), ...AS_OF], { env: home.env, user });
        expect(w.code).toBe(1);
        expect(w.stderr.trim().split('\n')).toEqual([expect.stringMatching(/is read-only .*: list, search, show and export still work/)]);
        expect(fingerprint(home.db)).toEqual(before);
      } finally {
        fs.chmodSync(home.dir, 0o755);
      }
    });
  }
});

describe('a read-only folder holding a database with changes still in its -wal', () => {
  it.skipIf(cannotRefuse)('is read through an existing -shm; without one, refused with a message rather than shown out of date', () => {
    const home = tempHome();
    papers(['ingest', SEED, ...AS_OF], { env: home.env });
    // A writer that stopped before checkpointing: its last papers are only in the -wal.
    const writer = new Database(home.db);
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("UPDATE papers SET note = 'only in the wal' WHERE id = 1").run();
    const copy = path.join(home.dir, 'frozen');
    fs.mkdirSync(copy);
    for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(home.db + suffix, path.join(copy, `papers.db${suffix}`));
    writer.close();
    const db = path.join(copy, 'papers.db');
    fs.chmodSync(home.dir, 0o755);
    try {
      fs.chmodSync(copy, 0o555);
      const withShm = papers(['--db', db, 'show', '1', '--json'], { env: home.env, user });
      expect(withShm.code, withShm.stderr).toBe(0);
      expect(json<Paper>(withShm).note).toBe('only in the wal');

      fs.chmodSync(copy, 0o755);
      fs.rmSync(`${db}-shm`);
      fs.chmodSync(copy, 0o555);
      const withoutShm = papers(['--db', db, 'show', '1', '--json'], { env: home.env, user });
      expect(withoutShm.code).toBe(1);
      expect(withoutShm.stderr.trim().split('\n')).toEqual([expect.stringMatching(/has changes in .*-wal that cannot be read without its -shm file/)]);
    } finally {
      fs.chmodSync(copy, 0o755);
    }
  });
});
