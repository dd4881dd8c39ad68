/**
 * arXiv listing pages copied from the browser as plain text: "new submissions" (with its
 * cross-list and replacement sections), "recent", and search results.
 *
 * Every entry starts with a line carrying its arXiv id, so entries are found by that line
 * alone and everything between them (section headings, page chrome) is never a paper:
 *
 *     [1] arXiv:2512.04392 [pdf, html, other]          (listings)
 *     1. arXiv:2401.09603  [pdf, other]               (search results)
 *     Title: …                                        (or the bare title)
 *     Authors: A, B, C                                (or the bare comma-separated names)
 *     Comments: …  /  Subjects: …
 *
 *     The abstract, one paragraph ("new" listings only; search results: "Abstract: … ▽ More").
 *
 * A listing's day ("Showing new listings for Friday, 5 December 2025", or a "recent" page's
 * "Fri, 5 Dec 2025 (showing 25 of 312 entries)") is the date of its entries; a replacement
 * was first published some other day, which the page does not show, so it gets no date.
 */
import type { PaperEntry, ParseOptions } from '../model.js';
import { type ArxivLabel, arxivEntry, labelledField, leadingArxivId, oneLine, parseAuthorNames } from './arxiv.js';
import { parseDayMonthYear, toIsoDate } from './dates.js';
import { DiagnosticLog } from './diagnostics.js';
import type { KindResult, SourceKind } from './kind.js';

type Section = 'new' | 'cross' | 'replace';

interface EntryHeader {
  id: string;
  section: Section | null;
  /** Whether the format links follow the id: what makes the line an entry beyond doubt. */
  links: boolean;
}

/** `[12] arXiv:2512.04392 (cross-list from cs.CV) [pdf, html, other]` */
function listingHeader(t: string): EntryHeader | null {
  if (t.charCodeAt(0) !== 91 /* [ */) return null;
  const close = t.indexOf(']');
  if (close < 2 || close > 8 || !/^\d+$/.test(t.slice(1, close))) return null;
  let i = close + 1;
  while (i < t.length && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9 || t.charCodeAt(i) === 0xa0)) i++;
  const a = leadingArxivId(t, i);
  if (a === null) return null;
  const rest = t.slice(a.end);
  const section = rest.includes('(replaced)') ? 'replace' : rest.includes('(cross-list') ? 'cross' : null;
  return { id: a.id, section, links: LINKS.test(rest) };
}

