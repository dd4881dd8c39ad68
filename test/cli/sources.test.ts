import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, json, papers, tempHome } from '../helpers/cli.js';
import type { Paper } from '../../src/model.js';

const AS_OF = ['--as-of', '2024-06-01'];
const fixture = (name: string) => path.join(FIXTURES, name);
const data = new Map(
  (JSON.parse(fs.readFileSync(fixture('hf-daily-papers-2024.json'), 'utf8')) as { arxiv_id: string; title: string; authors: string[] }[]).map(
    (p) => [p.arxiv_id, p],
  ),
);

interface Report {
  files_read: number;
  files_skipped: number;
  inserted: number;
  updated: number;
  kinds: Record<string, number>;
  warnings: { file: string; line: number; message: string }[];
}

/** A folder holding copies of the named fixtures, so one ingest reads them in the given order. */
function folderOf(dir: string, names: string[]): string {
  const folder = path.join(dir, 'pages');
  fs.mkdirSync(folder);
  names.forEach((n, i) => fs.copyFileSync(fixture(n), path.join(folder, `${i}-${n}`)));
  return folder;
}

describe('papers ingest: every source kind', () => {
  it('recognises each file by itself and says which kinds it found', () => {
    const { env, dir } = tempHome();
    const names = ['hf-two-pages.txt', 'hf-paper-page.txt', 'arxiv-listing-new.txt', 'arxiv-listing-recent.txt', 'arxiv-abstract.txt'];
    const folder = folderOf(dir, names);
    const r = papers(['ingest', folder, ...AS_OF], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^5 files read \(hf-listing 1, hf-paper-page 1, arxiv-listing 2, arxiv-abstract 1\), \d+ inserted/m);

    const { env: env2 } = tempHome();
    const report = json<Report>(papers(['ingest', folder, '--json', ...AS_OF], { env: env2 }));
    expect(report.kinds).toEqual({ 'hf-listing': 1, 'hf-paper-page': 1, 'arxiv-listing': 2, 'arxiv-abstract': 1 });
    expect(report.warnings).toEqual([]);
  });

  it('a blog post and a conference schedule: no papers, one warning naming each file', () => {
    const { env } = tempHome();
    const r = papers(['ingest', fixture('not-a-listing.txt'), fixture('conference-schedule.txt'), ...AS_OF], { env });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.includes('no paper entries recognised'))).toEqual([
      expect.stringMatching(/not-a-listing\.txt:1: no paper entries recognised$/),
      expect.stringMatching(/conference-schedule\.txt:1: no paper entries recognised$/),
    ]);
    expect(json<Paper[]>(papers(['list', '--json'], { env }))).toEqual([]);
  });

  it.each([
    ['HF listing first', ['hf-two-pages.txt', 'arxiv-listing-new.txt']],
    ['arXiv listing first', ['arxiv-listing-new.txt', 'hf-two-pages.txt']],
  ])('the same paper from an HF listing and an arXiv listing is one row (%s)', (_, order) => {
    const { env, dir } = tempHome();
    papers(['ingest', folderOf(dir, order), ...AS_OF], { env });
    const all = json<Paper[]>(papers(['list', '--json'], { env }));
    for (const id of ['2404.02575', '2404.02733']) {
      const p = data.get(id)!;
      const rows = all.filter((x) => x.title === p.title);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ arxiv_id: id, author_names: p.authors, authors: p.authors.length });
      expect(rows[0]!.sources.map((s) => path.basename(s.file)).sort()).toEqual(order.map((n, i) => `${i}-${n}`).sort());
    }
    // 4 papers in the HF listing, 5 in the arXiv listing, 2 shared.
    expect(all).toHaveLength(7);
  });

  it('the same arXiv id under two titles (a v2 retitle) is one paper', () => {
    const { env, dir } = tempHome();
    papers(['ingest', fixture('arxiv-listing-search.txt'), ...AS_OF], { env });
    const old = data.get('2402.05120')!.title;
    const retitled = fs.readFileSync(fixture('arxiv-abstract.txt'), 'utf8').replace(`Title:${old}`, 'Title:More Agents Is All You Need: Sampling and Voting Scale LLMs');
    expect(retitled).toContain('Title:More Agents Is All You Need: Sampling');
    fs.writeFileSync(path.join(dir, 'v2.txt'), retitled);
    const r = json<Report>(papers(['ingest', path.join(dir, 'v2.txt'), '--json', ...AS_OF], { env }));
    expect(r).toMatchObject({ inserted: 0, updated: 1 });
    const rows = json<Paper[]>(papers(['list', '--json'], { env })).filter((p) => p.arxiv_id === '2402.05120');
    expect(rows.map((p) => p.title)).toEqual(['More Agents Is All You Need: Sampling and Voting Scale LLMs']);
    expect(rows[0]!.sources).toHaveLength(2);
    // The new title is now how the paper is known: a listing without an id finds it by that title.
    const listing = `Get trending papers in your email inbox!\n\nMore Agents Is All You Need: Sampling and Voting Scale LLMs\n\n${rows[0]!.abstract}\n\n  • 5 authors\n·\nFeb 3, 2024 7\n`;
    fs.writeFileSync(path.join(dir, 'hf.txt'), listing);
    expect(json<Report>(papers(['ingest', path.join(dir, 'hf.txt'), '--json', ...AS_OF], { env }))).toMatchObject({ inserted: 0, updated: 1 });
    expect(json<Paper[]>(papers(['list', '--json'], { env })).filter((p) => p.title.startsWith('More Agents'))).toHaveLength(1);
  });

  it('a paper retitled within one file is known by its new title too', () => {
    const { env, dir } = tempHome();
    const rec = (title: string, arxiv_id: string | null) => JSON.stringify({ title, abstract: 'We study retitling.', arxiv_id });
    fs.writeFileSync(path.join(dir, 'a.jsonl'), `${rec('Old Title of a Paper', '2401.00001')}\n${rec('New Title of a Paper', '2401.00001')}\n`);
    fs.writeFileSync(path.join(dir, 'b.jsonl'), `${rec('New Title of a Paper', null)}\n`);
    papers(['ingest', path.join(dir, 'a.jsonl'), ...AS_OF], { env });
    papers(['ingest', path.join(dir, 'b.jsonl'), ...AS_OF], { env });
    expect(json<Paper[]>(papers(['list', '--json'], { env })).map((p) => [p.title, p.arxiv_id])).toEqual([['New Title of a Paper', '2401.00001']]);
  });

  it('--format forces a kind; --kind still works; an unknown kind is a usage error listing the kinds', () => {
    const { env } = tempHome();
    const forced = json<Report>(papers(['ingest', fixture('arxiv-abstract.txt'), '--format', 'arxiv-listing', '--json', ...AS_OF], { env }));
    expect(forced).toMatchObject({ files_read: 0, files_skipped: 1, inserted: 0 });
    const alias = json<Report>(papers(['ingest', fixture('arxiv-abstract.txt'), '--kind', 'arxiv-abstract', '--json', ...AS_OF], { env }));
    expect(alias).toMatchObject({ files_read: 1, inserted: 1, kinds: { 'arxiv-abstract': 1 } });

    const bad = papers(['ingest', fixture('arxiv-abstract.txt'), '--format', 'json', ...AS_OF], { env });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim()).toMatch(/^papers: --format expects a source kind: hf-listing, .*arxiv-abstract.* \(got 'json'\)$/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help shows --format and not the old --kind', () => {
    const { env } = tempHome();
    const help = papers(['ingest', '--help'], { env }).stdout;
    expect(help).toMatch(/--format <kind>/);
    expect(help).not.toMatch(/--kind/);
  });
});
