/**
 * The tool's own `export` output read back in (json, jsonl, yaml), so that a backup restores:
 * `papers export --format jsonl > backup.jsonl; papers --db new.db ingest backup.jsonl`.
 *
 * Each record is parsed on its own, so one damaged record (a hand edit, a file cut off by a
 * full disk) costs that record and a warning at its line, never the rest of the backup.
 */
import type { Diagnostic, PaperEntry, Source } from '../model.js';
import { parseIsoDate } from './dates.js';
import { requireCjs } from '../require-cjs.js';
import type { KindResult, SourceKind } from './kind.js';

/** Detection looks at this much of the head only: it runs on every file. */
const DETECT_LINES = 40;
const DETECT_CHARS = 64 * 1024;

type Shape = 'json' | 'jsonl' | 'yaml';

function firstNonBlank(lines: readonly string[]): number {
  for (let i = 0; i < lines.length && i < DETECT_LINES; i++) if (lines[i]!.trim() !== '') return i;
  return -1;
}

function head(lines: readonly string[], from: number): string {
  let s = '';
  for (let i = from; i < lines.length && i < from + DETECT_LINES && s.length < DETECT_CHARS; i++) {
    s += lines[i]!.slice(0, DETECT_CHARS) + '\n';
  }
  return s;
}

const YAML_RECORD_START = /^- (id|title):( |$)/;

function shapeOf(lines: readonly string[]): Shape | null {
  const i = firstNonBlank(lines);
  if (i < 0) return null;
  const first = lines[i]!.trimStart();
  if (first.trim() === '[]') return 'json';
  if (!first.startsWith('[') && !first.startsWith('{')) {
    return YAML_RECORD_START.test(first) && /^(- |\s+)title:/m.test(head(lines, i)) ? 'yaml' : null;
  }
  const h = head(lines, i);
  // Both keys, so that JSON about other things with titles (a blog's feed) is not taken for papers.
  if (!/"title"\s*:/.test(h) || !/"abstract"\s*:/.test(h)) return null;
  if (first.startsWith('[')) return 'json';
  // A record a line is JSONL; an object spread over lines is `show --json` or a pretty stream.
  return first.trimEnd().endsWith('}') ? 'jsonl' : 'json';
}

/** One record's text and the line it starts on. */
interface RecordText {
  line: number;
  text: string;
}

/**
 * Splits JSON text into its records without parsing them: the elements of a top-level array,
 * or a stream of top-level values. Strings cannot span lines in JSON, so the string state is
 * reset at each line end: an unclosed quote damages one record, not the rest of the file.
 */
function splitJson(text: string, diagnostics: Diagnostic[]): RecordText[] {
  const records: RecordText[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  const skipBlank = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      i++;
    }
  };
  skipBlank();
  const inArray = text.charCodeAt(i) === 91; // [
  const base = inArray ? 1 : 0;
  if (inArray) i++;
  let depth = base;
  let start = -1;
  let startLine = 0;
  let inString = false;
  let closed = !inArray;
  const end = (at: number): void => {
    if (start >= 0) records.push({ line: startLine, text: text.slice(start, at) });
    start = -1;
  };
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      if (inString) inString = false;
      continue;
    }
    if (inString) {
      if (c === 92) i++; // backslash: the next char is escaped
      else if (c === 34) inString = false;
      continue;
    }
    if (depth < base) {
      if (c !== 32 && c !== 9 && c !== 13) {
        diagnostics.push({ line, message: 'text after the end of the export ignored' });
        break;
      }
      continue;
    }
    if (depth === base) {
      if (c === 32 || c === 9 || c === 13) continue;
      if (c === 44) {
        end(i); // ,
        continue;
      }
      if (inArray && c === 93) {
        end(i); // ]
        depth--;
        closed = true;
        continue;
      }
      if (c === 125 || c === 93) {
        diagnostics.push({ line, message: `unexpected "${text[i]}" ignored` });
        continue;
      }
      if (start < 0) {
        start = i;
        startLine = line;
      } else if (c === 123) {
        // A missing comma, or a stream of values (which needs none): a new object starts a new record.
        end(i);
        start = i;
        startLine = line;
      }
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (!inArray && depth === 0) end(i + 1);
    }
  }
  if (start >= 0) {
    if (depth > base) diagnostics.push({ line: startLine, message: 'record cut off at the end of the file; skipped' });
    else end(n);
  } else if (!closed) {
    diagnostics.push({ line, message: 'export cut off: no closing "]"' });
  }
  return records;
}

function splitJsonl(lines: readonly string[]): RecordText[] {
  const records: RecordText[] = [];
  lines.forEach((text, i) => {
    if (text.trim() !== '') records.push({ line: i + 1, text });
  });
  return records;
}

/** A record starts at every top-level sequence item: nothing nested can start at column 0. */
function splitYaml(lines: readonly string[]): RecordText[] {
  const records: RecordText[] = [];
  let current: string[] | null = null;
  let line = 0;
  const flush = (): void => {
    if (current) records.push({ line, text: current.join('\n') });
  };
  lines.forEach((text, i) => {
    if (text.startsWith('- ') || text === '-') {
      flush();
      current = [text];
      line = i + 1;
    } else if (current) {
      current.push(text);
    }
  });
  flush();
  return records;
}

