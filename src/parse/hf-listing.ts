/**
 * Hugging Face "Daily Papers" listing pages, copied from the browser as plain text.
 *
 * The page is page chrome ("Get trending papers in your email inbox!", "Subscribe", ...,
 * the page's own date "Nov 3") followed by entries. An entry is a title line, an abstract
 * line and, usually, a metadata block:
 *
 *     Title
 *     Abstract
 *       • 8 authors          (or an organisation line: "SunYatsen Sun Yat-Sen University")
 *     ·
 *     Sep 10 53            (month day [, year] [upvotes])
 *
 * Titles and abstracts carry no marker of their own, so the parser collects them in a
 * "run" until something structural (a metadata line, chrome, the end) closes the run, then
 * splits the run into entries by position, using line shape only to place a title without
 * abstract when the run has an odd number of lines.
 */
import type { Diagnostic, PaperEntry, ParseOptions } from '../model.js';
import {
  type DateLine,
  type Ymd,
  latestOnOrBefore,
  looksLikeDateLine,
  parseDateLine,
  parseIsoDate,
  resolveDateLine,
} from './dates.js';
import type { KindResult, SourceKind } from './kind.js';
import { MAX_ORG_LINE, parseAuthorsLine, parseOrgLine, titleLikeness } from './line-shape.js';

/** Chrome that only this page has: seeing it is enough to call the text a listing. */
const DISTINCTIVE_CHROME: ReadonlySet<string> = new Set([
  'Get trending papers in your email inbox!',
  'Get trending papers in your email inbox once a day!',
  'byAK and the research community',
]);
/** Chrome that any web page may have: skipped, but no evidence of a listing. */
const GENERIC_CHROME: ReadonlySet<string> = new Set(['new', 'Subscribe', 'Daily Papers']);

const NOT_CHROME = 0;
const GENERIC = 1;
const DISTINCTIVE = 2;

/** Checks the length first so that long lines are never hashed for a set lookup. */
function chromeKind(t: string): number {
  switch (t.length) {
    case 3:
    case 9:
    case 12:
      return GENERIC_CHROME.has(t) ? GENERIC : NOT_CHROME;
    case 31:
    case 40:
    case 51:
      return DISTINCTIVE_CHROME.has(t) ? DISTINCTIVE : NOT_CHROME;
    default:
      return NOT_CHROME;
  }
}

const SUBSCRIBE = 'Subscribe';

/** What makes "Subscribe…" a word ("Subscribed", "Subscriber", "Subscribers", "Subscribes") rather than a glued title. */
const SUBSCRIBE_WORD_ENDING = /^(?:d|r|rs|s)(?![\p{L}\p{N}])/u;

/**
 * The compact layout glues the first title to the button text: "SubscribeKey-Point-Driven…".
 * Titles may start in lower case ("s1: Simple test-time scaling", "mPLUG-Owl"), so only the
 * endings that make an English word keep the line whole.
 */
function unglueSubscribe(t: string): string | null {
  if (t.length <= SUBSCRIBE.length || !t.startsWith(SUBSCRIBE)) return null;
  const rest = t.slice(SUBSCRIBE.length);
  // The copy glues without a space: "Subscribe Learning…" is a title of its own.
  if (rest.charCodeAt(0) === 32 || SUBSCRIBE_WORD_ENDING.test(rest)) return null;
  const title = rest.trim();
  return title === '' ? null : title;
}

const DOT = '·';

/** Detection reads only the head of the text: it runs for every kind on every file. */
const DETECT_LINE_LIMIT = 5000;

function nextNonBlank(lines: readonly string[], i: number): string | null {
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j]!.trim();
    if (t !== '') return t;
  }
  return null;
}

function detect(lines: readonly string[]): number {
  let score = 0;
  let genericSeen = false;
  const end = Math.min(lines.length, DETECT_LINE_LIMIT);
  for (let i = 0; i < end && score < 0.95; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    const chrome = chromeKind(t);
    if (chrome === DISTINCTIVE) score += 0.95;
    else if (chrome === GENERIC) {
      // "new" badges and "Subscribe" buttons are everywhere: a little, and only once each.
      if (!genericSeen) score += 0.1;
      genericSeen = true;
    }
    else if (parseAuthorsLine(t) >= 0) {
      // "• N authors" then "·" then a date is the listing's own signature.
      const a = nextNonBlank(lines, i);
      score += a === DOT ? 0.5 : 0.25;
    } else if (t === DOT) {
      // Blogs show "5 min read · Jun 5, 2024" too: weak evidence on its own.
      const d = nextNonBlank(lines, i);
      if (d !== null && parseDateLine(d) !== null) score += 0.15;
    }
  }
  return score > 1 ? 1 : score;
}