/** The format links after an entry's id ("[pdf, html, other]"), which a reference list lacks. */
const LINKS = /^\s*(?:\([^)]*\)\s*)?\[(?:pdf|ps|html|other|src)\b/i;

/** `1. arXiv:2401.09603  [pdf, other]  cs.CV` (the number is there when the list marker is copied). */
function searchHeader(t: string): EntryHeader | null {
  const m = /^(?:\d{1,6}\.\s+)?(arXiv:\S+)\s+\[(?:pdf|ps|html|other|src)\b/i.exec(t);
  if (m === null) return null;
  const a = leadingArxivId(m[1]!);
  return a === null ? null : { id: a.id, section: null, links: true };
}

function entryHeader(t: string): EntryHeader | null {
  return listingHeader(t) ?? searchHeader(t);
}

type Heading = { section: Section } | { day: string; section?: Section } | { search: true };

/** Section headings and the lines that give the listing's day. */
function heading(t: string): Heading | null {
  const c = t.charCodeAt(0);
  if (c === 78 /* N */ && /^New submissions\b/.test(t)) {
    // The page before 2024 dated its sections itself: "New submissions for Thu, 4 Apr 24".
    const old = /^New submissions for (?:[A-Z][a-z]{2}, )?(\d{1,2} [A-Z][a-z]{2}) (\d{2})\b/.exec(t);
    const d = old === null ? null : parseDayMonthYear(`${old[1]} 20${old[2]}`);
    return d === null ? { section: 'new' } : { day: toIsoDate(d), section: 'new' };
  }
  if (c === 67 /* C */ && /^Cross(?:-lists| submissions| listings)\b/.test(t)) return { section: 'cross' };
  if (c === 82 /* R */ && /^Replace(?:ments| submissions)\b/.test(t)) return { section: 'replace' };
  if (c === 83 /* S */) {
    if (t.startsWith('Showing new listings for ')) {
      const d = parseDayMonthYear(t.slice(25));
      return d === null ? null : { day: toIsoDate(d) };
    }
    if (/^Showing [\d,]+[\u2013-][\d,]+ of [\d,]+ results\b/.test(t)) return { search: true };
  }
  // A "recent" page's day: "Fri, 5 Dec 2025 (showing 25 of 312 entries)".
  if (t.length < 80 && /\(showing (?:first )?\d+ of \d+ entries\s*\)$/.test(t)) {
    const d = parseDayMonthYear(t);
    if (d !== null) return { day: toIsoDate(d), section: 'new' };
  }
  return null;
}

/** Detection reads only the head of the text: it runs for every kind on every file. */
const DETECT_LINE_LIMIT = 5000;

function detect(lines: readonly string[]): number {
  let score = 0;
  const end = Math.min(lines.length, DETECT_LINE_LIMIT);
  for (let i = 0; i < end && score < 1; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    const c = t.charCodeAt(0);
    if (c === 91 /* [ */) {
      const h = listingHeader(t);
      if (h !== null) score += h.links ? 0.6 : 0.2;
    }
    else if ((c === 97 || c === 65 || (c >= 48 && c <= 57)) && searchHeader(t) !== null) score += 0.3;
    else if ((c === 78 || c === 67 || c === 82 || c === 83) && heading(t) !== null) score += 0.3;
  }
  return score > 1 ? 1 : score;
}

/** Shorter than this, a paragraph after an entry is page chrome, not an abstract. */
const MIN_ABSTRACT = 80;

/** "cs.CV cs.LG stat.ML": the category tags search results put above the title. */
const CATEGORY_LINE = /^(?:[a-z-]+(?:\.[A-Za-z-]+)?\s*)+$/;

/** The tags search results put above a title: categories, and a DOI ("doi", "10.1109/…"). */
function isTagLine(t: string): boolean {
  return (CATEGORY_LINE.test(t) && t.includes('.')) || t === 'doi' || /^(?:doi\s+)?10\.\d{4,9}\/\S+$/.test(t);
}

/** Search results: "Abstract: short… ▽ More" and, when expanded, "full text △ Less". */
function searchAbstract(s: string): string {
  const more = s.indexOf('▽ More');
  if (more < 0) return s.replace(/\s*\u25b3 Less$/, '').trim();
  const full = s.slice(more + 6).replace(/\s*\u25b3 Less$/, '').trim();
  if (full !== '') return full;
  // Only the short form was copied: keep it without its ellipsis, a prefix of the real abstract.
  return s.slice(0, more).trim().replace(/\s*(?:\u2026|\.\.\.)$/, '');
}

/** Search results: "Submitted 8 June, 2024; v1 submitted 17 January, 2024; originally announced …". */
function submittedDate(t: string): string | null {
  const v1 = /\bv1 submitted (.+)$/.exec(t);
  const d = parseDayMonthYear(v1 !== null ? v1[1]! : t.slice(10));
  return d === null ? null : toIsoDate(d);
}

interface Block {
  title: string;
  titleLine: number;
  authors: string[];
  abstract: string | null;
  submitted: string | null;
}

/** Reads one entry: lines[start] is its header, lines[end] the next entry or heading. */
function readBlock(lines: readonly string[], start: number, end: number): Block | null {
  let titleLabel = false;
  let authorsLabel = false;
  for (let j = start + 1; j < end; j++) {
    const t = lines[j]!.trimStart();
    if (t.startsWith('Title:')) titleLabel = true;
    else if (t.startsWith('Authors:')) authorsLabel = true;
  }

  const title: string[] = [];
  let titleLine = 0;
  const authors: string[] = [];
  const abstract: string[] = [];
  let submitted: string | null = null;
  let current: ArxivLabel | null = null;
  let afterBlank = false;
  let k = start + 1;
  for (; k < end; k++) {
    const t = lines[k]!.trim();
    if (t === '') {
      afterBlank = true;
      continue;
    }
    const field = labelledField(t);
    if (field !== null) {
      current = field[0];
      afterBlank = false;
      if (current === 'Title') {
        title.push(field[1]);
        titleLine = k + 1;
      } else if (current === 'Authors') authors.push(field[1]);
      else if (current === 'Abstract') abstract.push(field[1]);
      continue;
    }
    if (t.startsWith('Submitted ')) {
      submitted = submittedDate(t);
      current = null;
      continue;
    }
    if (title.length === 0 && !titleLabel) {
      if (isTagLine(t)) continue;
      title.push(t);
      titleLine = k + 1;
      current = 'Title';
    } else if (authors.length === 0 && !authorsLabel && current === 'Title') {
      authors.push(t);
      current = 'Authors';
    } else if (!afterBlank && (current === 'Title' || current === 'Authors' || current === 'Abstract')) {
      (current === 'Title' ? title : current === 'Authors' ? authors : abstract).push(t);
    } else {
      // Past the fields (a blank line, or Subjects, an entry's last field): the abstract, if any.
      break;
    }
    afterBlank = false;
  }
  if (title.length === 0 || oneLine(title) === '') return null;

  let text: string | null = abstract.length > 0 ? searchAbstract(oneLine(abstract)) : null;
  if (text === null) {
    // "New" listings: the abstract is the paragraph after the fields; anything after it is chrome.
    const para: string[] = [];
    while (k < end && lines[k]!.trim() !== '') para.push(lines[k++]!);
    const p = oneLine(para);
    if (p.length >= MIN_ABSTRACT && !/^(?:Total of|Showing) /.test(p)) text = p;
  }
  return { title: oneLine(title), titleLine, authors, abstract: text === '' ? null : text, submitted };
}

function parse(lines: readonly string[], _opts: ParseOptions): KindResult {
  const entries: PaperEntry[] = [];
  const log = new DiagnosticLog();
  let day: string | null = null;
  let section: Section = 'new';
  let isSearch = false;
  const n = lines.length;

  const headerAt = (i: number): EntryHeader | null => {
    const t = lines[i]!.trim();
    return t === '' ? null : entryHeader(t);
  };
  const headingAt = (i: number): Heading | null => {
    const t = lines[i]!.trim();
    return t === '' ? null : heading(t);
  };

  for (let i = 0; i < n; i++) {
    const h = headingAt(i);
    if (h !== null) {
      if ('search' in h) isSearch = true;
      else {
        if ('day' in h) day = h.day;
        if (h.section !== undefined) section = h.section;
      }
      continue;
    }
    const header = headerAt(i);
    if (header === null) continue;
    let end = i + 1;
    while (end < n && headerAt(end) === null && headingAt(end) === null) end++;
    const block = readBlock(lines, i, end);
    if (block === null) {
      log.warn(i + 1, `arXiv entry ${header.id} has no title; ignored`);
    } else {
      const kind = header.section ?? section;
      const published = isSearch || block.submitted !== null ? block.submitted : kind === 'replace' ? null : day;
      entries.push(
        arxivEntry({
          title: block.title,
          abstract: block.abstract,
          authors: parseAuthorNames(block.authors),
          arxivId: header.id,
          published,
          line: block.titleLine,
        }),
      );
    }
    i = end - 1;
  }
  if (entries.length === 0) log.warn(1, 'no paper entries recognised');
  return { entries, diagnostics: log.done() };
}

export const arxivListing: SourceKind = { name: 'arxiv-listing', detect, parse };
