import { indexWords } from '../store/fts.js';

/**
 * The search query language (docs/cli.md), in the spirit of papis:
 *
 *   words            each word must match (typo-tolerant; the last one also as a prefix)
 *   "exact phrase"   the words side by side
 *   title:… abstract:…   a word or "phrase" in that field only
 *   -word  -"phrase"  -title:…   papers with it are left out
 *   org:…            organization (name or handle) contains this text
 *   year:2024  year:2020..2023  year:2020..  year:>2020
 *   upvotes:>10  upvotes:>=10  upvotes:<5  upvotes:10..50  upvotes:10
 *
 * Parsing never fails: anything that is not well-formed syntax is read as plain words, so no
 * query, however odd (`C++`, `GPT-4.5`, `"`, `*`, `(`, `title:`), is an error.
 */

export type Field = 'any' | 'title' | 'abstract';

/** Words that must appear together: one word, or a phrase ("gpt 4" from `GPT-4` is a phrase too). */
export interface TextClause {
  field: Field;
  words: string[];
  /** Written in quotes: matched exactly, never corrected or expanded. */
  exact: boolean;
  negated: boolean;
}

export interface Range {
  min?: number;
  max?: number;
}

export interface ParsedQuery {
  clauses: TextClause[];
  years: Range[];
  upvotes: Range[];
  orgs: string[];
  /** The query ends mid-word (no trailing space or quote): its last word may be a prefix. */
  openEnded: boolean;
}

const FIELDS = new Set(['title', 'abstract', 'org', 'year', 'upvotes']);

/** Words as the full-text index sees them (`GPT-4.5` is gpt, 4, 5). */
export const words = indexWords;

export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = { clauses: [], years: [], upvotes: [], orgs: [], openEnded: false };
  const text = input.normalize('NFKC');
  let i = 0;
  let lastWasQuoted = false;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let negated = false;
    if (text[i] === '-' && i + 1 < text.length && !/[\s-]/.test(text[i + 1]!)) {
      negated = true;
      i++;
    }
    const start = i;
    let field: string | undefined;
    const fm = /^([a-z]+):(?=\S)/i.exec(text.slice(i));
    if (fm && FIELDS.has(fm[1]!.toLowerCase())) {
      field = fm[1]!.toLowerCase();
      i += fm[0].length;
    }
    let value: string;
    let quoted = false;
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      value = text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end + 1;
      quoted = true;
    } else {
      const m = /^\S+/.exec(text.slice(i))!;
      value = m[0];
      i += value.length;
    }
    lastWasQuoted = quoted;
    if (!applyField(q, field, value, negated)) {
      // Plain words; a field that is not one of ours (`foo:bar`) or has a value it cannot take
      // (`year:soon`) is read as the words written, its name included.
      const inField = field === 'title' || field === 'abstract';
      const ws = words(inField ? value : text.slice(start, i));
      if (ws.length) q.clauses.push({ field: inField ? (field as Field) : 'any', words: ws, exact: quoted, negated });
    }
  }
  const last = q.clauses.at(-1);
  q.openEnded = !!last && !last.negated && !last.exact && !lastWasQuoted && !/\s$/.test(text);
  return q;
}

/** Applies a non-text field; false when the value is not one it understands (then it is read as words). */
function applyField(q: ParsedQuery, field: string | undefined, value: string, negated: boolean): boolean {
  if (field === 'org') {
    if (negated || !value.trim()) return false;
    q.orgs.push(value.trim());
    return true;
  }
  if (field === 'year' || field === 'upvotes') {
    const r = parseRange(value);
    if (!r || negated) return false;
    (field === 'year' ? q.years : q.upvotes).push(r);
    return true;
  }
  return false;
}

/** `10`, `>10`, `>=10`, `<10`, `<=10`, `10..20`, `10..`, `..20`; undefined when not a range. */
export function parseRange(value: string): Range | undefined {
  const v = value.trim();
  let m = /^(\d{1,15})$/.exec(v);
  if (m) return { min: +m[1]!, max: +m[1]! };
  m = /^(>=?|<=?)(\d{1,15})$/.exec(v);
  if (m) {
    const n = +m[2]!;
    switch (m[1]) {
      case '>':
        return { min: n + 1 };
      case '>=':
        return { min: n };
      case '<':
        return { max: n - 1 };
      default:
        return { max: n };
    }
  }
  m = /^(\d{1,15})?\.\.(\d{1,15})?$/.exec(v);
  if (m && (m[1] || m[2])) {
    const r: Range = {};
    if (m[1]) r.min = +m[1];
    if (m[2]) r.max = +m[2];
    return r;
  }
  return undefined;
}
