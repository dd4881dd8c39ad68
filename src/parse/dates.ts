/**
 * Dates as listings write them ("Jun 5, 2024", "Sep 28", "Sep 10 53") and the inference of
 * the year a listing leaves out. Hand-written scanning instead of regular expressions:
 * these functions run on candidate lines of multi-GB inputs.
 */

export interface Ymd {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

/** A date line of a listing: month and day, maybe a year, maybe a trailing count. */
export interface DateLine {
  month: number;
  day: number;
  /** null when the line gives no year ("Sep 28"). */
  year: number | null;
  /** The trailing number ("Sep 10 53" -> 53); null when the line shows none. */
  upvotes: number | null;
}

export const MONTH_ABBREVIATIONS = [
  'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec',
] as const;

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const MONTH_BY_NAME: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  MONTH_ABBREVIATIONS.forEach((a, i) => {
    m.set(a, i + 1);
    m.set(a + '.', i + 1);
  });
  MONTH_NAMES.forEach((n, i) => m.set(n, i + 1));
  m.set('Sept', 9);
  m.set('Sept.', 9);
  return m;
})();

/** 1..12 for "Sep", "Sept", "September", "Sep."; 0 when it is not a month name. */
export function monthFromName(name: string): number {
  return MONTH_BY_NAME.get(name) ?? 0;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether the day exists; with no year, Feb 29 counts (some leap year has it). */
export function isValidMonthDay(month: number, day: number, year: number | null = null): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year ?? 2000, month);
}

/** Digits only, at most `maxDigits` of them; -1 otherwise. */
function parseUint(s: string, maxDigits: number): number {
  const n = s.length;
  if (n === 0 || n > maxDigits) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** Splits on runs of spaces, giving up (null) beyond `max` tokens. */
function tokens(s: string, max: number): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(s.charCodeAt(i))) i++;
    if (out.length === max) return null;
    out.push(s.slice(start, i));
  }
  return out;
}

/** The longest date line: "September 30, 2024 1234567". */
const MAX_DATE_LINE = 40;

/**
 * Parses a trimmed listing date line: `Mon D`, `Mon D, YYYY`, each optionally followed by a
 * count. Returns null for anything else, including days that do not exist ("Feb 30, 2023").
 */
export function parseDateLine(s: string): DateLine | null {
  if (s.length < 5 || s.length > MAX_DATE_LINE) return null;
  const c0 = s.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return null;
  const t = tokens(s, 4);
  if (t === null || t.length < 2) return null;
  const month = monthFromName(t[0]!);
  if (month === 0) return null;
  let dayToken = t[1]!;
  let year: number | null = null;
  let next = 2;
  if (dayToken.endsWith(',')) {
    // A comma after the day always announces the year: "Jun 20, 2024 2".
    dayToken = dayToken.slice(0, -1);
    if (t.length < 3) return null;
    year = parseUint(t[2]!, 4);
    if (year < 1000) return null;
    next = 3;
  }
  const day = parseUint(dayToken, 2);
  if (day < 1) return null;
  let upvotes: number | null = null;
  if (next < t.length) {
    if (next !== t.length - 1) return null;
    upvotes = parseUint(t[next]!, 9);
    if (upvotes < 0) return null;
  }
  if (!isValidMonthDay(month, day, year)) return null;
  return { month, day, year, upvotes };
}

/**
 * Whether a line that failed `parseDateLine` still looks like an attempt at a date
 * ("Sepp 3x, 20z4"), so that it is reported as a broken date rather than taken for a title.
 */
/**
 * A month name, a shortening of one ("Sept", "Septem"), or an abbreviation with one stray
 * letter ("Sepp"): what a damaged date starts with. Words that merely begin like a month
 * ("Marching", "Octopus", "Decoding") start titles, not dates.
 */
function isMonthLike(word: string): boolean {
  const w = (word.endsWith('.') || word.endsWith(',') ? word.slice(0, -1) : word).toLowerCase();
  if (w.length < 3) return false;
  for (let m = 0; m < 12; m++) {
    if (MONTH_NAMES[m]!.toLowerCase().startsWith(w)) return true;
    if (w.length === 4 && w.startsWith(MONTH_ABBREVIATIONS[m]!.toLowerCase())) return true;
  }
  return false;
}

export function looksLikeDateLine(s: string): boolean {
  if (s.length < 3 || s.length > 24) return false;
  const sp = s.indexOf(' ');
  const word = sp === -1 ? s : s.slice(0, sp);
  if (word.length < 3 || word.length > 10) return false;
  if (!isMonthLike(word)) return false;
  // The day comes straight after the month: "June Learning 10" is a title.
  if (sp !== -1) {
    const c = s.charCodeAt(sp + 1);
    return c >= 48 && c <= 57;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Strict YYYY-MM-DD with a day that exists; null otherwise. */
export function parseIsoDate(s: string): Ymd | null {
  if (typeof s !== 'string' || s.length !== 10 || s[4] !== '-' || s[7] !== '-') return null;
  const year = parseUint(s.slice(0, 4), 4);
  const month = parseUint(s.slice(5, 7), 2);
  const day = parseUint(s.slice(8, 10), 2);
  if (year < 1 || month < 1 || day < 1) return null;
  if (!isValidMonthDay(month, day, year)) return null;
  return { year, month, day };
}

export function toIsoDate(d: Ymd): string {
  return (
    String(d.year).padStart(4, '0') +
    '-' +
    String(d.month).padStart(2, '0') +
    '-' +
    String(d.day).padStart(2, '0')
  );
}

/**
 * The latest date with this month and day on or before `ref` (Feb 29 goes back to the
 * latest leap year that has one on or before `ref`). Null when the day never exists.
 */
export function latestOnOrBefore(month: number, day: number, ref: Ymd): Ymd | null {
  if (!isValidMonthDay(month, day)) return null;
  let year = month < ref.month || (month === ref.month && day <= ref.day) ? ref.year : ref.year - 1;
  // Only Feb 29 can be missing in a year; leap years are at most 8 years apart.
  for (let tries = 0; tries < 9; tries++, year--) {
    if (day <= daysInMonth(year, month)) return { year, month, day };
  }
  return null;
}

/**
 * The full date of a listing date line. Without a written year the date is the latest one
 * on or before `ref` (the page's own date, else the capture day), and is flagged inferred.
 */
export function resolveDateLine(
  d: DateLine,
  ref: Ymd | null,
): { published: string | null; yearInferred: boolean } {
  if (d.year !== null) {
    return { published: toIsoDate({ year: d.year, month: d.month, day: d.day }), yearInferred: false };
  }
  if (ref === null) return { published: null, yearInferred: false };
  const r = latestOnOrBefore(d.month, d.day, ref);
  return r === null ? { published: null, yearInferred: false } : { published: toIsoDate(r), yearInferred: true };
}

/**
 * A day-first date as arXiv writes it, anywhere at the start of `s`: "Friday, 5 December 2025",
 * "Fri, 5 Dec 2025", "8 Feb 2025", "8 June, 2024". Null when there is none or the day does not exist.
 */
export function parseDayMonthYear(s: string): Ymd | null {
  const m = /^(?:[A-Z][a-z]{2,8},?\s+)?(\d{1,2})\s+([A-Z][a-z]{2,8}\.?),?\s+(\d{4})(?!\d)/.exec(s);
  if (m === null) return null;
  const month = monthFromName(m[2]!);
  const day = Number(m[1]);
  const year = Number(m[3]);
  return month !== 0 && isValidMonthDay(month, day, year) ? { year, month, day } : null;
}