interface TextLine {
  text: string;
  /** 1-based line number in the original text. */
  line: number;
}

function newEntry(title: string, abstract: string | null, line: number): PaperEntry {
  return {
    title,
    abstract,
    authors: null,
    authorNames: [],
    arxivId: null,
    organization: null,
    orgHandle: null,
    published: null,
    yearInferred: false,
    upvotes: null,
    line,
  };
}

/** Cost of a title without abstract: above any pairing cost, so position decides first. */
const TITLE_ONLY_COST = 0.6;
/** A title-only "entry" this unlike a title is a stray fragment of prose, not a paper. */
const STRAY_TEXT_LIKENESS = 0.15;

/**
 * Splits a run of three or more lines into groups of 2 (title, abstract) or 1 (a title
 * alone), in order, at minimum cost. Every title alone costs more than any pairing, so the
 * fewest possible lone titles are used and line shapes only decide where they go.
 */
function splitByShape(run: readonly TextLine[]): number[] {
  const n = run.length;
  const like = new Float64Array(n);
  for (let i = 0; i < n; i++) like[i] = titleLikeness(run[i]!.text);
  const best = new Float64Array(n + 1);
  const endsPair = new Uint8Array(n + 1);
  best[1] = 1 - like[0]! + TITLE_ONLY_COST;
  for (let k = 2; k <= n; k++) {
    const single = best[k - 1]! + (1 - like[k - 1]!) + TITLE_ONLY_COST;
    const pair = best[k - 2]! + (1 - like[k - 2]!) + like[k - 1]!;
    // On a tie (up to rounding) shapes cannot tell, so position does: pairs from the start, the lone title last.
    if (pair < single - 1e-9) {
      best[k] = pair;
      endsPair[k] = 1;
    } else {
      best[k] = single;
    }
  }
  const sizes: number[] = [];
  for (let k = n; k > 0; ) {
    const size = endsPair[k] === 1 ? 2 : 1;
    sizes.push(size);
    k -= size;
  }
  return sizes.reverse();
}

/** A damaged file must not drown the report: past this many, warnings are only counted. */
const MAX_DIAGNOSTICS = 1000;

