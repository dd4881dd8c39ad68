import { describe, expect, it } from 'vitest';
import {
  latestOnOrBefore,
  looksLikeDateLine,
  monthFromName,
  parseDateLine,
  parseIsoDate,
  resolveDateLine,
} from '../../src/parse/dates.js';
import { parseText } from '../../src/parse/index.js';

describe('parseDateLine', () => {
  it.each([
    ['Jun 5, 2024', { month: 6, day: 5, year: 2024, upvotes: null }],
    ['Sep 28', { month: 9, day: 28, year: null, upvotes: null }],
    ['Sep 10 53', { month: 9, day: 10, year: null, upvotes: 53 }],
    ['Jun 20, 2024 2', { month: 6, day: 20, year: 2024, upvotes: 2 }],
    ['Dec 24, 2022 1', { month: 12, day: 24, year: 2022, upvotes: 1 }],
    ['Feb 29', { month: 2, day: 29, year: null, upvotes: null }],
    ['Feb 29, 2024', { month: 2, day: 29, year: 2024, upvotes: null }],
    ['Sept 3', { month: 9, day: 3, year: null, upvotes: null }],
    ['September 3, 2021 1200', { month: 9, day: 3, year: 2021, upvotes: 1200 }],
  ])('%s', (line, expected) => {
    expect(parseDateLine(line)).toEqual(expected);
  });

  it.each([
    'Sepp 3x, 20z4',
    'Feb 30, 2024',
    'Feb 29, 2023',
    'Apr 31',
    'Jun 0',
    'Jun 5,',
    'Jun 5, 24',
    'Jun 5, 2024 2 3',
    'Jun 5 2k',
    'jun 5',
    'Nov',
    'November Rain',
    'May the Force Be With You',
    '',
    '·',
    'Sep 10 53 ' + 'x'.repeat(100),
  ])('rejects %j', (line) => {
    expect(parseDateLine(line)).toBeNull();
  });
});

describe('looksLikeDateLine (broken dates to report, not to take as titles)', () => {
  it.each(['Sepp 3x, 20z4', 'Feb 30, 2024 3', 'Jun 5, 20244', 'Oct 9 2x', 'Septem 3x'])('%s: yes', (s) => {
    expect(looksLikeDateLine(s)).toBe(true);
  });
  it.each(['Sharing is Caring', 'GPT-4 Technical Report', 'Mamba 2', 'June', 'Octopus', 'Octopus v2', 'Marching 100%', 'June Learning 10'])('%s: no', (s) => {
    expect(looksLikeDateLine(s)).toBe(false);
  });
});

describe('monthFromName / parseIsoDate', () => {
  it('knows abbreviations, full names, "Sept"', () => {
    expect(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(monthFromName)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(monthFromName('September')).toBe(9);
    expect(monthFromName('Sept')).toBe(9);
    expect(monthFromName('Foo')).toBe(0);
  });

  it('reads strict YYYY-MM-DD only', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '24-01-01', '2024/01/01', '', 'today']) {
      expect(parseIsoDate(bad)).toBeNull();
    }
  });
});

