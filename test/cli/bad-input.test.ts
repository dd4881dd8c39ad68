import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SEED, json, papers, tempHome, unprivilegedUser } from '../helpers/cli.js';
import { start } from '../helpers/faults.js';
import { dataPapers } from '../parse/sources.js';
import type { Paper } from '../../src/model.js';

const AS_OF = ['--as-of', '2025-11-27'];
const NO_STACK = /\n\s+at |internal error/;

/**
 * Tests run as root, where chmod 000 stops nothing; the unreadable-file case runs the CLI as the
 * unprivileged `nobody` so the file system really refuses the read.
 */
const user = unprivilegedUser() ?? undefined;

/** The seed's text with its non-Latin-1 characters dropped, so it can be saved as Latin-1. */
function latin1Listing(): { bytes: Buffer; title: string } {
  const title = 'Réseaux de neurones: une étude à grande échelle';
  const text = fs
    .readFileSync(SEED, 'utf8')
    .replace('Sharing is Caring: Efficient LM Post-Training with Collective RL Experience Sharing', title)
    .replace(/[^\x00-\xff]/g, '');
  return { bytes: Buffer.from(text, 'latin1'), title };
}

describe('a folder of bad input: each file gets one line naming it, the good files are still ingested', () => {
  it('empty, binary, not a listing, Latin-1, a 5 MB line, cut off, garbled dates, unreadable, symlink loops, a missing path', () => {
    const home = tempHome();
    fs.chmodSync(home.dir, 0o777);
    const dir = path.join(home.dir, 'corpus');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    const f = (name: string): string => path.join(dir, name);
    fs.writeFileSync(f('empty.txt'), '');
    fs.writeFileSync(f('paper.pdf'), Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'));
    fs.writeFileSync(f('shot.png'), Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'));
    fs.copyFileSync(path.join(FIXTURES, 'not-a-listing.txt'), f('blog.txt'));
    const latin1 = latin1Listing();
    fs.writeFileSync(f('latin1.txt'), latin1.bytes);
    fs.writeFileSync(f('huge.txt'), 'Large language models are trained on text. '.repeat(120_000));
    fs.copyFileSync(path.join(FIXTURES, 'hf-cut-off.txt'), f('cut.txt'));
    fs.copyFileSync(path.join(FIXTURES, 'hf-garbled-date.txt'), f('garbled.txt'));
    fs.copyFileSync(path.join(FIXTURES, 'hf-org-lines.txt'), f('locked.txt'));
    fs.chmodSync(f('locked.txt'), 0o000);
    fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
    fs.symlinkSync('.', path.join(dir, 'sub', 'here'));
    fs.copyFileSync(SEED, path.join(dir, 'sub', 'seed.txt'));
    const missing = path.join(home.dir, 'no-such-folder');

    const r = papers(['ingest', dir, missing, '--json', ...AS_OF], { env: home.env, user });
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.code).toBe(2); // a path that does not exist, reported once the rest is ingested
    const report = json<{ warnings: { file: string; line: number; message: string }[]; files_read: number; files_skipped: number }>(r);
    const said = (name: string) => report.warnings.filter((w) => w.file === f(name)).map((w) => (w.line ? `${w.line}: ${w.message}` : w.message));

    expect(report.warnings.filter((w) => w.file === missing).map((w) => w.message)).toEqual(['no such file or folder']);
    expect(said('empty.txt')).toEqual(['empty file; skipped']);
    expect(said('paper.pdf')).toEqual(['binary file (a PDF), not a listing; skipped']);
    expect(said('shot.png')).toEqual(['binary file (a PNG image), not a listing; skipped']);
    expect(said('blog.txt')).toEqual(['1: no paper entries recognised']);
    expect(said('huge.txt')).toEqual(['1: no paper entries recognised']);
    expect(said('latin1.txt')).toEqual(['not valid UTF-8; read as Latin-1 (Windows-1252)']);
    expect(said('cut.txt')).toEqual([expect.stringMatching(/^\d+: entry cut off/)]);
    expect(said('garbled.txt')).toEqual([expect.stringMatching(/^19: unrecognised date line: Sepp 3x, 20z4$/), expect.stringMatching(/^\d+: unrecognised date line: /)]);
    // Root reads a chmod 000 file: without a user to run as (a checkout nobody can reach), it is just read.
    const refused = !!user || process.getuid?.() !== 0;
    expect(said('locked.txt')).toEqual(refused ? ['cannot read (EACCES); skipped'] : []);
    // The loops are cut silently: the seed is read once, through its real path only.
    expect(report.warnings.filter((w) => w.file.includes(`${path.sep}sub${path.sep}`))).toEqual([]);

    const stored = json<Paper[]>(papers(['export', '--format', 'json'], { env: home.env }));
    const files = new Set(stored.flatMap((p) => p.sources.map((s) => path.basename(s.file))));
    expect([...files].sort()).toEqual(['cut.txt', 'garbled.txt', 'latin1.txt', ...(refused ? [] : ['locked.txt']), 'seed.txt']);
    expect(stored.map((p) => p.title)).toContain(latin1.title);
    expect(stored.filter((p) => p.sources.some((s) => s.file === path.join(dir, 'sub', 'seed.txt')))).toHaveLength(63);
    expect(stored.every((p) => p.sources.every((s) => !s.file.includes(`${path.sep}up${path.sep}`) && !s.file.includes(`${path.sep}here${path.sep}`)))).toBe(true);
  });

  it('a folder of 1500 listing files', () => {
    const { dir, env } = tempHome();
    const folder = path.join(dir, 'many');
    fs.mkdirSync(folder);
    for (let i = 0; i < 1500; i++) {
      const p = dataPapers[i % dataPapers.length]!;
      const text = `Get trending papers in your email inbox!\n\n${p.title} (${i})\n\n${p.abstract}\n\n  • ${p.authors.length} authors\n·\nJun 5, 2024 ${i}\n`;
      fs.writeFileSync(path.join(folder, `${String(i).padStart(5, '0')}.txt`), text);
    }
    const r = papers(['ingest', folder, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r)).toMatchObject({ files_read: 1500, inserted: 1500, warnings: [] });
    const again = papers(['ingest', folder, '--json'], { env });
    expect(json(again)).toMatchObject({ files_unchanged: 1500, inserted: 0 });
  });
});

describe('search and show take any string', () => {
  // FTS5 syntax (quotes, *, parentheses, column filters, operators), SQL LIKE wildcards, nothing at all.
  const QUERIES = ['C++', '"', '*', '(', 'title:', '', 'a"b', 'NEAR(', 'agents AND'];

  it('search: exit 0 and a JSON array for every query; show: found, not found or ambiguous, never a crash', async () => {
    const { env } = tempHome();
    papers(['ingest', SEED, ...AS_OF], { env });
    const searches = await Promise.all(QUERIES.map((q) => start(['search', q, '--json'], env).done));
    const shows = await Promise.all(QUERIES.map((q) => start(['show', q], env).done));
    for (const [i, q] of QUERIES.entries()) {
      const s = searches[i]!;
      expect(s.code, `search ${JSON.stringify(q)}: ${s.stderr}`).toBe(0);
      expect(s.stderr).not.toMatch(NO_STACK);
      expect(Array.isArray(json(s))).toBe(true);
      const sh = shows[i]!;
      expect([0, 1], `show ${JSON.stringify(q)}: ${sh.stderr}`).toContain(sh.code);
      expect(sh.stderr).not.toMatch(NO_STACK);
      if (sh.code === 1) expect(sh.stderr.split('\n')[0]).toMatch(/^(papers: no paper matches|.*matches more than one paper)/);
    }
  });
});
