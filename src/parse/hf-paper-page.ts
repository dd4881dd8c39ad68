/**
 * Hugging Face paper pages (huggingface.co/papers/<arxiv id>) copied from the browser as
 * plain text. Between the site's navigation and the page's own chrome:
 *
 *     Papers
 *     arxiv:2512.07201
 *     The title
 *     Published on Dec 8, 2025          (no year when it is this year: "Published on Dec 8")
 *     Upvote 53                         (or "Upvote" and "53" on two lines)
 *     Authors:
 *     Name One , Name Two , … +7 authors (one name per line, commas on lines of their own, …)
 *     Abstract
 *     AI-generated summary
 *     One sentence written by a model.
 *     The abstract.
 *     View arXiv page · Community · Models citing this paper 0 · …
 *
 * A page is read from its "arxiv:<id>" line, so the site's navigation and chrome never
 * become a paper; several pages pasted into one file are several papers.
 */
import type { PaperEntry, ParseOptions } from '../model.js';
import { arxivEntry, oneLine, parseArxivId, parseAuthorNames } from './arxiv.js';
import { parseDateLine, parseIsoDate, resolveDateLine } from './dates.js';
import { DiagnosticLog } from './diagnostics.js';
import type { KindResult, SourceKind } from './kind.js';

const PUBLISHED = 'Published on ';
const AI_SUMMARY = 'AI-generated summary';

/** The page's own chrome below the abstract: the abstract (and an author list) ends at it. */
const PAGE_CHROME = [
  'View arXiv page', 'View PDF', 'Add to collection', 'Community', 'Project page', 'GitHub',
  'Models citing this paper', 'Datasets citing this paper', 'Spaces citing this paper', 'Collections including this paper',
  'Cite arxiv.org/abs/', 'Get this paper in your agent',
];
/** Chrome no other page has: evidence for detection. */
const CITING = ['Models citing this paper', 'Datasets citing this paper', 'Spaces citing this paper', 'Collections including this paper'];

function isChrome(t: string): boolean {
  return PAGE_CHROME.some((c) => t.startsWith(c));
}

/** `arxiv:2512.07201` alone on its line: the page's id, and where a page starts. */
function pageId(t: string): string | null {
  if (t.length < 15 || t.length > 30 || (t.charCodeAt(0) | 32) !== 97 /* a */ || t.slice(0, 6).toLowerCase() !== 'arxiv:') {
    return null;
  }
  return parseArxivId(t);
}

/** "Upvote 53" -> 53; "Upvote" alone -> the count on the next line; -1 when not an upvote line. */
function upvotesAt(lines: readonly string[], i: number, end: number): number {
  const t = lines[i]!.trim();
  if (!t.startsWith('Upvote')) return -1;
  let rest = t.slice(6).trim();
  if (rest === '') {
    let j = i + 1;
    while (j < end && lines[j]!.trim() === '') j++;
    rest = j < end ? lines[j]!.trim() : '';
  }
  return /^\d{1,9}$/.test(rest) ? Number(rest) : -1;
}

/** Names, commas and "+N authors"; prose (a summary, an abstract) has longer pieces or sentences. */
function looksLikeNames(t: string): boolean {
  if (t === AI_SUMMARY) return false;
  for (const piece of t.split(',')) {
    const p = piece.trim();
    if (p.length > 60 || p.split(' ').length > 6 || p.endsWith('.') && !/\b[A-Z]\.$/.test(p)) return false;
  }
  return true;
}

/** Detection reads only the head of the text: it runs for every kind on every file. */
const DETECT_LINE_LIMIT = 5000;

function detect(lines: readonly string[]): number {
  let id = false;
  let published = false;
  let papers = false;
  let citing = 0;
  const end = Math.min(lines.length, DETECT_LINE_LIMIT);
  for (let i = 0; i < end; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    if (!id && pageId(t) !== null) id = true;
    else if (!published && t.startsWith(PUBLISHED) && parseDateLine(t.slice(PUBLISHED.length)) !== null) published = true;
    else if (t === 'Papers') papers = true;
    else if (CITING.some((c) => t.startsWith(c))) citing++;
  }
  const score = (id ? 0.4 : 0) + (published ? 0.3 : 0) + (papers ? 0.1 : 0) + 0.1 * Math.min(citing, 4);
  return score > 1 ? 1 : score;
}

