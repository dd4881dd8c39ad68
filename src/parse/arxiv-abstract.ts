/**
 * arXiv abstract pages (arxiv.org/abs/<id>) copied from the browser as plain text:
 *
 *     arxiv logo > cs > arXiv:2502.05171
 *     Computer Science > Machine Learning
 *     [Submitted on 8 Feb 2025 (v1), last revised 10 Mar 2025 (this version, v2)]
 *     Title:Scaling up Test-Time Compute with Latent Reasoning: A Recurrent Depth Approach
 *     Authors:Jonas Geiping, Sean McLeish, …
 *     View PDF HTML (experimental)
 *     Abstract:We study a novel language model architecture …
 *     Comments: / Subjects: / Cite as: arXiv:2502.05171 [cs.LG]
 *     Submission history … Bibliographic Tools … References & Citations …
 *
 * A page is read from its "[Submitted on …]" line, so the chrome around it never becomes a
 * paper; several pages pasted into one file are several papers. The first submission's day
 * is the paper's date, as on the other sources.
 */
import type { PaperEntry, ParseOptions } from '../model.js';
import { arxivEntry, leadingArxivId, oneLine, parseAuthorNames } from './arxiv.js';
import { parseDayMonthYear, toIsoDate } from './dates.js';
import { DiagnosticLog } from './diagnostics.js';
import type { KindResult, SourceKind } from './kind.js';

const SUBMITTED = '[Submitted on ';

/** What follows the abstract on the page: the abstract ends at the first of these. */
const AFTER_ABSTRACT = [
  'Comments:', 'Subjects:', 'Cite as:', 'Journal reference:', 'Journal-ref:', 'Related DOI:', 'DOI:', 'Report number:',
  'MSC classes:', 'ACM classes:', 'Submission history', 'Access Paper:', 'Full-text links:', 'Bibliographic Tools',
  'References & Citations', 'Current browse context:', 'Download:',
];

function endsAbstract(t: string): boolean {
  return t === '' || AFTER_ABSTRACT.some((p) => t.startsWith(p));
}

/** Detection reads only the head of the text: it runs for every kind on every file. */
const DETECT_LINE_LIMIT = 5000;

function detect(lines: readonly string[]): number {
  let submitted = false;
  let title = false;
  let abstract = false;
  const end = Math.min(lines.length, DETECT_LINE_LIMIT);
  for (let i = 0; i < end; i++) {
    const t = lines[i]!.trimStart();
    if (!submitted && t.startsWith(SUBMITTED) && parseDayMonthYear(t.slice(SUBMITTED.length)) !== null) submitted = true;
    else if (submitted && !title && t.startsWith('Title:')) title = true;
    else if (submitted && !abstract && t.startsWith('Abstract:')) abstract = true;
    if (submitted && title && abstract) break;
  }
  return (submitted ? 0.6 : 0) + (title ? 0.3 : 0) + (abstract ? 0.1 : 0);
}

/** The page's own "Cite as: arXiv:2502.05171 [cs.LG]" line. */
function citeAsId(lines: readonly string[], from: number, to: number): string | null {
  for (let i = from; i < to; i++) {
    const t = lines[i]!.trim();
    if (!t.startsWith('Cite as:')) continue;
    const at = t.indexOf('arXiv:');
    const a = at < 0 ? null : leadingArxivId(t, at);
    if (a !== null) return a.id;
  }
  return null;
}

/** The breadcrumb above the page ("arxiv logo > cs > arXiv:2502.05171"), nearest first. */
function breadcrumbId(lines: readonly string[], from: number, to: number): string | null {
  for (let i = to - 1; i >= from; i--) {
    const t = lines[i]!.trim();
    const at = t.indexOf('arXiv:');
    if (at < 0 || t.lastIndexOf('>', at) < 0) continue;
    const a = leadingArxivId(t, at);
    if (a !== null) return a.id;
  }
  return null;
}

function parse(lines: readonly string[], _opts: ParseOptions): KindResult {
  const entries: PaperEntry[] = [];
  const log = new DiagnosticLog();
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trimStart().startsWith(SUBMITTED)) starts.push(i);
  }
  let previousStart = 0;
  starts.forEach((start, s) => {
    const end = s + 1 < starts.length ? starts[s + 1]! : lines.length;
    const pageFrom = previousStart;
    previousStart = start + 1;
    const d = parseDayMonthYear(lines[start]!.trim().slice(SUBMITTED.length));
    let title: string | null = null;
    let titleLine = 0;
    let authors: string[] = [];
    const abstract: string[] = [];
    for (let i = start + 1; i < end; i++) {
      const t = lines[i]!.trim();
      if (title === null && t.startsWith('Title:')) {
        title = oneLine([t.slice(6)]);
        titleLine = i + 1;
      } else if (title !== null && authors.length === 0 && t.startsWith('Authors:')) {
        authors = [t.slice(8)];
      } else if (title !== null && abstract.length === 0 && t.startsWith('Abstract:')) {
        abstract.push(t.slice(9));
        // The text may start on the "Abstract:" line or on the next one.
        let j = i + 1;
        if (abstract[0]!.trim() === '') while (j < end && lines[j]!.trim() === '') j++;
        for (; j < end && !endsAbstract(lines[j]!.trim()); j++) abstract.push(lines[j]!);
        break;
      }
    }
    if (title === null || title === '') {
      log.warn(start + 1, 'arXiv abstract page without a "Title:" line; ignored');
      return;
    }
    const arxivId = citeAsId(lines, start, end) ?? breadcrumbId(lines, pageFrom, start);
    const text = oneLine(abstract);
    entries.push(
      arxivEntry({
        title,
        abstract: text === '' ? null : text,
        authors: parseAuthorNames(authors),
        arxivId,
        published: d === null ? null : toIsoDate(d),
        line: titleLine,
      }),
    );
    if (d === null) log.warn(start + 1, 'submission date not understood; paper kept without a date');
    if (text === '') log.warn(titleLine, 'no abstract found for this title');
  });
  if (entries.length === 0 && log.empty) log.warn(1, 'no paper entries recognised');
  return { entries, diagnostics: log.done() };
}

export const arxivAbstract: SourceKind = { name: 'arxiv-abstract', detect, parse };