function quote(s: string): string {
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

class HfListingParser {
  private readonly entries: PaperEntry[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  /** Title/abstract lines waiting for something structural to close them. */
  private run: TextLine[] = [];
  /** The entry whose metadata block is open (authors/org/dot seen, date not yet). */
  private current: PaperEntry | null = null;
  private currentDot = false;
  /** The latest entry of the current page section, and whether it got any metadata. */
  private last: PaperEntry | null = null;
  private lastHasMeta = false;
  /** True while inside a chrome block: a date line there is the page's own date. */
  private inChrome = false;
  private pageDate: Ymd | null = null;
  private readonly asOf: Ymd | null;
  private readonly asOfText: unknown;
  private asOfReported = false;
  /** Evidence that this is a listing at all; without it no entry is produced. */
  private distinctiveChrome = false;
  private authorsLines = 0;
  private datedDots = 0;
  private sawMetadata = false;
  private suppressed = 0;

  constructor(
    private readonly lines: readonly string[],
    opts: ParseOptions,
  ) {
    this.asOfText = opts?.asOf;
    this.asOf = parseIsoDate(opts?.asOf);
  }

  private get recognised(): boolean {
    return this.distinctiveChrome || this.authorsLines > 0 || this.datedDots > 1;
  }

  private warn(line: number, message: string): void {
    if (this.diagnostics.length < MAX_DIAGNOSTICS) this.diagnostics.push({ line, message });
    else this.suppressed++;
  }

  parse(): KindResult {
    const lines = this.lines;
    const n = lines.length;
    for (let i = 0; i < n; i++) {
      const raw = lines[i]!;
      if (raw.length === 0) continue;
      let t = raw.trim();
      if (t === '') continue;
      const lineNo = i + 1;

      const chrome = chromeKind(t);
      if (chrome !== NOT_CHROME) {
        this.onChrome(chrome === DISTINCTIVE);
        continue;
      }
      if (this.inChrome) {
        const glued = unglueSubscribe(t);
        if (glued !== null) t = glued;
      }
      if (t === DOT) {
        this.onDot(lineNo);
        continue;
      }
      const authors = parseAuthorsLine(t);
      if (authors >= 0) {
        this.onAuthors(lineNo, authors);
        continue;
      }
      const date = parseDateLine(t);
      if (date !== null) {
        this.onDate(lineNo, date);
        continue;
      }
      if ((this.inChrome || this.current !== null) && looksLikeDateLine(t)) {
        this.onGarbledDate(lineNo, t);
        continue;
      }
      if (t.length <= MAX_ORG_LINE && (this.run.length > 0 || this.current !== null) && nextNonBlank(lines, i) === DOT) {
        const org = parseOrgLine(t);
        if (org !== null && this.onOrg(org)) continue;
      }
      this.onText(lineNo, t);
    }
    this.endSection();

    if (!this.recognised) {
      return {
        entries: [],
        diagnostics: [{ line: 1, message: 'no paper entries recognised: no listing structure found' }],
      };
    }
    if (this.entries.length === 0) this.warn(1, 'no paper entries recognised');
    if (this.suppressed > 0) {
      this.diagnostics.push({ line: 1, message: `${this.suppressed} more warnings not shown` });
    }
    return { entries: this.entries, diagnostics: this.diagnostics };
  }

  private onChrome(distinctive: boolean): void {
    if (!this.inChrome) {
      // A new chrome block mid-file is a second page pasted in: close the first one.
      this.endSection();
      this.pageDate = null;
      this.inChrome = true;
    }
    if (distinctive) this.distinctiveChrome = true;
  }

  private onText(lineNo: number, t: string): void {
    if (this.current !== null) this.closeMetadata();
    this.inChrome = false;
    this.run.push({ text: t, line: lineNo });
  }

  /** Opens the metadata block of the run's last entry. False when there is no entry for it. */
  private openMetadata(): boolean {
    if (this.run.length === 0) return false;
    if (this.current !== null) this.closeMetadata();
    const e = this.flushRun(true);
    if (e === null) return false;
    this.current = e;
    this.currentDot = false;
    this.last = e;
    this.lastHasMeta = true;
    this.sawMetadata = true;
    return true;
  }

  private onAuthors(lineNo: number, count: number): void {
    this.inChrome = false;
    this.authorsLines++;
    if (!this.openMetadata()) {
      this.warn(lineNo, 'authors line without a paper title ignored');
      return;
    }
    this.current!.authors = count;
  }

  private onOrg(org: { handle: string; name: string }): boolean {
    if (this.run.length === 0) {
      // An organisation after an authors line: unusual, but it belongs to the open entry.
      const e = this.current;
      if (e === null || this.currentDot || e.organization !== null) return false;
      e.organization = org.name;
      e.orgHandle = org.handle;
      return true;
    }
    this.inChrome = false;
    if (!this.openMetadata()) return false;
    this.current!.organization = org.name;
    this.current!.orgHandle = org.handle;
    return true;
  }

  private onDot(lineNo: number): void {
    this.inChrome = false;
    if (this.run.length === 0 && this.current !== null && !this.currentDot) {
      this.currentDot = true;
      return;
    }
    if (!this.openMetadata()) {
      this.warn(lineNo, `unexpected "${DOT}" line ignored`);
      return;
    }
    this.currentDot = true;
  }

  private onDate(lineNo: number, d: DateLine): void {
    // Before any entry, a date is the page's own, even when the chrome was not copied.
    if (this.inChrome || (this.run.length === 0 && this.current === null && this.entries.length === 0)) {
      this.setPageDate(lineNo, d);
      return;
    }
    if (this.run.length > 0 || this.current === null) {
      // A date straight after an abstract: the authors line and "·" were not copied.
      if (!this.openMetadata()) {
        this.warn(lineNo, 'date line without a paper title ignored');
        return;
      }
    }
    const e = this.current!;
    if (this.currentDot) this.datedDots++;
    const ref = this.pageDate ?? this.asOf;
    if (ref === null && d.year === null) this.reportBadAsOf(lineNo);
    const r = resolveDateLine(d, ref);
    e.published = r.published;
    e.yearInferred = r.yearInferred;
    e.upvotes = d.upvotes ?? 0;
    this.current = null;
  }

  private setPageDate(lineNo: number, d: DateLine): void {
    if (d.year !== null) this.pageDate = { year: d.year, month: d.month, day: d.day };
    else if (this.asOf === null) this.pageDate = this.reportBadAsOf(lineNo);
    else this.pageDate = latestOnOrBefore(d.month, d.day, this.asOf);
  }

  /** Said once, where it first matters, rather than on every yearless date. */
  private reportBadAsOf(lineNo: number): null {
    if (!this.asOfReported) {
      this.asOfReported = true;
      this.warn(lineNo, `date without a year left empty: invalid asOf date ${JSON.stringify(this.asOfText)}`);
    }
    return null;
  }

  private onGarbledDate(lineNo: number, t: string): void {
    this.warn(lineNo, `unrecognised date line: ${quote(t)}`);
    if (this.current !== null) {
      // The date line is there but unreadable: keep the entry, with no date and no count.
      this.current = null;
    }
  }

  /** The open metadata block ended before its date line. */
  private closeMetadata(): void {
    const e = this.current;
    if (e === null) return;
    this.warn(e.line, 'entry cut off: no date line');
    this.current = null;
  }

  /** End of a page: the next chrome block or the end of the text. */
  private endSection(): void {
    if (this.current !== null) this.closeMetadata();
    if (this.run.length > 0) {
      if (this.recognised) {
        const e = this.flushRun(false);
        if (e !== null) {
          this.last = e;
          this.lastHasMeta = false;
        }
      } else {
        const first = this.run[0]!;
        const n = this.run.length;
        this.warn(first.line, `text outside a listing ignored (${n} ${n === 1 ? 'line' : 'lines'})`);
        this.run = [];
      }
    }
    const e = this.last;
    if (e !== null && !this.lastHasMeta) {
      if (e.abstract === null) this.warn(e.line, 'entry cut off: no abstract');
      else if (this.sawMetadata) this.warn(e.line, 'entry cut off: no date line');
    }
    this.last = null;
    this.lastHasMeta = false;
  }

  /**
   * Turns the run into entries: (title, abstract) pairs by position; when the count is odd
   * one title stands alone, placed where line shapes fit best. With `withMeta` the last
   * entry is the one the following metadata block belongs to. Returns the last entry.
   */
  private flushRun(withMeta: boolean): PaperEntry | null {
    const run = this.run;
    this.run = [];
    const n = run.length;
    if (n === 0) return null;
    const sizes = n <= 2 ? [n] : splitByShape(run);
    let lastEntry: PaperEntry | null = null;
    let i = 0;
    for (let g = 0; g < sizes.length; g++) {
      const size = sizes[g]!;
      const isLast = g === sizes.length - 1;
      const title = run[i]!;
      i += size;
      if (size === 1 && !(isLast && withMeta) && titleLikeness(title.text) < STRAY_TEXT_LIKENESS) {
        this.warn(title.line, 'text without a paper title ignored');
        continue;
      }
      lastEntry = this.emit(title, size === 2 ? run[i - 1]! : null, isLast, withMeta);
    }
    return lastEntry;
  }

  private emit(title: TextLine, abstract: TextLine | null, isLast: boolean, withMeta: boolean): PaperEntry {
    const e = newEntry(title.text, abstract === null ? null : abstract.text, title.line);
    this.entries.push(e);
    // A trailing title-only entry is reported by endSection as cut off instead.
    if (abstract === null && !(isLast && !withMeta)) this.warn(title.line, 'no abstract found for this title');
    return e;
  }
}

export const hfListing: SourceKind = {
  name: 'hf-listing',
  detect,
  parse(lines: readonly string[], opts: ParseOptions): KindResult {
    return new HfListingParser(lines, opts).parse();
  },
};
