import { UsageError } from '../errors.js';

/** Formats every read command takes (docs/cli.md). `plain` is the piped default and has no flag value of its own. */
export const READ_FORMATS = ['table', 'json', 'jsonl', 'csv', 'tsv', 'yaml', 'bibtex', 'markdown'] as const;
export const EXPORT_FORMATS = ['json', 'jsonl', 'csv', 'yaml', 'bibtex', 'markdown'] as const;

export type ReadFormat = (typeof READ_FORMATS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type Format = ReadFormat | ExportFormat | 'plain';

export function parseFormat<T extends string>(value: string, allowed: readonly T[], flag = '--format'): T {
  const v = value.toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  }
  return v as T;
}

/** --json wins; then --format; then table on a terminal, plain text in a pipe. */
export function chooseFormat(opts: { json?: boolean; format?: string }, isTTY: boolean, allowed: readonly string[] = READ_FORMATS): Format {
  if (opts.json) return 'json';
  if (opts.format) return parseFormat(opts.format, allowed) as Format;
  return isTTY ? 'table' : 'plain';
}
