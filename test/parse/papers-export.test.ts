import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseText } from '../../src/parse/index.js';
import { dataPapers, seedText } from './sources.js';

const ASOF = { asOf: '2025-11-05' };

/** Papers in the exported JSON shape of docs/cli.md, from the real data set. */
const exported = dataPapers.slice(0, 5).map((p, i) => ({
  id: i * 2 + 1,
  title: p.title,
  abstract: p.abstract,
  authors: null,
  author_names: p.authors,
  arxiv_id: p.arxiv_id,
  organization: i === 1 ? 'Sun Yat-Sen University' : null,
  org_handle: i === 1 ? 'SunYatsen' : null,
  published: p.published,
  year_inferred: i === 2,
  upvotes: p.upvotes,
  tags: i === 0 ? ['rl', 'to-read'] : [],
  note: i === 0 ? 'check the ablation: "table 3"\nand the appendix' : null,
  sources: [{ file: `pages/${i}.txt`, line: 10 + i }],
}));

const asJson = (papers: unknown[]): string => `[${papers.map((p) => `\n  ${JSON.stringify(p, null, 2).replaceAll('\n', '\n  ')}`).join(',')}\n]\n`;
const asJsonl = (papers: unknown[]): string => papers.map((p) => `${JSON.stringify(p)}\n`).join('');
const asYaml = (papers: unknown[]): string => papers.map((p) => stringify([p], { lineWidth: 0 })).join('');

/** What each exported paper must become: every field, the id and the sources carried along. */
function expectedEntry(p: (typeof exported)[number], line: number) {
  return {
    id: p.id,
    title: p.title,
    abstract: p.abstract,
    authors: p.authors,
    authorNames: p.author_names,
    arxivId: p.arxiv_id,
    organization: p.organization,
    orgHandle: p.org_handle,
    published: p.published,
    yearInferred: p.year_inferred,
    upvotes: p.upvotes,
    tags: p.tags,
    ...(p.note === null ? {} : { note: p.note }),
    sources: p.sources,
    line,
  };
}

/** The 1-based line of each line of `text` that starts a record, found by the writer's own shape. */
function startLines(text: string, start: RegExp): number[] {
  return text.split('\n').flatMap((l, i) => (start.test(l) ? [i + 1] : []));
}

