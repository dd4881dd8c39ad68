/**
 * Property-based tests: fast-check generates the inputs, so the parser meets text nobody
 * thought to write a fixture for. Runs are bounded (numRuns) to keep the suite quick; a
 * failure prints its seed and the shrunk counterexample, which then becomes a regular test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../src/model.js';
import { KINDS, parseText } from '../../src/parse/index.js';
import { type ListingLayout, type ListingPaper, toListingText } from '../helpers/listing.js';
import { readFixture, seedText } from './sources.js';

/**
 * A fixed seed keeps the suite deterministic; to explore further, set PAPERS_FC_SEED (any
 * integer) and PAPERS_FC_RUNS (say 5000).
 */
const RUNS = { numRuns: Number(process.env.PAPERS_FC_RUNS ?? 200), seed: Number(process.env.PAPERS_FC_SEED ?? 20251127) };
const ASOF = { asOf: '2025-11-05' };

/** Every way the text can be parsed: detected, and forced to each kind. None may throw. */
function parseEveryWay(text: string): ParseResult[] {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  return [undefined, ...KINDS].map((kind) => {
    const r = parseText(text, { ...ASOF, kind });
    for (const d of r.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lineCount);
      expect(d.message).not.toBe('');
      expect(d.message).not.toMatch(/internal parser error/);
    }
    for (const e of r.entries) {
      expect(e.title.trim()).not.toBe('');
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(lineCount);
    }
    return r;
  });
}

/** Lines a listing is made of, and lines that look almost like them. */
const listingLine = fc.oneof(
  fc.constantFrom(
    'new', 'Subscribe', 'Daily Papers', 'Get trending papers in your email inbox!', 'byAK and the research community',
    '·', '  • 8 authors', '  • 1 author', '•  authors', 'Nov 3', 'Sep 10 53', 'Jun 20, 2024 2', 'Feb 29', 'Feb 30, 2023',
    'Sepp 3x, 20z4', 'SunYatsen Sun Yat-Sen University', 'Subscribers only', 'SubscribeTitle Glued', '', '', '   ',
  ),
  ...seedText.split('\n').filter((l) => l.length < 300).slice(0, 40).map((l) => fc.constant(l)),
  fc.string({ maxLength: 40 }),
  fc.fullUnicodeString({ maxLength: 40 }),
);

/** Text shaped like the tool's own export, and damaged versions of it. */
const exportLike = fc
  .array(fc.record({ id: fc.nat(), title: fc.string(), abstract: fc.option(fc.fullUnicodeString()), upvotes: fc.integer(), tags: fc.array(fc.string()) }), { maxLength: 5 })
  .chain((records) =>
    fc.tuple(
      fc.constantFrom(JSON.stringify(records, null, 2), records.map((r) => JSON.stringify(r)).join('\n')),
      fc.nat(),
      fc.fullUnicodeString({ maxLength: 3 }),
    ),
  )
  .map(([text, at, junk]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, i) + junk + text.slice(i + (at % 3));
  });