/** yaml is only needed for YAML backups; required on first use so start-up never pays for it. */
let yamlParse: ((src: string) => unknown) | undefined;
function parseYaml(src: string): unknown {
  yamlParse ??= (requireCjs('yaml') as { parse: (src: string) => unknown }).parse;
  const doc = yamlParse(src);
  return Array.isArray(doc) && doc.length === 1 ? doc[0] : doc;
}

const firstLine = (s: string): string => s.split('\n', 1)[0]!;

class BadField extends Error {}

type Rec = Record<string, unknown>;

function optString(r: Rec, key: string): string | null {
  const v = r[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new BadField(`"${key}" must be a string or null`);
  return v;
}

function optStrings(r: Rec, key: string): string[] | undefined {
  const v = r[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new BadField(`"${key}" must be a list of strings`);
  return v as string[];
}

function optCount(r: Rec, key: string, min: number): number | null {
  const v = r[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new BadField(`"${key}" must be a whole number >= ${min}`);
  return v;
}

function optSources(r: Rec): Source[] | undefined {
  const v = r.sources;
  if (v === undefined || v === null) return undefined;
  const ok =
    Array.isArray(v) &&
    v.every((s: Rec) => s !== null && typeof s === 'object' && typeof s.file === 'string' && s.file !== '' && Number.isSafeInteger(s.line) && (s.line as number) >= 0);
  if (!ok) throw new BadField('"sources" must be a list of { file, line }');
  return (v as Source[]).map((s) => ({ file: s.file, line: s.line }));
}

/** An exported paper (docs/cli.md, "A paper") back to an entry; throws BadField naming the field. */
function toEntry(value: unknown, line: number): PaperEntry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new BadField('not a paper object');
  const r = value as Rec;
  const title = optString(r, 'title');
  if (title === null || title.trim() === '') throw new BadField('no "title"');
  const published = optString(r, 'published');
  if (published !== null && parseIsoDate(published) === null) throw new BadField('"published" must be a date YYYY-MM-DD or null');
  const yearInferred = r.year_inferred ?? false;
  if (typeof yearInferred !== 'boolean') throw new BadField('"year_inferred" must be true or false');
  const id = optCount(r, 'id', 1);
  // Paper metadata from elsewhere (Hugging Face's own JSON among it) lists authors by name under
  // "authors": taken as the names and their count rather than refused.
  const namesAsAuthors = Array.isArray(r.authors) ? optStrings(r, 'authors') : undefined;
  const entry: PaperEntry = {
    title,
    abstract: optString(r, 'abstract'),
    authors: namesAsAuthors ? namesAsAuthors.length : optCount(r, 'authors', 0),
    authorNames: optStrings(r, 'author_names') ?? namesAsAuthors ?? [],
    arxivId: optString(r, 'arxiv_id'),
    organization: optString(r, 'organization'),
    orgHandle: optString(r, 'org_handle'),
    published,
    yearInferred: published !== null && yearInferred,
    upvotes: optCount(r, 'upvotes', 0),
    line,
  };
  const tags = optStrings(r, 'tags');
  if (tags !== undefined) entry.tags = tags;
  const note = optString(r, 'note');
  if (note !== null) entry.note = note;
  const sources = optSources(r);
  if (sources !== undefined && sources.length > 0) entry.sources = sources;
  if (id !== null) entry.id = id;
  return entry;
}

/** A damaged file must not drown the report. */
const MAX_DIAGNOSTICS = 1000;

function parse(lines: readonly string[]): KindResult {
  const shape = shapeOf(lines);
  const diagnostics: Diagnostic[] = [];
  const entries: PaperEntry[] = [];
  if (shape === null) return { entries, diagnostics: [{ line: 1, message: 'not a papers export (JSON, JSONL or YAML)' }] };
  const records =
    shape === 'jsonl' ? splitJsonl(lines) : shape === 'yaml' ? splitYaml(lines) : splitJson(lines.join('\n'), diagnostics);
  let suppressed = 0;
  for (const rec of records) {
    let problem: string;
    try {
      const value = shape === 'yaml' ? parseYaml(rec.text) : JSON.parse(rec.text);
      entries.push(toEntry(value, rec.line));
      continue;
    } catch (err) {
      problem = err instanceof BadField ? `record skipped: ${err.message}` : `malformed record skipped: ${firstLine((err as Error).message)}`;
    }
    if (diagnostics.length < MAX_DIAGNOSTICS) diagnostics.push({ line: rec.line, message: problem });
    else suppressed++;
  }
  diagnostics.sort((a, b) => a.line - b.line);
  if (suppressed > 0) diagnostics.push({ line: 1, message: `${suppressed} more warnings not shown` });
  if (records.length === 0 && diagnostics.length === 0) diagnostics.push({ line: 1, message: 'no paper entries recognised: the export is empty' });
  return { entries, diagnostics };
}

export const papersExport: SourceKind = {
  name: 'papers-export',
  detect: (lines) => (shapeOf(lines) === null ? 0 : 1),
  parse,
};
