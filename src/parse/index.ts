/**
 * The parser registry: text in, paper entries and diagnostics out. Pure: no I/O.
 *
 * A new source kind is one file exporting a `SourceKind` plus one line in SOURCE_KINDS.
 */
import type { ParseOptions, ParseResult } from '../model.js';
import { arxivAbstract } from './arxiv-abstract.js';
import { arxivListing } from './arxiv-listing.js';
import { hfListing } from './hf-listing.js';
import { hfPaperPage } from './hf-paper-page.js';
import type { SourceKind } from './kind.js';
import { papersExport } from './papers-export.js';
import { splitLines } from './lines.js';

export type { KindResult, SourceKind } from './kind.js';
export { splitLines } from './lines.js';

/** In order of preference when two kinds score the same. */
const SOURCE_KINDS: readonly SourceKind[] = [
  hfListing,
  hfPaperPage,
  arxivListing,
  arxivAbstract,
  papersExport,
];

/** Names of the source kinds, as accepted by `parseText(..., { kind })`. */
export const KINDS: readonly string[] = SOURCE_KINDS.map((k) => k.name);

/** Below this detect() score a kind does not claim the text. */
export const MIN_DETECT_SCORE = 0.5;

const NOTHING_RECOGNISED = 'no paper entries recognised';

function none(message: string): ParseResult {
  return { kind: 'none', entries: [], diagnostics: [{ line: 1, message }] };
}

function safeDetect(kind: SourceKind, lines: readonly string[]): number {
  try {
    const s = kind.detect(lines);
    return Number.isFinite(s) ? s : 0;
  } catch {
    return 0;
  }
}

/**
 * Parses one source text. With `kind` the named kind parses it whatever its detect() says;
 * otherwise the best-scoring kind does. Never throws: every problem is a diagnostic.
 */
export function parseText(text: string, opts: ParseOptions & { kind?: string }): ParseResult {
  const lines = splitLines(typeof text === 'string' ? text : '');
  const wanted = opts?.kind;
  let chosen: SourceKind | undefined;
  if (wanted !== undefined) {
    chosen = SOURCE_KINDS.find((k) => k.name === wanted);
    if (chosen === undefined) return none(`unknown source kind "${wanted}" (known: ${KINDS.join(', ')})`);
  } else {
    let bestScore = MIN_DETECT_SCORE;
    for (const k of SOURCE_KINDS) {
      const s = safeDetect(k, lines);
      if (s >= bestScore && (chosen === undefined || s > bestScore)) {
        chosen = k;
        bestScore = s;
      }
    }
    if (chosen === undefined) return none(NOTHING_RECOGNISED);
  }
  try {
    const r = chosen.parse(lines, opts);
    return { kind: chosen.name, entries: r.entries, diagnostics: r.diagnostics };
  } catch (err) {
    // A parser bug must not take the whole ingest down with it; report it against the file.
    return {
      kind: chosen.name,
      entries: [],
      diagnostics: [{ line: 1, message: `internal parser error: ${err instanceof Error ? err.message : String(err)}` }],
    };
  }
}
