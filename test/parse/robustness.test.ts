import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../src/model.js';
import { KINDS, parseText } from '../../src/parse/index.js';
import { readFixture, seedText } from './sources.js';
import { prng } from '../helpers/random.js';

const ASOF = { asOf: '2025-11-05' };

/** Parses with detection and with every kind forced; none may throw, all must be well-formed. */
function parseAllWays(text: string): ParseResult[] {
  const results = [parseText(text, ASOF), ...KINDS.map((kind) => parseText(text, { ...ASOF, kind }))];
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const r of results) {
    expect(typeof r.kind).toBe('string');
    for (const e of r.entries) {
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.title).toBe(e.title.trim());
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(lineCount);
      expect(e.upvotes === null || Number.isInteger(e.upvotes)).toBe(true);
      expect(e.published === null || /^\d{4}-\d{2}-\d{2}$/.test(e.published)).toBe(true);
    }
    for (const d of r.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lineCount);
      expect(d.message.length).toBeGreaterThan(0);
    }
  }
  return results;
}

describe('never throws, never invents papers', () => {
  it('empty text', () => {
    const [auto] = parseAllWays('');
    expect(auto).toEqual({ kind: 'none', entries: [], diagnostics: [{ line: 1, message: 'no paper entries recognised' }] });
  });

  it('only whitespace and line endings', () => {
    for (const t of ['\n', '\r\n\r\n', '   \t  ', '\ufeff', '\ufeff\r\n \r\n']) {
      expect(parseAllWays(t)[0]!.entries).toEqual([]);
    }
  });

  it('only the page chrome', () => {
    const chrome = 'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nNov 3\n';
    const [auto] = parseAllWays(chrome);
    expect(auto).toEqual({ kind: 'hf-listing', entries: [], diagnostics: [{ line: 1, message: 'no paper entries recognised' }] });
  });

  it('only a title', () => {
    const [auto, forced] = parseAllWays('Attention Is All You Need\n');
    expect(auto!.kind).toBe('none');
    expect(auto!.entries).toEqual([]);
    expect(forced!.entries).toEqual([]);
  });

  it('only titles and abstracts, without any listing marker: ambiguous, so nothing', () => {
    const text = seedText
      .split('\n')
      .filter((l) => !/^\s*•|^·$|^[A-Z][a-z]{2} \d/.test(l))
      .slice(11)
      .join('\n');
    const [auto, forced] = parseAllWays(text);
    expect(auto!.kind).toBe('none');
    expect(forced!.entries).toEqual([]);
  });

  it('binary junk', () => {
    const rand = prng(1);
    for (let round = 0; round < 20; round++) {
      const chars: string[] = [];
      for (let i = 0; i < 4000; i++) chars.push(String.fromCharCode(Math.floor(rand() * 0x10000)));
      const [auto] = parseAllWays(chars.join(''));
      expect(auto!.entries).toEqual([]);
    }
    const bytes = Buffer.from(Array.from({ length: 20000 }, () => Math.floor(rand() * 256)));
    expect(parseAllWays(bytes.toString('latin1'))[0]!.entries).toEqual([]);
    expect(parseAllWays(bytes.toString('utf8'))[0]!.entries).toEqual([]);
  });

  it('a 5 MB single line', () => {
    const line = 'Large language models are trained on text. '.repeat(120_000);
    expect(line.length).toBeGreaterThan(5_000_000);
    const started = performance.now();
    const [auto, forced] = parseAllWays(line);
    expect(auto!.kind).toBe('none');
    expect(forced!.entries).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a 5 MB abstract inside a listing is kept whole', () => {
    const big = 'We study things. '.repeat(300_000).trim();
    const text = ['Get trending papers in your email inbox!', '', 'A Huge Paper', '', big, '', '  • 2 authors', '·', 'Jun 5, 2024 3'].join('\n');
    const [auto] = parseAllWays(text);
    expect(auto!.entries).toHaveLength(1);
    expect(auto!.entries[0]).toMatchObject({ title: 'A Huge Paper', authors: 2, published: '2024-06-05', upvotes: 3, line: 3 });
    expect(auto!.entries[0]!.abstract).toBe(big);
  });

  it('lines of junk cut from the seed and the fixtures, shuffled', () => {
    const pool = [
      ...seedText.split('\n'),
      ...readFixture('hf-compact.txt').split('\n'),
      ...readFixture('hf-garbled-date.txt').split('\n'),
      '\u0000\u0001\u0002', '•', '  • authors', '  • 99999999 authors', '·  ·', 'Subscribe', 'SubscribeX', 'new',
      'Feb 29', 'Feb 30', 'Nov 3', 'Sep 10 53', '', '', '',
    ];
    const rand = prng(7);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rand() * 60);
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push(pool[Math.floor(rand() * pool.length)]!);
      parseAllWays(lines.join(rand() < 0.3 ? '\r\n' : '\n'));
    }
  });

  it('any prefix of the seed (a copy cut anywhere) keeps every entry completed before the cut', () => {
    const full = parseText(seedText, ASOF).entries;
    const lineStart = [0];
    for (let i = 0; i < seedText.length; i++) if (seedText[i] === '\n') lineStart.push(i + 1);
    const rand = prng(11);
    for (let round = 0; round < 150; round++) {
      const cut = Math.floor(rand() * seedText.length);
      const [auto] = parseAllWays(seedText.slice(0, cut));
      // An entry is complete once the next entry's title has begun.
      const complete = full.filter((_, i) => i + 1 < full.length && lineStart[full[i + 1]!.line - 1]! < cut).length;
      expect(auto!.entries.slice(0, complete)).toEqual(full.slice(0, complete));
      expect(auto!.entries.length).toBeLessThanOrEqual(complete + 1);
      expect(auto!.diagnostics.length).toBeLessThanOrEqual(1);
    }
  });

  it('odd ParseOptions and inputs do not throw', () => {
    expect(() => parseText(undefined as unknown as string, ASOF)).not.toThrow();
    expect(() => parseText(seedText, {} as { asOf: string })).not.toThrow();
    expect(() => parseText(seedText, undefined as unknown as { asOf: string })).not.toThrow();
    expect(parseText(seedText, { asOf: 'bad' }).entries).toHaveLength(63);
  });
});

describe('a badly damaged file', () => {
  it('reports at most 1000 warnings and counts the rest', () => {
    const text = 'Get trending papers in your email inbox!\n' + '  • 3 authors\n'.repeat(5000);
    const r = parseText(text, { asOf: '2025-11-05' });
    expect(r.entries).toEqual([]);
    expect(r.diagnostics).toHaveLength(1001);
    expect(r.diagnostics[0]).toEqual({ line: 2, message: 'authors line without a paper title ignored' });
    // 5000 orphan authors lines and "no paper entries recognised": 1000 shown, 4001 counted.
    expect(r.diagnostics[1000]).toEqual({ line: 1, message: '4001 more warnings not shown' });
  });

  it('a million short lines parse in linear time', () => {
    const text = 'Get trending papers in your email inbox!\n' + 'x\n\n\n'.repeat(250_000) + '·\n'.repeat(250_000);
    const started = performance.now();
    expect(() => parseText(text, { asOf: '2025-11-05', kind: 'hf-listing' })).not.toThrow();
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
