import type { Diagnostic, PaperEntry, ParseOptions } from '../model.js';

/** What one source kind returns; the registry adds the kind's name. */
export interface KindResult {
  entries: PaperEntry[];
  diagnostics: Diagnostic[];
}

/**
 * One kind of source text (a Hugging Face listing, an arXiv listing, ...).
 * `lines` are the normalised lines of the whole text: `lines[i]` is line i + 1 of the
 * original file, so kinds never have to think about BOMs or line endings.
 */
export interface SourceKind {
  readonly name: string;
  /**
   * How sure this kind is that the text is one of its own, 0..1. Must be cheap (it runs
   * for every kind on every file) and must never throw.
   */
  detect(lines: readonly string[]): number;
  /** Must never throw: problems become diagnostics. */
  parse(lines: readonly string[], opts: ParseOptions): KindResult;
}