describe('year inference', () => {
  it('takes the latest such day on or before the reference', () => {
    const ref = { year: 2025, month: 11, day: 3 };
    expect(latestOnOrBefore(9, 28, ref)).toEqual({ year: 2025, month: 9, day: 28 });
    expect(latestOnOrBefore(11, 3, ref)).toEqual({ year: 2025, month: 11, day: 3 });
    expect(latestOnOrBefore(11, 4, ref)).toEqual({ year: 2024, month: 11, day: 4 });
    expect(latestOnOrBefore(12, 30, { year: 2025, month: 1, day: 3 })).toEqual({ year: 2024, month: 12, day: 30 });
  });

  it('Feb 29 goes back to the latest leap year that has one', () => {
    expect(latestOnOrBefore(2, 29, { year: 2025, month: 6, day: 1 })).toEqual({ year: 2024, month: 2, day: 29 });
    expect(latestOnOrBefore(2, 29, { year: 2024, month: 2, day: 28 })).toEqual({ year: 2020, month: 2, day: 29 });
    expect(latestOnOrBefore(2, 29, { year: 2024, month: 2, day: 29 })).toEqual({ year: 2024, month: 2, day: 29 });
    // 2100 is not a leap year: from 2103 the latest Feb 29 is 2096's.
    expect(latestOnOrBefore(2, 29, { year: 2103, month: 12, day: 31 })).toEqual({ year: 2096, month: 2, day: 29 });
  });

  it('flags inferred years, keeps written ones', () => {
    const ref = { year: 2025, month: 11, day: 3 };
    expect(resolveDateLine({ month: 6, day: 5, year: 2024, upvotes: null }, ref)).toEqual({ published: '2024-06-05', yearInferred: false });
    expect(resolveDateLine({ month: 9, day: 10, year: null, upvotes: 53 }, ref)).toEqual({ published: '2025-09-10', yearInferred: true });
    expect(resolveDateLine({ month: 9, day: 10, year: null, upvotes: 53 }, null)).toEqual({ published: null, yearInferred: false });
  });

  const listing = (pageDate: string | null, dateLine: string): string =>
    [
      'new', '', 'Get trending papers in your email inbox!', '', 'Subscribe', '', 'Daily Papers', '',
      'byAK and the research community', '', ...(pageDate ? [pageDate, ''] : []),
      'A Paper Title', '', 'An abstract of the paper, long enough to be one. It has two sentences.', '',
      '  • 3 authors', '·', dateLine,
    ].join('\n');
  const published = (text: string, asOf: string) => parseText(text, { asOf }).entries[0]!;

  it('page "Jan 3" captured 2025-01-05: "Dec 30" is 2024-12-30', () => {
    expect(published(listing('Jan 3', 'Dec 30'), '2025-01-05')).toMatchObject({ published: '2024-12-30', yearInferred: true });
  });

  it('page "Jan 3" captured 2025-01-05: "Jan 2" is 2025-01-02', () => {
    expect(published(listing('Jan 3', 'Jan 2 7'), '2025-01-05')).toMatchObject({ published: '2025-01-02', upvotes: 7 });
  });

  it('the page date counts, not asOf: page "Dec 31" captured 2025-01-02, "Dec 31" is 2024-12-31', () => {
    expect(published(listing('Dec 31', 'Dec 31'), '2025-01-02')).toMatchObject({ published: '2024-12-31' });
    // Without the page date, asOf decides: also 2024-12-31, but "Jan 1" would be this year.
    expect(published(listing(null, 'Jan 1'), '2025-01-02')).toMatchObject({ published: '2025-01-01' });
    expect(published(listing('Dec 31', 'Jan 1'), '2025-01-02')).toMatchObject({ published: '2024-01-01' });
  });

  it('a page date later in the year than asOf is last year\'s', () => {
    expect(published(listing('Nov 3', 'Sep 10 53'), '2025-06-01')).toMatchObject({ published: '2024-09-10' });
  });

  it('Feb 29 entries and page dates', () => {
    expect(published(listing('Mar 1', 'Feb 29'), '2025-03-02')).toMatchObject({ published: '2024-02-29', yearInferred: true });
    expect(published(listing('Feb 29', 'Feb 28 4'), '2027-06-01')).toMatchObject({ published: '2024-02-28', upvotes: 4 });
    expect(published(listing(null, 'Feb 29'), '2024-02-29')).toMatchObject({ published: '2024-02-29' });
  });

  it('a written year is never changed', () => {
    expect(published(listing('Jan 3', 'Jun 5, 2019'), '2025-01-05')).toMatchObject({ published: '2019-06-05', yearInferred: false });
  });

  it('an invalid asOf leaves yearless dates empty and says so', () => {
    const r = parseText(listing('Nov 3', 'Sep 10 53'), { asOf: 'yesterday' });
    expect(r.entries[0]).toMatchObject({ published: null, yearInferred: false, upvotes: 53 });
    // Reported once, at the first line that needed it: the page date.
    expect(r.diagnostics).toEqual([{ line: 11, message: 'date without a year left empty: invalid asOf date "yesterday"' }]);
  });
});
