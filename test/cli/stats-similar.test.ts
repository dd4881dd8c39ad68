import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, papers, papersTTY, tempHome } from '../helpers/cli.js';
import { dataPapers } from '../parse/sources.js';
import { toListingText } from '../helpers/listing.js';
import type { Paper } from '../../src/model.js';

const real = dataPapers;

describe('stats and similar on the 753 real papers', () => {
  const { env, dir } = tempHome();
  beforeAll(() => {
    // One page with years written, one whose dates lack them (inferred), one entry without any date.
    const listed = real.map((p) => ({ title: p.title, abstract: p.abstract, authors: p.authors.length, published: p.published, upvotes: p.upvotes }));
    fs.writeFileSync(path.join(dir, 'a.txt'), toListingText(listed.slice(0, 700), { pageDate: '2025-01-10' }));
    const undated = { title: 'An Undated Paper', abstract: 'No date line at all.' };
    fs.writeFileSync(path.join(dir, 'b.txt'), toListingText([undated, ...listed.slice(700)], { pageDate: '2024-12-31' }));
    const r = papers(['ingest', dir, '--as-of', '2025-01-10', '-q'], { env });
    expect(r.code, r.stderr).toBe(0);
  });

  it('stats --json counts what the corpus holds', () => {
    const s = json<{
      papers: number;
      by_year: { year: string; papers: number }[];
      by_month: { month: string; papers: number }[];
      upvotes: { min: number; max: number | null; papers: number }[];
      no_date: number;
      year_inferred: number;
    }>(papers(['stats', '--json'], { env }));
    expect(s.papers).toBe(real.length + 1);
    expect(s.no_date).toBe(1);
    const inferred = real.slice(700).filter((p) => p.published.startsWith('2024')).length;
    expect(s.year_inferred).toBe(inferred);
    const perYear = new Map<string, number>();
    for (const p of real) perYear.set(p.published.slice(0, 4), (perYear.get(p.published.slice(0, 4)) ?? 0) + 1);
    expect(s.by_year).toEqual([...perYear].sort().map(([year, n]) => ({ year, papers: n })));
    expect(s.by_month.reduce((n, m) => n + m.papers, 0)).toBe(real.length);
    for (const b of s.upvotes) {
      const inBucket = real.filter((p) => p.upvotes >= b.min && (b.max === null || p.upvotes <= b.max)).length;
      expect(b.papers).toBe(inBucket + (b.min === 0 ? 1 : 0)); // the undated paper has 0 upvotes
    }
  });

  it('stats draws bar charts: plain text in a pipe, scaled to the terminal width on a terminal', () => {
    const piped = papers(['stats'], { env });
    expect(piped.stdout).not.toMatch(/\x1b\[/);
    expect(piped.stdout).toMatch(/Papers per year\n {2}\d{4} +\d+ █/);
    const wide = papersTTY(['stats'], { env, columns: 150 });
    const narrow = papersTTY(['stats'], { env, columns: 60 });
    const longest = (out: string): number =>
      Math.max(...out.split('\n').filter((l) => l.includes('█')).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length));
    expect(longest(wide.stdout)).toBeGreaterThan(120);
    expect(longest(wide.stdout)).toBeLessThanOrEqual(150);
    expect(longest(narrow.stdout)).toBeLessThanOrEqual(60);
    expect(wide.stdout).toMatch(/\x1b\[/);
  });

  it('similar ranks papers on the same topic first, by id or title, with --json and --limit', () => {
    const splat = real.find((p) => /gaussian splatting/i.test(p.title))!;
    const r = papers(['similar', splat.title, '--json', '--limit', '5'], { env });
    expect(r.code, r.stderr).toBe(0);
    const found = json<Paper[]>(r);
    expect(found).toHaveLength(5);
    expect(found.map((p) => p.title)).not.toContain(splat.title);
    expect(found.filter((p) => /gaussian|splatting|3d|radiance|nerf|view/i.test(p.title)).length).toBeGreaterThanOrEqual(4);
    expect(found.map((p) => p.score)).toEqual([...found.map((p) => p.score)].sort((a, b) => b! - a!));

    const byId = json<Paper[]>(papers(['similar', String(json<Paper>(papers(['show', splat.title, '--json'], { env })).id), '--json'], { env }));
    expect(byId).toHaveLength(10);
    expect(byId.slice(0, 5).map((p) => p.id)).toEqual(found.map((p) => p.id));
    expect(papers(['similar', 'zzzz no such paper qqqq'], { env }).code).toBe(1);
  });
});
