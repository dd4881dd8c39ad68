/**
 * The words of a user's query, each to be quoted before it reaches FTS5: no query text, however
 * odd (`C++`, `GPT-4.5`, `"`, `*`, `(`), is ever read as FTS5 syntax.
 */
export function queryTerms(query: string): string[] {
  return (query.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.toLowerCase());
}

/** "term" — FTS5's string syntax; a doubled quote is a literal quote. */
export function quoteTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** Any of the terms (bm25 ranks papers with more and rarer terms first). */
export function anyOf(terms: string[]): string {
  return terms.map(quoteTerm).join(' OR ');
}
