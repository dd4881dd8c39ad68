import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, papers, tempHome } from '../helpers/cli.js';
import { dataPapers } from '../parse/sources.js';
import { toListingText } from '../helpers/listing.js';
import type { Paper } from '../../src/model.js';

const real = dataPapers;

describe('the 753 real papers, as listing text, through ingest and export', () => {
  it('come back field for field', () => {
    const { env, dir } = tempHome();
    // Four pages of listing, as a researcher would paste them over a few sessions.
    const pages = [0, 1, 2, 3].map((i) => real.filter((_, j) => j % 4 === i));
    pages.forEach((page, i) => {
      const text = toListingText(
        page.map((p) => ({ title: p.title, abstract: p.abstract, authors: p.authors.length, published: p.published, upvotes: p.upvotes })),
        { pageDate: '2024-04-10' },
      );
      fs.writeFileSync(path.join(dir, `page-${i}.txt`), text);
    });
    const r = papers(['ingest', dir, '--as-of', '2024-04-10', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(json<{ inserted: number; warnings: unknown[] }>(r)).toMatchObject({ inserted: real.length, warnings: [] });

    const exported = json<Paper[]>(papers(['export', '--format', 'json'], { env }));
    expect(exported).toHaveLength(real.length);
    const byTitle = new Map(exported.map((p) => [p.title, p]));
    for (const p of real) {
      const got = byTitle.get(p.title);
      expect(got, p.title).toBeDefined();
      expect({ abstract: got!.abstract, authors: got!.authors, published: got!.published, upvotes: got!.upvotes }, p.title).toEqual({
        abstract: p.abstract,
        authors: p.authors.length,
        published: p.published,
        upvotes: p.upvotes,
      });
    }
  });
});
