/**
 * Which kind each source text is, and that page chrome never becomes a paper whatever the kind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { parseArxivId, parseAuthorNames } from '../../src/parse/arxiv.js';
import { parseDayMonthYear } from '../../src/parse/dates.js';
import { ROOT, dataPapers, readFixture, seedText } from './sources.js';

const AS_OF = { asOf: '2025-11-05' };

/** The kind every fixture is, by its name. */
function expectedKind(name: string): string {
  if (name.startsWith('hf-paper-page')) return 'hf-paper-page';
  if (name.startsWith('hf-')) return 'hf-listing';
  if (name.startsWith('arxiv-listing-')) return 'arxiv-listing';
  if (name.startsWith('arxiv-abstract')) return 'arxiv-abstract';
  return 'none';
}

const TEXT_FIXTURES = fs
  .readdirSync(path.join(ROOT, 'fixtures'))
  .filter((f) => f.endsWith('.txt') && /^(hf-|arxiv-|not-a-listing|conference-)/.test(f))
  .sort();

describe('detection', () => {
  it('covers every kind', () => {
    expect(new Set(TEXT_FIXTURES.map(expectedKind))).toEqual(
      new Set(['hf-listing', 'hf-paper-page', 'arxiv-listing', 'arxiv-abstract', 'none']),
    );
  });

  it.each(TEXT_FIXTURES)('%s is recognised as its own kind', (name) => {
    const r = parseText(readFixture(name), AS_OF);
    expect(r.kind).toBe(expectedKind(name));
    if (r.kind !== 'none') expect(r.entries.length).toBeGreaterThan(0);
  });

  it('the seed is an hf-listing', () => {
    expect(parseText(seedText, AS_OF).kind).toBe('hf-listing');
  });

  it.each(['not-a-listing.txt', 'conference-schedule.txt'])('%s: no papers and one warning', (name) => {
    expect(parseText(readFixture(name), AS_OF)).toEqual({
      kind: 'none',
      entries: [],
      diagnostics: [{ line: 1, message: 'no paper entries recognised' }],
    });
  });
});

describe('page chrome never becomes a paper', () => {
  const byTitle = new Map(dataPapers.map((p) => [p.title, p]));
  const mine = TEXT_FIXTURES.filter((f) => /^(?:arxiv-|hf-paper-page)/.test(f));

  it.each(mine)('%s: every field of every entry is the paper\'s own', (name) => {
    const { entries } = parseText(readFixture(name), AS_OF);
    for (const e of entries) {
      const p = byTitle.get(e.title);
      expect(p, e.title).toBeDefined();
      expect(e.arxivId).toBe(p!.arxiv_id);
      if (e.abstract !== null) expect(p!.abstract.startsWith(e.abstract)).toBe(true);
      for (const n of e.authorNames) expect(p!.authors).toContain(n);
    }
  });

  it.each(mine)('%s without its papers\' lines: nothing, even when its kind is forced', (name) => {
    const text = readFixture(name);
    const papers = dataPapers.filter((p) => text.includes(p.title));
    expect(papers.length).toBeGreaterThan(0);
    const data = papers.flatMap((p) => [p.title, p.abstract.slice(0, 60), p.arxiv_id, ...p.authors]);
    const chrome = text
      .split('\n')
      .filter((l) => !data.some((d) => l.includes(d)))
      .join('\n');
    expect(parseText(chrome, AS_OF).entries).toEqual([]);
    expect(parseText(chrome, { ...AS_OF, kind: expectedKind(name) }).entries).toEqual([]);
  });
});

describe('shared arXiv helpers', () => {
  it('parseArxivId: every way a page writes an id, without its version', () => {
    expect(parseArxivId('arXiv:2512.04392')).toBe('2512.04392');
    expect(parseArxivId('arxiv:2512.07201v3')).toBe('2512.07201');
    expect(parseArxivId('https://arxiv.org/abs/2401.02385v2')).toBe('2401.02385');
    expect(parseArxivId('arxiv.org/pdf/2401.02385.pdf')).toBe('2401.02385');
    expect(parseArxivId('0704.0001')).toBe('0704.0001');
    expect(parseArxivId('math.GT/0309136')).toBe('math.GT/0309136');
    expect(parseArxivId('arXiv:hep-th/9901001v1')).toBe('hep-th/9901001');
    for (const bad of ['2413.01234', '2401.123', 'arXiv:2401.02385,', '12345.6789', 'version 1.2.3.4', '']) {
      expect(parseArxivId(bad), bad).toBeNull();
    }
  });

  it('parseAuthorNames: commas, "and", names split over lines, hidden authors', () => {
    expect(parseAuthorNames(['Ada Lovelace, Alan Turing and Grace Hopper'])).toEqual({
      names: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'], hidden: 0,
    });
    expect(parseAuthorNames(['', 'Ada Lovelace', ',', 'Alan  Turing', '+12 authors'])).toEqual({
      names: ['Ada Lovelace', 'Alan Turing'], hidden: 12,
    });
    expect(parseAuthorNames(['Ferdinand Anand, et al.'])).toEqual({ names: ['Ferdinand Anand'], hidden: 0 });
  });

  it('parseDayMonthYear: the ways arXiv writes a day', () => {
    expect(parseDayMonthYear('Friday, 5 December 2025')).toEqual({ year: 2025, month: 12, day: 5 });
    expect(parseDayMonthYear('Fri, 5 Dec 2025 (showing 25 of 312 entries )')).toEqual({ year: 2025, month: 12, day: 5 });
    expect(parseDayMonthYear('8 Feb 2025 (v1), last revised 10 Mar 2025')).toEqual({ year: 2025, month: 2, day: 8 });
    expect(parseDayMonthYear('8 June, 2024; originally announced June 2024.')).toEqual({ year: 2024, month: 6, day: 8 });
    expect(parseDayMonthYear('30 Feb 2024')).toBeNull();
    expect(parseDayMonthYear('5 Decembre 2025')).toBeNull();
    expect(parseDayMonthYear('5 Dec 20251')).toBeNull();
  });
});
