import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED, json, papers, tempHome } from '../helpers/cli.js';
import { dataPapers } from '../parse/sources.js';
import type { Paper } from '../../src/model.js';

const real = dataPapers;

/**
 * 120 papers using every field of docs/cli.md: arXiv ids, author names, organizations, inferred
 * years, tags, notes with quotes and newlines, several sources, and ids with gaps (papers a
 * researcher has since removed).
 */
const corpus: Paper[] = real.slice(0, 120).map((p, i) => ({
  id: 3 * i + 2,
  title: p.title,
  abstract: i % 97 === 5 ? null : p.abstract,
  authors: i % 7 === 0 ? null : p.authors.length,
  author_names: i % 3 === 0 ? [] : p.authors,
  arxiv_id: i % 11 === 4 ? null : p.arxiv_id,
  organization: i % 7 === 0 ? `Lab ${i} "Δ" Institute` : null,
  org_handle: i % 7 === 0 ? `lab-${i}` : null,
  published: i % 50 === 7 ? null : p.published,
  year_inferred: i % 50 !== 7 && i % 2 === 0,
  upvotes: p.upvotes,
  tags: i % 5 === 0 ? ['to-read', `topic-${i % 4}`].sort() : [],
  note: i % 9 === 0 ? `Note ${i}: "see §3",\nthen the appendix` : null,
  sources: [{ file: `pages/2024-04-${String((i % 28) + 1).padStart(2, '0')}.txt`, line: 13 + 8 * i }, ...(i % 4 === 0 ? [{ file: 'seeds/later.txt', line: 5 }] : [])],
}));

const jsonl = (ps: Paper[]): string => ps.map((p) => `${JSON.stringify(p)}\n`).join('');

describe('backups restore: export, ingest into a new database, export again', () => {
  it('restores every paper with every field, its id and its sources, from json, jsonl and yaml', () => {
    const home = tempHome();
    fs.writeFileSync(path.join(home.dir, 'corpus.jsonl'), jsonl(corpus));
    const first = papers(['ingest', path.join(home.dir, 'corpus.jsonl'), '--json'], { env: home.env });
    expect(first.code, first.stderr).toBe(0);
    expect(json(first)).toMatchObject({ inserted: corpus.length, warnings: [], kinds: { 'papers-export': 1 } });
    const exported = papers(['export', '--format', 'jsonl'], { env: home.env }).stdout;
    expect(exported.trim().split('\n').map((l) => JSON.parse(l) as Paper)).toEqual(
      corpus.map((p) => ({ ...p, sources: [...p.sources].sort((a, b) => (a.file < b.file ? -1 : 1)) })),
    );

    for (const format of ['json', 'jsonl', 'yaml']) {
      const backup = path.join(home.dir, `backup.${format}`);
      expect(papers(['export', '--format', format, '-o', backup], { env: home.env }).code).toBe(0);
      const restored = tempHome();
      const r = papers(['--db', restored.db, 'ingest', backup], { env: restored.env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`${corpus.length} inserted`);
      expect(papers(['--db', restored.db, 'export', '--format', 'jsonl'], { env: restored.env }).stdout, format).toBe(exported);
    }
  });

  it('restoring into a database that already holds the papers adds tags and notes without losing its own', () => {
    const home = tempHome();
    papers(['ingest', SEED, '--as-of', '2025-11-27'], { env: home.env });
    const stored = json<Paper[]>(papers(['export', '--format', 'json'], { env: home.env }));
    // A backup of the same papers, where the researcher had tagged and annotated two of them.
    const backup = stored.map((p, i) => ({ ...p, tags: i < 2 ? ['mine'] : [], note: i === 0 ? 'from the backup' : null }));
    fs.writeFileSync(path.join(home.dir, 'backup.jsonl'), jsonl(backup));
    const r = json<{ inserted: number; updated: number; unchanged: number }>(
      papers(['ingest', path.join(home.dir, 'backup.jsonl'), '--json'], { env: home.env }),
    );
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: stored.length });
    const after = json<Paper[]>(papers(['export', '--format', 'json'], { env: home.env }));
    expect(after.map((p) => [p.id, p.title, p.tags, p.note])).toEqual(backup.map((p) => [p.id, p.title, p.tags, p.note]));
    // The sources the backup carried are the ones already stored: none names the backup file.
    expect(after.flatMap((p) => p.sources.map((s) => s.file))).not.toContain(path.join(home.dir, 'backup.jsonl'));
  });

  it('a damaged backup restores every whole record and names the file and line of each damaged one', () => {
    const home = tempHome();
    const lines = jsonl(corpus.slice(0, 20)).split('\n');
    lines[4] = lines[4]!.slice(0, 50); // a record cut short
    lines[9] = lines[9]!.replace('"published":"', '"published":"9999-99-');
    fs.writeFileSync(path.join(home.dir, 'damaged.jsonl'), lines.slice(0, 20).join('\n').slice(0, -40));
    const r = papers(['ingest', path.join(home.dir, 'damaged.jsonl')], { env: home.env });
    expect(r.code).toBe(0);
    const file = path.join(home.dir, 'damaged.jsonl');
    expect(r.stderr).toContain(`${file}:5: malformed record skipped:`);
    expect(r.stderr).toContain(`${file}:10: record skipped: "published" must be a date YYYY-MM-DD or null`);
    expect(r.stderr).toContain(`${file}:20: malformed record skipped:`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const ids = json<Paper[]>(papers(['export', '--format', 'json'], { env: home.env })).map((p) => p.id);
    expect(ids).toEqual(corpus.slice(0, 19).filter((_, i) => i !== 4 && i !== 9).map((p) => p.id));
  });
});
