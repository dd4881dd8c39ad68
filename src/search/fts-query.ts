/**
 * FTS5 MATCH expressions built only from quoted strings: no query text, however odd (`C++`,
 * `GPT-4.5`, `"`, `*`, `(`), is ever read as FTS5 syntax. Operators come from here alone.
 */

/** "term" — FTS5's string syntax; a doubled quote is a literal quote. */
export function quoteTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** Any of the alternatives (each a word or a phrase, already quoted or not). */
export function anyOf(alternatives: string[]): string {
  const quoted = alternatives.map((a) => (a.startsWith('"') ? a : quoteTerm(a)));
  return quoted.length === 1 ? quoted[0]! : `(${quoted.join(' OR ')})`;
}

export function allOf(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

/** A column filter: `title : (...)`; `any` searches every column. */
export function inField(field: 'any' | 'title' | 'abstract', expr: string): string {
  return field === 'any' ? expr : `${field} : ${expr.startsWith('(') ? expr : `(${expr})`}`;
}
