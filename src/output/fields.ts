import type { Paper } from '../model.js';

/** "4 authors", "Tencent", or "" — who wrote it, as the listing said. */
export function byline(p: Paper): string {
  if (p.organization) return p.organization;
  if (p.author_names.length > 0) {
    return p.author_names.length > 2 ? `${p.author_names[0]} et al.` : p.author_names.join(', ');
  }
  if (p.authors !== null) return `${p.authors} author${p.authors === 1 ? '' : 's'}`;
  return '';
}

/** A date as stored, with a mark when its year was inferred rather than written. */
export function dateLabel(p: Paper): string {
  if (!p.published) return '';
  return p.year_inferred ? `${p.published}*` : p.published;
}

/** Columns of the spreadsheet-like formats, in order. Lists are joined with "; ". */
export const CSV_COLUMNS: readonly (keyof Paper)[] = [
  'id', 'title', 'abstract', 'authors', 'author_names', 'arxiv_id', 'organization', 'org_handle',
  'published', 'year_inferred', 'upvotes', 'tags', 'note', 'sources',
];

/** TSV is for shell tools (cut, awk, fzf): one short line a paper, the id first. */
export const TSV_COLUMNS: readonly (keyof Paper)[] = [
  'id', 'title', 'published', 'upvotes', 'authors', 'organization', 'arxiv_id', 'tags',
];

export function cellText(p: Paper, key: keyof Paper): string {
  const v = p[key];
  if (v === null || v === undefined) return '';
  if (key === 'sources') return p.sources.map((s) => `${s.file}:${s.line}`).join('; ');
  if (Array.isArray(v)) return v.join('; ');
  return String(v);
}

export function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function tsvCell(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ');
}
