/**
 * What every arXiv-shaped source shares: arXiv identifiers, author-name lists, and the
 * "Label: value" fields of arXiv entries (Title, Authors, Comments, Subjects, ...).
 */
import type { PaperEntry } from '../model.js';

/** New-style ids (2007 on): YYMM.NNNN or YYMM.NNNNN. */
const NEW_ID = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;
/** Old-style ids: archive[.SUBJ]/YYMMNNN ("hep-th/9901001", "math.GT/0309136"). */
const OLD_ID = /^([a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

/**
 * The arXiv id a token names, without its version: "arXiv:2512.04392v2", "arxiv:2512.07201",
 * "2512.04392", "https://arxiv.org/abs/2512.04392" all give "2512.04392". The version is
 * dropped because every version is the same paper. Null when the token is not an id.
 */
export function parseArxivId(token: string): string | null {
  let s = token.trim();
  if (s.length < 9 || s.length > 80) return null;
  const slash = s.indexOf('arxiv.org/');
  if (slash >= 0) s = s.slice(slash + 10).replace(/^(?:abs|pdf|html)\//, '').replace(/\.pdf$/, '');
  if (s.length > 6 && s.slice(0, 6).toLowerCase() === 'arxiv:') s = s.slice(6);
  const m = NEW_ID.exec(s) ?? OLD_ID.exec(s);
  if (m === null) return null;
  // The month of a new-style id is 01..12; anything else is some other dotted number.
  if (m[1]!.length <= 10 && m[1]![4] === '.') {
    const month = Number(m[1]!.slice(2, 4));
    if (month < 1 || month > 12) return null;
  }
  return m[1]!;
}

/** An `arXiv:<id>` token at the start of `s` (after `start`): the id and where the token ends. */
export function leadingArxivId(s: string, start = 0): { id: string; end: number } | null {
  if (s.length - start < 15 || s.slice(start, start + 6).toLowerCase() !== 'arxiv:') return null;
  let end = start + 6;
  while (end < s.length && s.charCodeAt(end) > 32) end++;
  const id = parseArxivId(s.slice(start, end));
  return id === null ? null : { id, end };
}

/** "+7", "+7 authors": names a page hides behind a button. */
const HIDDEN_AUTHORS = /^\+\s*(\d{1,5})(?:\s+authors?)?$/;

export interface AuthorList {
  names: string[];
  /** How many more authors the source says it does not show ("+7 authors"); 0 when none. */
  hidden: number;
}

/**
 * Reads author names from comma-separated text ("A, B, C", "A, B and C"); the pieces may
 * come from several lines (a page that puts each name and each comma on its own line).
 */
export function parseAuthorNames(pieces: readonly string[]): AuthorList {
  const names: string[] = [];
  let hidden = 0;
  for (const piece of pieces) {
    for (let part of piece.split(/,|;|\s+and\s+/)) {
      part = part.trim();
      // A name copied across a line break or a tab keeps single spaces.
      if (part.includes('  ') || part.includes('\t')) part = part.replace(/\s+/g, ' ');
      if (part === '' || part === 'and') continue;
      if (part.charCodeAt(0) === 43 /* + */) {
        const more = HIDDEN_AUTHORS.exec(part);
        if (more !== null) {
          hidden += Number(more[1]);
          continue;
        }
      }
      if (part.includes('et al')) {
        if (part === 'et al.' || part === 'et al') continue;
        part = part.replace(/\s+et al\.?$/, '');
      }
      names.push(part);
    }
  }
  return { names, hidden };
}

/**
 * The labels arXiv puts before a field. The copied text has them as "Title:…", "Title: …"
 * or "Comments:\t…"; the value may also start on the next line.
 */
export const ARXIV_LABELS = [
  'Title', 'Authors', 'Comments', 'Subjects', 'Journal-ref', 'DOI', 'Report-no', 'MSC-class', 'ACM-class', 'Cite as', 'Abstract',
] as const;
export type ArxivLabel = (typeof ARXIV_LABELS)[number];

/** `Label: value` -> [label, value] when the line starts with one of ARXIV_LABELS. */
export function labelledField(t: string): [ArxivLabel, string] | null {
  const colon = t.indexOf(':');
  if (colon < 2 || colon > 11) return null;
  const label = t.slice(0, colon) as ArxivLabel;
  if (!(ARXIV_LABELS as readonly string[]).includes(label)) return null;
  return [label, t.slice(colon + 1).trim()];
}

/** An arXiv entry with what arXiv shows; upvotes are not an arXiv thing, so they stay unknown. */
export function arxivEntry(fields: {
  title: string;
  abstract: string | null;
  authors: AuthorList;
  arxivId: string | null;
  published: string | null;
  line: number;
}): PaperEntry {
  const { names, hidden } = fields.authors;
  return {
    title: fields.title,
    abstract: fields.abstract,
    authors: names.length > 0 ? names.length + hidden : null,
    authorNames: names,
    arxivId: fields.arxivId,
    organization: null,
    orgHandle: null,
    published: fields.published,
    yearInferred: false,
    upvotes: null,
    line: fields.line,
  };
}

/**
 * Joins the lines a title or abstract was wrapped over into one, with one space at each join.
 * Inside a line the text stays exactly as written, as listings keep it.
 */
export function oneLine(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0]!.trim();
  let out = '';
  for (const part of parts) {
    const t = part.trim();
    if (t === '') continue;
    out = out === '' ? t : out + ' ' + t;
  }
  return out;
}
