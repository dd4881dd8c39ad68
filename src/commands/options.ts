import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { parseIsoDate } from '../parse/dates.js';
import type { PaperFilters, SortKey } from '../store/filters.js';
import { READ_FORMATS } from '../output/formats.js';

/** Raw commander values of the shared filter flags, before they are checked. */
export interface RawFilterOptions {
  since?: string;
  until?: string;
  year?: string;
  org?: string;
  minUpvotes?: string;
  tag?: string;
  sort?: string;
  asc?: boolean;
  desc?: boolean;
  limit?: string;
  offset?: string;
}

export function addFilterOptions(cmd: Command, { sort = true } = {}): Command {
  cmd
    .option('--since <date>', 'published on or after YYYY-MM-DD')
    .option('--until <date>', 'published on or before YYYY-MM-DD')
    .option('--year <yyyy>', 'published in this year')
    .option('--org <name>', 'organization (name or handle) contains this text')
    .option('--min-upvotes <n>', 'at least N upvotes')
    .option('--tag <tag>', 'carries this tag');
  if (sort) {
    cmd
      .addOption(new Option('--sort <key>', 'sort by').choices(['published', 'upvotes', 'title', 'added']))
      .option('--asc', 'ascending order')
      .option('--desc', 'descending order');
  }
  return cmd;
}

export function addPageOptions(cmd: Command, limitHelp: string): Command {
  return cmd.option('--limit <n>', limitHelp).option('--offset <n>', 'skip the first N results');
}

export function addFormatOptions(cmd: Command, formats: readonly string[] = READ_FORMATS): Command {
  return cmd.option('--format <format>', `output format: ${formats.join('|')}`).option('--json', 'same as --format json');
}

export function parseFilters(raw: RawFilterOptions): PaperFilters {
  const f: PaperFilters = {};
  if (raw.since !== undefined) f.since = isoDate(raw.since, '--since');
  if (raw.until !== undefined) f.until = isoDate(raw.until, '--until');
  if (raw.year !== undefined) f.year = wholeNumber(raw.year, '--year', 1000, 9999);
  if (raw.org !== undefined) f.org = raw.org;
  if (raw.minUpvotes !== undefined) f.minUpvotes = wholeNumber(raw.minUpvotes, '--min-upvotes');
  if (raw.tag !== undefined) f.tag = raw.tag;
  return f;
}

export function parseSort(raw: RawFilterOptions, fallback: SortKey = 'published'): { sort: SortKey; dir: 'asc' | 'desc' } {
  if (raw.asc && raw.desc) throw new UsageError('--asc and --desc cannot be used together');
  const sort = (raw.sort as SortKey | undefined) ?? fallback;
  // Titles read naturally A→Z; dates, upvotes and additions newest/most first.
  const dir = raw.asc ? 'asc' : raw.desc ? 'desc' : sort === 'title' ? 'asc' : 'desc';
  return { sort, dir };
}

export function parsePage(raw: RawFilterOptions, defaultLimit: number | undefined): { limit?: number; offset?: number } {
  const page: { limit?: number; offset?: number } = {};
  const limit = raw.limit !== undefined ? wholeNumber(raw.limit, '--limit') : defaultLimit;
  if (limit !== undefined) page.limit = limit;
  if (raw.offset !== undefined) page.offset = wholeNumber(raw.offset, '--offset');
  return page;
}

/** A YYYY-MM-DD date with a day that exists (the parser's own check), or a usage error naming the flag. */
export function isoDate(value: string, flag: string): string {
  if (parseIsoDate(value) === null) {
    throw new UsageError(`${flag} expects a date as YYYY-MM-DD (got '${value}')`);
  }
  return value;
}

export function wholeNumber(value: string, flag: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value.trim()) || +value < min || +value > max) {
    throw new UsageError(`${flag} expects a whole number${min > 0 ? ` from ${min} to ${max}` : ''} (got '${value}')`);
  }
  return Number(value);
}

/** Today as YYYY-MM-DD in the user's own time zone: "today" is the day on their calendar. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
