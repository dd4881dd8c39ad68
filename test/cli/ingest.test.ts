import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED, json, papers, tempHome } from '../helpers/cli.js';
import type { Paper } from '../../src/model.js';

const AS_OF = ['--as-of', '2025-11-27'];

describe('papers ingest', () => {
  it('ingests the seed: 63 papers, report on stderr, nothing on stdout', () => {
    const { env } = tempHome();
    const r = papers(['ingest', 'seeds/', ...AS_OF], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/1 file read \(hf-listing 1\), 63 inserted, 0 updated, 0 unchanged/);
    const all = json<Paper[]>(papers(['list', '--json'], { env }));
    expect(all).toHaveLength(63);
  });

  it('--json prints the report on stdout', () => {
    const { env } = tempHome();
    const report = json<{ files_read: number; inserted: number; kinds: Record<string, number>; warnings: unknown[] }>(
      papers(['ingest', SEED, '--json', ...AS_OF], { env }),
    );
    expect(report.files_read).toBe(1);
    expect(report.inserted).toBe(63);
    expect(Object.values(report.kinds)).toEqual([1]);
  });

  it('is idempotent: ingesting the same listing twice changes nothing', () => {
    const { env, dir } = tempHome();
    papers(['ingest', SEED, ...AS_OF], { env });
    const before = papers(['export', '--format', 'jsonl'], { env }).stdout;
    const again = json<{ inserted: number; updated: number; unchanged: number }>(papers(['ingest', SEED, '--json', ...AS_OF], { env }));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 63 });
    // A touched file is read again, recognised by content, and still changes nothing.
    const future = new Date(Date.now() + 60_000);
    const copy = path.join(dir, 'seed.txt');
    fs.copyFileSync(SEED, copy);
    papers(['ingest', copy, ...AS_OF], { env });
    fs.utimesSync(copy, future, future);
    const touched = json<{ inserted: number; updated: number; unchanged: number }>(papers(['ingest', copy, '--json', ...AS_OF], { env }));
    expect(touched).toMatchObject({ inserted: 0, updated: 0, unchanged: 63 });
    const after = papers(['export', '--format', 'jsonl'], { env }).stdout;
    // Same papers, same fields; only the second source was added.
    const strip = (s: string) => s.trim().split('\n').map((l) => ({ ...JSON.parse(l), sources: [] }));
    expect(strip(after)).toEqual(strip(before));
  });

  it('a newer copy updates what changed and adds its source; a cut-off copy never shortens the abstract', () => {
    const { env, dir } = tempHome();
    papers(['ingest', SEED, ...AS_OF], { env });
    const text = fs.readFileSync(SEED, 'utf8');
    const abstractStart = 'Post-training language models (LMs) with reinforcement learning (RL) can enhance';
    const newer = text.replace('Sep 10 53', 'Sep 10 61');
    expect(newer).not.toBe(text);
    fs.writeFileSync(path.join(dir, 'newer.txt'), newer);
    const r = json<{ inserted: number; updated: number }>(papers(['ingest', path.join(dir, 'newer.txt'), '--json', ...AS_OF], { env }));
    expect(r).toMatchObject({ inserted: 0, updated: 1 });

    // The same paper again, cut off in the middle of its abstract, with no metadata.
    const full = json<Paper>(papers(['show', 'Sharing is Caring', '--json'], { env }));
    const cut = `Sharing is Caring: Efficient LM Post-Training with Collective RL Experience Sharing\n\n${full.abstract!.slice(0, 120)}\n`;
    fs.writeFileSync(path.join(dir, 'cut.txt'), `new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nNov 3\n\n${cut}`);
    papers(['ingest', path.join(dir, 'cut.txt'), ...AS_OF], { env });

    const paper = json<Paper>(papers(['show', 'Sharing is Caring', '--json'], { env }));
    expect(paper.upvotes).toBe(61);
    expect(paper.abstract).toBe(full.abstract);
    expect(paper.abstract!.startsWith(abstractStart)).toBe(true);
    expect(paper.sources.map((s) => path.basename(s.file)).sort()).toEqual(['000_64d1eb580072be36.txt', 'cut.txt', 'newer.txt']);
    expect(json<Paper[]>(papers(['list', '--json'], { env }))).toHaveLength(63);
  });

  it('reads stdin with -', () => {
    const { env } = tempHome();
    const r = papers(['ingest', '-', ...AS_OF], { env, input: fs.readFileSync(SEED) });
    expect(r.code).toBe(0);
    const p = json<Paper>(papers(['show', 'CHASE', '--json'], { env }));
    expect(p.sources).toEqual([{ file: '<stdin>', line: expect.any(Number) }]);
  });

  it('a path that does not exist is a usage error (exit 2), and the good paths are still ingested', () => {
    const { env } = tempHome();
    const r = papers(['ingest', 'no/such/folder', SEED, ...AS_OF], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no\/such\/folder: no such file or folder/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(json<Paper[]>(papers(['list', '--json'], { env }))).toHaveLength(63);
  });

  it('a file that is not a listing is reported by name, skipped, and fails the run (exit 1) without losing the rest', () => {
    const { env, dir } = tempHome();
    fs.writeFileSync(path.join(dir, 'paper.pdf'), Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\0\0', 'latin1'));
    fs.copyFileSync(SEED, path.join(dir, 'seed.txt'));
    const r = papers(['ingest', dir, ...AS_OF], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join(dir, 'paper.pdf')}: binary file (a PDF), not a listing; skipped`);
    expect(json<Paper[]>(papers(['list', '--json'], { env }))).toHaveLength(63);
  });

  it('skips the database itself when it lives in the folder being ingested', () => {
    const { env, dir } = tempHome();
    fs.copyFileSync(SEED, path.join(dir, 'seed.txt'));
    papers(['ingest', SEED, ...AS_OF], { env }); // the database now exists in dir, with its WAL
    const r = papers(['ingest', dir, ...AS_OF], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/papers\.db/);
  });

  it('rejects a bad --as-of with exit 2', () => {
    const { env } = tempHome();
    const r = papers(['ingest', SEED, '--as-of', '2025-02-30'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--as-of expects a date as YYYY-MM-DD/);
  });

  it('re-ingesting a file with another --as-of parses it again (how inferred years are corrected)', () => {
    const { env } = tempHome();
    papers(['ingest', SEED, '--as-of', '2025-11-27'], { env });
    expect(json<Paper>(papers(['show', 'Sharing is Caring', '--json'], { env })).published).toBe('2025-09-10');
    const again = json<{ files_unchanged: number; updated: number }>(papers(['ingest', SEED, '--as-of', '2025-11-01', '--json'], { env }));
    expect(again.files_unchanged).toBe(0);
    expect(again.updated).toBeGreaterThan(0);
    expect(json<Paper>(papers(['show', 'Sharing is Caring', '--json'], { env })).published).toBe('2024-09-10');
    // The same date again, or none: the file is unchanged and skipped.
    expect(json<{ files_unchanged: number }>(papers(['ingest', SEED, '--as-of', '2025-11-01', '--json'], { env })).files_unchanged).toBe(1);
    expect(json<{ files_unchanged: number }>(papers(['ingest', SEED, '--json'], { env })).files_unchanged).toBe(1);
  });

  it('resolves years against the page date and --as-of', () => {
    const { env } = tempHome();
    papers(['ingest', SEED, '--as-of', '2025-11-27'], { env });
    const sharing = json<Paper>(papers(['show', 'Sharing is Caring', '--json'], { env }));
    expect(sharing).toMatchObject({ published: '2025-09-10', year_inferred: true, upvotes: 53 });
    const { env: env2 } = tempHome();
    // Captured on Nov 1: the page's "Nov 3" is then last year's.
    papers(['ingest', SEED, '--as-of', '2025-11-01'], { env: env2 });
    expect(json<Paper>(papers(['show', 'Sharing is Caring', '--json'], { env: env2 })).published).toBe('2024-09-10');
  });
});