describe('papers-export: the tool reads its own export back', () => {
  const shapes = [
    ['json', asJson, /^ {2}\{$/],
    ['jsonl', asJsonl, /^\{/],
    ['yaml', asYaml, /^- id:/],
  ] as const;

  for (const [name, render, start] of shapes) {
    it(`${name}: every field of every paper, at the line its record starts`, () => {
      const text = render(exported);
      const r = parseText(text, ASOF);
      expect(r.kind).toBe('papers-export');
      expect(r.diagnostics).toEqual([]);
      const lines = startLines(text, start);
      expect(r.entries).toEqual(exported.map((p, i) => expectedEntry(p, lines[i]!)));
    });
  }

  it('`show --json` output (one pretty object) and a stream of them', () => {
    const one = `${JSON.stringify(exported[0], null, 2)}\n`;
    expect(parseText(one, ASOF).entries).toEqual([expectedEntry(exported[0]!, 1)]);
    const two = one + one.replace('"id": 1', '"id": 3');
    expect(parseText(two, ASOF).entries.map((e) => [e.id, e.line])).toEqual([[1, 1], [3, one.split('\n').length]]);
  });

  it('an empty export is recognised and says so', () => {
    const r = parseText('[]\n', ASOF);
    expect(r).toEqual({ kind: 'papers-export', entries: [], diagnostics: [{ line: 1, message: 'no paper entries recognised: the export is empty' }] });
    expect(parseText('', { ...ASOF, kind: 'papers-export' }).diagnostics).toEqual([{ line: 1, message: 'not a papers export (JSON, JSONL or YAML)' }]);
  });

  it('listing text, other JSON and prose are not claimed', () => {
    expect(parseText(seedText, ASOF).kind).toBe('hf-listing');
    for (const other of ['{"name": "papers", "version": "1"}\n', '[{"title": "My blog post", "url": "https://x"}]\n', '[1, 2, 3]\n', '- milk\n- eggs\n', '- id: 3\n  name: x\n', 'Dear diary\n']) {
      expect(parseText(other, ASOF).kind, other).toBe('none');
    }
  });
});

describe('papers-export: a damaged record costs that record and a warning at its line', () => {
  it('json: a malformed record, a record with a bad field, a record without a title', () => {
    const text = asJson(exported)
      .replace('"upvotes": 3', '"upvotes": "lots"')
      .replace(`"title": ${JSON.stringify(exported[3]!.title)},`, '')
      .replace(`"arxiv_id": "${exported[4]!.arxiv_id}",`, `"arxiv_id": "${exported[4]!.arxiv_id}"`);
    const r = parseText(text, ASOF);
    const lines = startLines(text, /^ {2}\{$/);
    const bad = exported.filter((p) => p.upvotes === 3).map((p) => exported.indexOf(p));
    expect(r.diagnostics).toEqual(
      [
        ...bad.map((i) => ({ line: lines[i]!, message: 'record skipped: "upvotes" must be a whole number >= 0' })),
        { line: lines[3]!, message: 'record skipped: no "title"' },
        { line: lines[4]!, message: expect.stringMatching(/^malformed record skipped: /) },
      ].sort((a, b) => a.line - b.line),
    );
    expect(r.entries.map((e) => e.id)).toEqual(exported.filter((_, i) => i !== 3 && i !== 4 && !bad.includes(i)).map((p) => p.id));
  });

  it('json cut off mid-record: the whole records before the cut are kept', () => {
    const text = asJson(exported);
    const cut = text.slice(0, text.indexOf(exported[3]!.abstract.slice(0, 40)));
    const r = parseText(cut, ASOF);
    expect(r.kind).toBe('papers-export');
    expect(r.entries.map((e) => e.id)).toEqual([1, 3, 5]);
    expect(r.diagnostics).toEqual([{ line: startLines(text, /^ {2}\{$/)[3]!, message: 'record cut off at the end of the file; skipped' }]);
  });

  it('a lone record cut off is reported once, as cut off', () => {
    expect(parseText('{"title": "x", "abstract": "y', ASOF).diagnostics).toEqual([{ line: 1, message: 'record cut off at the end of the file; skipped' }]);
  });

  it('json: an unclosed string damages one record, not the rest', () => {
    const text = asJson(exported).replace(`"${exported[1]!.arxiv_id}"`, `"${exported[1]!.arxiv_id}`);
    const r = parseText(text, ASOF);
    expect(r.entries.map((e) => e.id)).toEqual([1, 5, 7, 9]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.line).toBe(startLines(text, /^ {2}\{$/)[1]);
  });

  it('jsonl: a garbled line and a line cut off at the end', () => {
    const lines = asJsonl(exported).split('\n');
    lines[1] = lines[1]!.replace(',"title"', '#"title"');
    lines[4] = lines[4]!.slice(0, 100);
    const r = parseText(lines.join('\n'), ASOF);
    expect(r.entries.map((e) => [e.id, e.line])).toEqual([[1, 1], [5, 3], [7, 4]]);
    expect(r.diagnostics.map((d) => d.line)).toEqual([2, 5]);
    expect(r.diagnostics.every((d) => d.message.startsWith('malformed record skipped: '))).toBe(true);
  });

  it('yaml: a record with broken indentation', () => {
    const text = asYaml(exported);
    const starts = startLines(text, /^- id:/);
    const lines = text.split('\n');
    lines[starts[2]!] = `    ${lines[starts[2]!]!}: [`;
    const r = parseText(lines.join('\n'), ASOF);
    expect(r.entries.map((e) => e.id)).toEqual([1, 3, 7, 9]);
    expect(r.diagnostics).toEqual([{ line: starts[2]!, message: expect.stringMatching(/^malformed record skipped: /) }]);
  });
});

describe('paper metadata JSON from elsewhere', () => {
  it('takes "authors" as a list of names: the names and their count (the real papers in fixtures/)', () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/hf-daily-papers-2024.json'), 'utf8');
    const real = JSON.parse(text) as { arxiv_id: string; title: string; authors: string[]; published: string; upvotes: number }[];
    const parsed = parseText(text, ASOF);
    expect(parsed.kind).toBe('papers-export');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.entries.map((e) => [e.title, e.authors, e.authorNames, e.arxivId, e.published, e.upvotes])).toEqual(
      real.map((p) => [p.title, p.authors.length, p.authors, p.arxiv_id, p.published, p.upvotes]),
    );
  });
});
