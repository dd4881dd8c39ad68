import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { type ListingPaper, listingDate, toListingText } from '../helpers/listing.js';
import { dataPapers } from './sources.js';

/** The data set's newest date is 2024-04-05: the page of that day lists them all. */
const PAGE_DATE = '2024-04-05';
const AS_OF = '2024-04-07';

const papers: ListingPaper[] = dataPapers.map((p) => ({
  title: p.title,
  abstract: p.abstract,
  authors: p.authors.length,
  published: p.published,
  upvotes: p.upvotes,
}));

describe('toListingText', () => {
  it('writes dates the way the site does', () => {
    expect(listingDate('2025-09-10', 53, '2025-11-03')).toBe('Sep 10 53');
    expect(listingDate('2025-09-28', 0, '2025-11-03')).toBe('Sep 28');
    expect(listingDate('2024-06-20', 2, '2025-11-03')).toBe('Jun 20, 2024 2');
    expect(listingDate('2024-06-05', null, null)).toBe('Jun 5, 2024');
  });

  it('renders the seed layout', () => {
    const text = toListingText(
      [{ title: 'T', abstract: 'A.', authors: 15, published: '2025-09-10', upvotes: 53 }],
      { pageDate: '2025-11-03' },
    );
    expect(text).toBe(
      'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\n' +
        'Nov 3\n\nT\n\nA.\n\n  • 15 authors\n·\nSep 10 53',
    );
  });
});

describe('the 753 papers of the 2024 data set survive a round trip through listing text', () => {
  it('standard layout: title, abstract, author count, full date, upvotes', () => {
    const r = parseText(toListingText(papers, { pageDate: PAGE_DATE }), { asOf: AS_OF });
    expect(r.kind).toBe('hf-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toHaveLength(papers.length);
    r.entries.forEach((e, i) => {
      const p = dataPapers[i]!;
      expect({
        title: e.title,
        abstract: e.abstract,
        authors: e.authors,
        published: e.published,
        upvotes: e.upvotes,
        yearInferred: e.yearInferred,
      }).toEqual({
        title: p.title,
        abstract: p.abstract,
        authors: p.authors.length,
        published: p.published,
        upvotes: p.upvotes,
        yearInferred: p.published.startsWith('2024'),
      });
    });
    // Title lines: 11 chrome lines (with blanks) and the page date, then 8 lines per entry.
    expect(r.entries.map((e) => e.line)).toEqual(papers.map((_, i) => 13 + 8 * i));
  });

  it('Windows line endings and organization lines', () => {
    const withOrgs = papers.map((p, i) =>
      i % 5 === 0 ? { ...p, authors: null, organization: `Lab Number ${i}`, orgHandle: `lab-${i}` } : p,
    );
    const r = parseText('\ufeff' + toListingText(withOrgs, { pageDate: PAGE_DATE, lineEnding: '\r\n' }), { asOf: AS_OF });
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.map((e) => [e.title, e.abstract, e.authors, e.organization, e.orgHandle, e.published, e.upvotes])).toEqual(
      withOrgs.map((p) => [p.title, p.abstract, p.authors, p.organization ?? null, p.orgHandle ?? null, p.published, p.upvotes]),
    );
  });

  it('no chrome, dates resolved against asOf', () => {
    const r = parseText(toListingText(papers, { layout: 'no-chrome', pageDate: PAGE_DATE }), { asOf: PAGE_DATE });
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.map((e) => [e.title, e.abstract, e.authors, e.published, e.upvotes])).toEqual(
      dataPapers.map((p) => [p.title, p.abstract, p.authors.length, p.published, p.upvotes]),
    );
  });

  it('compact layout: titles and abstracts', () => {
    const r = parseText(toListingText(papers, { layout: 'compact' }), { asOf: AS_OF });
    expect(r.kind).toBe('hf-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.map((e) => [e.title, e.abstract, e.published, e.upvotes, e.line])).toEqual(
      dataPapers.map((p, i) => [p.title, p.abstract, null, null, 3 + 2 * i]),
    );
  });

  it('compact layout with a title that lost its abstract: line shape places it', () => {
    const damaged = papers.map((p, i) => (i === 300 ? { ...p, abstract: null } : p));
    const r = parseText(toListingText(damaged, { layout: 'compact' }), { asOf: AS_OF });
    expect(r.entries.map((e) => [e.title, e.abstract])).toEqual(damaged.map((p) => [p.title, p.abstract]));
    expect(r.diagnostics).toEqual([{ line: 3 + 2 * 300, message: 'no abstract found for this title' }]);
  });
});