describe('the parser never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 500 }), (s) => void parseEveryWay(s)), RUNS);
  });

  it('on arbitrary unicode, including lone surrogates and control characters', () => {
    fc.assert(fc.property(fc.fullUnicodeString({ maxLength: 500 }), fc.string16bits({ maxLength: 200 }), (a, b) => void parseEveryWay(a + b)), RUNS);
  });

  it('on random lines of listing chrome, metadata and seed text, in any order and line ending', () => {
    fc.assert(
      fc.property(fc.array(listingLine, { maxLength: 80 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => void parseEveryWay(lines.join(eol))),
      RUNS,
    );
  });

  it('on export-shaped JSON with damage anywhere', () => {
    fc.assert(fc.property(exportLike, (text) => void parseEveryWay(text)), RUNS);
  });

  it('on the fixtures cut at any point', () => {
    const texts = [seedText, readFixture('hf-compact.txt'), readFixture('hf-org-lines.txt'), readFixture('hf-two-pages.txt')];
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.nat(), (text, a, b) => {
        const [from, to] = [a % text.length, b % text.length].sort((x, y) => x - y);
        parseEveryWay(text.slice(0, from!) + text.slice(to!));
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------
// Round trip: papers rendered as listing text and parsed back are the same papers.

/** Words real titles and abstracts are made of, including the awkward ones. */
const WORDS = [
  'Learning', 'Large', 'Language', 'Models', 'for', 'with', 'via', 'and', 'of', 'the', 'a', 'Is', 'All', 'You', 'Need',
  'GPT-4', 'LLMs:', '3D', 'Diffusion', 'Transformers', 'RL', 'Agents', 'Vision-Language', 'Efficient', 'Scaling', '(RLHF)',
  'Octopus', 'v2', 'Marching', 'Decoding', 'May', 'June', 'Sep', 'Mamba', 'Subscribe', 'new', 'Daily', 'Papers', 'authors',
  'Δ-Net', 'Réseaux', '模型', '🙂', '—', 'x', '1', '2024', '10', '53', 'e.g.', 'i.e.,', '"quoted"', '&', 'C++', '#1', '100%',
];
/** Titles that start in lower case are real ("s1", "mPLUG-Owl", "rStar-Math"). */
const FIRST_WORDS = [...WORDS, 's1:', 'mPLUG-Owl', 'rStar-Math', 'iVideoGPT', 'dInfer', 'ed', 'sd-turbo'];

const CHROME = ['new', 'Subscribe', 'Daily Papers'];
const DATE_LINE = /^(Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)\.? \d/;

const word = fc.constantFrom(...WORDS);
const title = fc
  .tuple(fc.constantFrom(...FIRST_WORDS), fc.array(word, { minLength: 0, maxLength: 14 }))
  .map(([first, rest]) => [first, ...rest].join(' '))
  // A title that *is* page chrome or a date line cannot be told from one by anybody: not a paper's.
  .filter((t) => !CHROME.includes(t) && !DATE_LINE.test(t));
const sentence = fc.array(word, { minLength: 4, maxLength: 25 }).map((ws) => `${ws.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
const abstract = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((ss) => ss.join(' '));
/** Hugging Face names: letters, digits, "-", "_", "." inside, never at either end. */
const handle = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,14}[A-Za-z0-9])?$/);
const orgName = fc.array(fc.constantFrom('University', 'of', 'Lab', 'Research', 'AI', 'Tsinghua', 'Sun', 'Yat-Sen', 'Δ'), { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
const isoDate = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2025-11-03T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const paper: fc.Arbitrary<ListingPaper> = fc
  .record({
    title,
    abstract: fc.option(abstract, { freq: 8 }),
    authors: fc.integer({ min: 1, max: 3000 }),
    org: fc.option(fc.tuple(handle, orgName), { freq: 3 }),
    published: fc.option(isoDate, { freq: 8 }),
    upvotes: fc.nat({ max: 5000 }),
  })
  .map(({ title, abstract, authors, org, published, upvotes }) => ({
    title,
    // A title alone is placed by position only next to metadata: without it the listing is ambiguous.
    abstract: published === null ? (abstract ?? 'An abstract.') : abstract,
    authors: org ? null : authors,
    organization: org ? org[1] : null,
    orgHandle: org ? org[0] : null,
    published,
    upvotes,
  }));

const PAGE_DATE = '2025-11-03';

/** What the parser must give back for a paper in a layout: the fields that layout shows. */
function expected(p: ListingPaper, layout: ListingLayout) {
  if (layout === 'compact') return { title: p.title, abstract: p.abstract, authors: null, organization: null, orgHandle: null, published: null, upvotes: null };
  const meta = p.published !== null && p.published !== undefined;
  return {
    title: p.title,
    abstract: p.abstract,
    authors: meta ? (p.authors ?? null) : null,
    organization: meta ? (p.organization ?? null) : null,
    orgHandle: meta ? (p.orgHandle ?? null) : null,
    published: p.published ?? null,
    upvotes: meta ? p.upvotes || 0 : null,
  };
}

function got(e: ParseResult['entries'][number]) {
  return { title: e.title, abstract: e.abstract, authors: e.authors, organization: e.organization, orgHandle: e.orgHandle, published: e.published, upvotes: e.upvotes };
}

describe('papers rendered as listing text parse back to the same papers', () => {
  for (const layout of ['standard', 'no-daily-papers', 'no-chrome', 'compact'] as const) {
    it(`${layout} layout, LF and CRLF`, () => {
      const papersArb = layout === 'compact' ? fc.array(paper.map((p) => ({ ...p, abstract: p.abstract ?? 'An abstract.', published: null })), { minLength: 1, maxLength: 12 }) : fc.array(paper, { minLength: 1, maxLength: 12 });
      fc.assert(
        fc.property(papersArb, fc.constantFrom('\n', '\r\n') as fc.Arbitrary<'\n' | '\r\n'>, (ps, lineEnding) => {
          // Without chrome, something must show the text is a listing: an "N authors" line (an
          // organization, "·" and a date alone look like any blog's byline).
          if (layout === 'no-chrome') ps = [{ ...ps[0]!, published: ps[0]!.published ?? '2025-10-01', authors: ps[0]!.authors ?? 2, organization: null, orgHandle: null }, ...ps.slice(1)];
          const text = toListingText(ps, { layout, pageDate: PAGE_DATE, lineEnding });
          const r = parseText(text, { asOf: PAGE_DATE });
          expect(r.kind).toBe('hf-listing');
          expect(r.entries.map(got)).toEqual(ps.map((p) => expected(p, layout)));
        }),
        RUNS,
      );
    });
  }
});

describe('counterexamples the properties found, kept as plain tests', () => {
  const chrome = 'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nNov 3\n\n';
  const meta = '\n\n  • 3 authors\n·\nOct 1 4\n\n';
  const titlesOf = (text: string) => parseText(text, { asOf: '2025-11-05' }).entries.map((e) => [e.title, e.abstract]);

  it('a first title that begins like a month ("Marching", "Octopus v2", "June Learning 10") is a title, not a garbled date', () => {
    for (const t of ['Marching 100%', 'Octopus v2', 'June Learning 10', 'Decoding 3D Scenes']) {
      const r = parseText(`${chrome}${t}\n\nAn abstract.${meta}Second\n\nAnother abstract.${meta}`, { asOf: '2025-11-05' });
      expect(r.entries.map((e) => e.title), t).toEqual([t, 'Second']);
      expect(r.diagnostics).toEqual([]);
    }
  });

  it('compact copies: a lower-case first title is unglued from "Subscribe"; "Subscribers" and "Subscribe X" stay whole', () => {
    const compact = (first: string) => `Get trending papers in your email inbox!\nSubscribe${first}\nAn abstract.\nSecond\nAnother abstract.\n`;
    expect(titlesOf(compact('s1: Simple test-time scaling'))[0]).toEqual(['s1: Simple test-time scaling', 'An abstract.']);
    expect(titlesOf(compact('dInfer: Fast Inference'))[0]).toEqual(['dInfer: Fast Inference', 'An abstract.']);
    expect(titlesOf(`${chrome}Subscribe Learning\n\nAn abstract.${meta}`)[0]).toEqual(['Subscribe Learning', 'An abstract.']);
  });

  it('three lines before a metadata block, shapes tied: the lone title is the last one', () => {
    const r = parseText(`${chrome}Learning\n\nAn abstract.\n\nLearning e.g.${meta}`, { asOf: '2025-11-05' });
    expect(r.entries.map((e) => [e.title, e.abstract, e.authors])).toEqual([
      ['Learning', 'An abstract.', null],
      ['Learning e.g.', null, 3],
    ]);
  });
});
