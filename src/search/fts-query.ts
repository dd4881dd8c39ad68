/**
 * FTS5 MATCH expressions built only from quoted strings: no query text, however odd (`C++`,
 * `GPT-4.5`, `"`, `*`, `(`), is ever read as FTS5 syntax. Operators come from here alone.
 */

/** "term" — FTS5's string syntax; a doubled quote is a literal quote. */
export function quoteTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** Any of the alternatives: expressions built here (quote words with quoteTerm first). */
export function anyOf(alternatives: string[]): string {
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
}

export function allOf(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

/** A column filter: `title : (...)`; `any` searches every column. */
export function inField(field: 'any' | 'title' | 'abstract', expr: string): string {
  return field === 'any' ? expr : `${field} : ${expr.startsWith('(') ? expr : `(${expr})`}`;
}
