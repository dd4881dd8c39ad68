import { indexWords } from '../store/fts.js';

/** Words of a text with their places, so matches can be marked in the original (case, accents kept). */
function wordSpans(text: string): { start: number; end: number; word: string }[] {
  const spans: { start: number; end: number; word: string }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = indexWords(m[0])[0];
    if (word) spans.push({ start: m.index, end: m.index + m[0].length, word });
  }
  return spans;
}

/** The text with every word the query matched passed through `mark`. */
export function highlightTerms(text: string, terms: ReadonlySet<string>, mark: (s: string) => string): string {
  let out = '';
  let at = 0;
  for (const s of wordSpans(text)) {
    if (!terms.has(s.word)) continue;
    out += text.slice(at, s.start) + mark(text.slice(s.start, s.end));
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * About `width` characters of the abstract around its first matched word (whole words, with
 * ellipses where cut), its matches marked; undefined when the abstract has none.
 */
export function snippet(text: string | null, terms: ReadonlySet<string>, mark: (s: string) => string, width = 110): string | undefined {
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  const spans = wordSpans(flat);
  const first = spans.findIndex((s) => terms.has(s.word));
  if (first < 0) return undefined;
  // A little context before the match, the rest after it.
  let start = spans[first]!.start;
  for (let i = first - 1; i >= 0 && spans[first]!.start - spans[i]!.start <= width / 4; i--) start = spans[i]!.start;
  let end = start;
  for (const s of spans) if (s.start >= start && s.end - start <= width) end = s.end;
  const body = flat.slice(start, Math.max(end, spans[first]!.end));
  return `${start > 0 ? '…' : ''}${highlightTerms(body, terms, mark)}${end < flat.length ? '…' : ''}`;
}
