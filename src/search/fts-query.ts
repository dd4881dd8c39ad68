import type { FullTextIndex } from '../store/fts.js';

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

/**
 * An index's MATCH with the excluded words (`not`) left out. An excluded word counts in the
 * abstract too, which only the full index knows: the title index instead leaves out, by a condition
 * on its `rowid` that binds @not to `not`, the papers the full index matches.
 */
export function excluding(index: FullTextIndex, expr: string, not: string | undefined, rowid: string): { match: string; condition?: string } {
  if (!not) return { match: expr };
  if (index === 'papers_fts') return { match: `${expr} NOT ${not}` };
  return { match: expr, condition: `${rowid} NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH @not)` };
}
