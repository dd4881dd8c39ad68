/**
 * Renders papers as the text a browser copy of a Hugging Face "Daily Papers" page gives,
 * so that tests can build listings from known data and check the parser gets it back.
 */

export interface ListingPaper {
  title: string;
  abstract: string | null;
  /** Author count, shown as "  • N authors" when there is no organization. */
  authors?: number | null;
  /** Shown as "<orgHandle> <organization>" instead of the author count. */
  organization?: string | null;
  orgHandle?: string | null;
  /** YYYY-MM-DD; null or absent: the entry gets no metadata block at all. */
  published?: string | null;
  /** Trailing number of the date line; 0 or absent shows none. */
  upvotes?: number | null;
}

export type ListingLayout =
  /** Full chrome, page date, blank lines between everything (the seed's layout). */
  | 'standard'
  /** Chrome without the "Daily Papers" line. */
  | 'no-daily-papers'
  /** Entries only. */
  | 'no-chrome'
  /** One line each, title glued to "Subscribe", no page date, titles and abstracts only. */
  | 'compact';

export interface ListingOptions {
  layout?: ListingLayout;
  /**
   * The page's own date, YYYY-MM-DD; written as "Nov 3". Like the site, dates in the same
   * year (and not after it) are written without their year. Null: no page date line.
   */
  pageDate?: string | null;
  lineEnding?: '\n' | '\r\n';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthDay(iso: string): string {
  return `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}`;
}

/** "Sep 10 53", "Jun 20, 2024 2", "Sep 28". */
export function listingDate(published: string, upvotes: number | null | undefined, pageDate: string | null): string {
  const sameYear = pageDate !== null && published.slice(0, 4) === pageDate.slice(0, 4) && published <= pageDate;
  let s = monthDay(published);
  if (!sameYear) s += `, ${published.slice(0, 4)}`;
  if (upvotes) s += ` ${upvotes}`;
  return s;
}

function metadata(p: ListingPaper, pageDate: string | null): string[] {
  if (!p.published) return [];
  const who = p.organization ? `${p.orgHandle ?? p.organization} ${p.organization}` : `  • ${p.authors ?? 0} authors`;
  return [who, '·', listingDate(p.published, p.upvotes, pageDate)];
}

export function toListingText(papers: readonly ListingPaper[], opts: ListingOptions = {}): string {
  const layout = opts.layout ?? 'standard';
  const pageDate = opts.pageDate ?? null;
  const eol = opts.lineEnding ?? '\n';

  if (layout === 'compact') {
    const out = ['Get trending papers in your email inbox once a day!', 'Get trending papers in your email inbox!'];
    papers.forEach((p, i) => {
      out.push(i === 0 ? `Subscribe${p.title}` : p.title);
      if (p.abstract !== null) out.push(p.abstract);
    });
    return out.join(eol) + eol;
  }

  const blocks: string[][] = [];
  if (layout !== 'no-chrome') {
    const chrome = ['new', 'Get trending papers in your email inbox!', 'Subscribe'];
    if (layout === 'standard') chrome.push('Daily Papers');
    chrome.push('byAK and the research community');
    for (const c of chrome) blocks.push([c]);
    if (pageDate !== null) blocks.push([monthDay(pageDate)]);
  }
  for (const p of papers) {
    blocks.push([p.title]);
    if (p.abstract !== null) blocks.push([p.abstract]);
    const meta = metadata(p, pageDate);
    if (meta.length > 0) blocks.push(meta);
  }
  return blocks.map((b) => b.join(eol)).join(eol + eol);
}
