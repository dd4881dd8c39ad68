/** The filters list, search and export share (docs/cli.md), already validated by the command layer. */
export interface PaperFilters {
  since?: string;
  until?: string;
  year?: number;
  org?: string;
  minUpvotes?: number;
  tag?: string;
}

export type SortKey = 'published' | 'upvotes' | 'title' | 'added';

export interface Page {
  limit?: number;
  offset?: number;
}

/** SQL conditions over `papers p`; values are always bound, never spliced into the text. */
export function filterSql(f: PaperFilters): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.since) {
    where.push('p.published >= @since');
    params.since = f.since;
  }
  if (f.until) {
    where.push('p.published <= @until');
    params.until = f.until;
  }
  if (f.year !== undefined) {
    // A range, not substr(): it keeps the published index usable.
    where.push('p.published >= @yearFrom AND p.published < @yearTo');
    params.yearFrom = `${f.year}-01-01`;
    params.yearTo = `${f.year + 1}-01-01`;
  }
  if (f.org) {
    where.push("(p.organization LIKE @org ESCAPE '\\' OR p.org_handle LIKE @org ESCAPE '\\')");
    params.org = `%${f.org.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (f.minUpvotes !== undefined) {
    where.push('p.upvotes >= @minUpvotes');
    params.minUpvotes = f.minUpvotes;
  }
  if (f.tag) {
    where.push('EXISTS (SELECT 1 FROM paper_tags t WHERE t.paper_id = p.id AND t.tag = @tag)');
    params.tag = f.tag;
  }
  return { where, params };
}

const ORDER: Record<SortKey, string> = {
  // Undated papers last whichever way dates run: they are the least informative rows. Written with
  // NULLS LAST (not "published IS NULL" first) so the published index gives the order: the first row
  // of a million-paper list comes out at once instead of after a full sort.
  published: 'p.published {dir} NULLS LAST, p.id {dir}',
  upvotes: 'p.upvotes {dir}, p.id {dir}',
  title: 'p.title COLLATE NOCASE {dir}, p.id {dir}',
  added: 'p.id {dir}',
};

export function orderSql(sort: SortKey, dir: 'asc' | 'desc'): string {
  return ORDER[sort].replaceAll('{dir}', dir.toUpperCase());
}

export function pageSql(page: Page): string {
  // SQLite needs a LIMIT before an OFFSET; -1 means no limit.
  if (page.limit === undefined && !page.offset) return '';
  return ` LIMIT ${page.limit ?? -1} OFFSET ${page.offset ?? 0}`;
}