/**
 * The abstract section's lines, in order: the summary (when the page has one) comes first,
 * labelled "AI-generated summary"; without the label, two paragraphs are summary and abstract.
 */
function abstractOf(paragraphs: readonly string[]): string | null {
  let ps = paragraphs;
  const label = ps.indexOf(AI_SUMMARY);
  if (label >= 0) ps = [...ps.slice(0, label), ...ps.slice(label + 2)];
  else if (ps.length >= 2) ps = ps.slice(1);
  const text = oneLine(ps);
  return text === '' ? null : text;
}

function parse(lines: readonly string[], opts: ParseOptions): KindResult {
  const entries: PaperEntry[] = [];
  const log = new DiagnosticLog();
  const asOf = parseIsoDate(opts?.asOf);
  const starts: { line: number; id: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    const id = t === '' ? null : pageId(t);
    if (id !== null) starts.push({ line: i, id });
  }

  starts.forEach(({ line: start, id }, s) => {
    const end = s + 1 < starts.length ? starts[s + 1]!.line : lines.length;
    let i = start + 1;
    while (i < end && lines[i]!.trim() === '') i++;
    const titleText = i < end ? lines[i]!.trim() : '';
    if (titleText === '' || titleText.startsWith(PUBLISHED) || isChrome(titleText)) {
      log.warn(start + 1, `paper page arxiv:${id} has no title; ignored`);
      return;
    }
    const entry = arxivEntry({ title: titleText, abstract: null, authors: { names: [], hidden: 0 }, arxivId: id, published: null, line: i + 1 });

    let section: 'meta' | 'authors' | 'abstract' = 'meta';
    const authorPieces: string[] = [];
    const paragraphs: string[] = [];
    for (i++; i < end; i++) {
      const t = lines[i]!.trim();
      if (t === '') continue;
      // The page's own chrome comes after the abstract: what follows (comments, citing models) is not the paper's.
      if (isChrome(t)) break;
      if (t === 'Abstract') {
        section = 'abstract';
        continue;
      }
      if (section === 'abstract') {
        paragraphs.push(t);
        continue;
      }
      if (t.startsWith('Authors:')) {
        section = 'authors';
        authorPieces.push(t.slice(8));
        continue;
      }
      if (section === 'authors') {
        if (looksLikeNames(t)) {
          authorPieces.push(t);
          continue;
        }
        // The "Abstract" heading was not copied: prose ends the names.
        section = 'abstract';
        paragraphs.push(t);
        continue;
      }
      if (t.startsWith(PUBLISHED) && entry.published === null) {
        const d = parseDateLine(t.slice(PUBLISHED.length));
        if (d === null) {
          log.warn(i + 1, `date not understood: "${t.length > 80 ? t.slice(0, 77) + '...' : t}"`);
        } else {
          const r = resolveDateLine(d, asOf);
          entry.published = r.published;
          entry.yearInferred = r.yearInferred;
        }
        continue;
      }
      const up = upvotesAt(lines, i, end);
      if (up >= 0 && entry.upvotes === null) entry.upvotes = up;
    }

    const { names, hidden } = parseAuthorNames(authorPieces);
    entry.authorNames = names;
    entry.authors = names.length > 0 ? names.length + hidden : null;
    entry.abstract = abstractOf(paragraphs);
    if (entry.abstract === null) log.warn(entry.line, 'no abstract found for this title');
    entries.push(entry);
  });
  if (entries.length === 0 && log.empty) log.warn(1, 'no paper entries recognised');
  return { entries, diagnostics: log.done() };
}

export const hfPaperPage: SourceKind = { name: 'hf-paper-page', detect, parse };
