/**
 * The shapes that cross module boundaries. `Paper` is the JSON contract of docs/cli.md:
 * its field names are snake_case and stable; new fields may be added, none renamed.
 */

/** One paper as a source shows it, before it is merged into the store. */
export interface PaperEntry {
  title: string;
  /** null when the source shows no abstract (a cut-off entry, a bare title). */
  abstract: string | null;
  /** The listing's author count; null when it shows an organization or nothing. */
  authors: number | null;
  /** Names, where the source lists them (arXiv listings, paper pages); else []. */
  authorNames: string[];
  arxivId: string | null;
  organization: string | null;
  orgHandle: string | null;
  /** ISO date YYYY-MM-DD, null when the source gives none. */
  published: string | null;
  /** true when the year of `published` was not written and was inferred. */
  yearInferred: boolean;
  /**
   * The trailing count on the date line; 0 when the date line shows none;
   * null when the entry has no date line at all (so a merge never zeroes a known count).
   */
  upvotes: number | null;
  /** 1-based line of the entry's title in its source text. */
  line: number;
  /** The user's own data, present only when re-ingesting the tool's own export. */
  tags?: string[];
  note?: string | null;
  /** Where the paper was first read, carried by the tool's own export: recorded instead of the backup's name. */
  sources?: Source[];
  /** The id it had in the export it came from: a restore keeps it when no other paper holds it. */
  id?: number;
}

/** A problem found in a source, reported as FILE:LINE: message. Never fatal to the rest of the file. */
export interface Diagnostic {
  line: number;
  message: string;
}

export interface ParseResult {
  /** Which kind of source was recognised (e.g. "hf-listing"); "none" when nothing was. */
  kind: string;
  entries: PaperEntry[];
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** The day the text was captured, YYYY-MM-DD: resolves dates written without a year. */
  asOf: string;
}

/** A stored paper: the JSON shape of docs/cli.md. */
export interface Paper {
  id: number;
  title: string;
  abstract: string | null;
  authors: number | null;
  author_names: string[];
  arxiv_id: string | null;
  organization: string | null;
  org_handle: string | null;
  published: string | null;
  year_inferred: boolean;
  upvotes: number;
  tags: string[];
  note: string | null;
  sources: Source[];
  /** Only in search results. */
  score?: number;
}

export interface Source {
  file: string;
  line: number;
}
