/**
 * Cheap guesses about what a single line of listing text is, used only where position
 * alone cannot decide (odd runs of title/abstract lines, the line before a `·`).
 */

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Sentence shape is read from the start only: a 5 MB line must not cost 5 MB of scanning. */
const SHAPE_SCAN_LIMIT = 600;

/** Counts ". X" (full stop, space, capital): sentence breaks, which titles rarely have. */
function sentenceBreaks(s: string): number {
  const end = Math.min(s.length, SHAPE_SCAN_LIMIT) - 2;
  let n = 0;
  for (let i = 1; i < end; i++) {
    if (s.charCodeAt(i) === 46 && s.charCodeAt(i + 1) === 32 && isUpperAscii(s.charCodeAt(i + 2))) n++;
  }
  return n;
}

/**
 * How much a line looks like a paper title rather than an abstract, 0..1. Titles are short
 * and are not sentences; abstracts are long, made of sentences, and end with a full stop.
 */
export function titleLikeness(s: string): number {
  const n = s.length;
  if (n === 0) return 0.5;
  if (n > 400) return 0.02;
  let score = n > 250 ? 0.25 : n > 180 ? 0.5 : 0.9;
  score -= 0.3 * sentenceBreaks(s);
  if (s.charCodeAt(n - 1) === 46 && s.charCodeAt(n - 2) !== 46) score -= 0.35;
  return score < 0.02 ? 0.02 : score > 0.98 ? 0.98 : score;
}

function isHandleChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 45 || // -
    c === 46 || // .
    c === 95 // _
  );
}

/** Organisation names are short; anything longer before a `·` is an abstract. */
export const MAX_ORG_LINE = 120;

/**
 * Reads an organisation line, `<handle> <Display Name>` ("SunYatsen Sun Yat-Sen University").
 * A bare handle is taken as its own display name. Null when the line cannot be one.
 */
export function parseOrgLine(s: string): { handle: string; name: string } | null {
  if (s.length === 0 || s.length > MAX_ORG_LINE) return null;
  const sp = s.indexOf(' ');
  const handleEnd = sp === -1 ? s.length : sp;
  for (let i = 0; i < handleEnd; i++) {
    if (!isHandleChar(s.charCodeAt(i))) return null;
  }
  if (sentenceBreaks(s) > 0) return null;
  const handle = s.slice(0, handleEnd);
  const name = sp === -1 ? handle : s.slice(sp + 1).trim();
  return { handle, name: name === '' ? handle : name };
}

/** `  • 8 authors` (also "1 authors", "1 author") -> 8; -1 when the line is not one. */
export function parseAuthorsLine(s: string): number {
  const n = s.length;
  if (n < 9 || n > 40 || s.charCodeAt(0) !== 0x2022) return -1;
  let i = 1;
  while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 0xa0)) i++;
  const digitsStart = i;
  let count = 0;
  while (i < n) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    count = count * 10 + c;
    i++;
  }
  if (i === digitsStart || i - digitsStart > 7) return -1;
  const wordStart = i;
  while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 0xa0)) i++;
  if (i === wordStart) return -1;
  const rest = s.slice(i);
  return rest === 'authors' || rest === 'author' ? count : -1;
}
