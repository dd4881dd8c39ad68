import type Database from 'better-sqlite3';
import { indexNewPapers } from '../store/fts.js';
import { PaperWriter } from '../store/papers.js';
import { CommitGroup } from './commit-group.js';
import { prepareText, type PreparedText } from './prepare.js';
import { ReadAhead, type ReadAheadOptions, type ReadPlan } from './read-ahead.js';
import { findFiles, type FoundFile } from './walk.js';

export interface IngestWarning {
  file: string;
  line: number;
  message: string;
}

export interface IngestReport {
  files_read: number;
  /** Files already ingested with the same content, not parsed again. */
  files_unchanged: number;
  files_skipped: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** How many files of each recognised kind were read. */
  kinds: Record<string, number>;
  warnings: IngestWarning[];
  /** Arguments that do not exist: a usage error once the rest is ingested. */
  missing: string[];
  interrupted: boolean;
}

export interface IngestOptions {
  asOf: string;
  /** --as-of was given: a file parsed with another date is read again, not skipped as unchanged. */
  asOfExplicit?: boolean;
  /** The database's own files: a corpus folder often holds the database too. */
  exclude?: string[];
  /** Force a source kind instead of detecting it. */
  kind?: string;
  /** Reads `-`; the CLI passes stdin. */
  readStdin?: () => Promise<Buffer>;
  onWarning?: (w: IngestWarning) => void;
  onFile?: (done: number, total: number, papers: number) => void;
  /** Called after each commit (of several whole files). */
  onCommit?: () => void;
  /** After the last file: work that can take seconds (building the indexes a first ingest set aside), or the wait for stdin. */
  onFinishing?: (what: string) => void;
  /** The parsing thread's script and threshold (tests run the threaded path from source with it). */
  readAhead?: ReadAheadOptions;
  /** Checked between files: a true answer stops the run after the file in hand is committed. */
  shouldStop?: () => boolean;
}

const STDIN_NAME = '<stdin>';

/** What an earlier ingest recorded of a file (ingested_files). */
interface KnownFile {
  size: number;
  mtime_ms: number;
  sha1: string;
  papers: number;
  as_of: string | null;
  kind: string | null;
}

/**
 * text → parse → store, one file at a time; whole files are committed together (see CommitGroup), so
 * a crash or Ctrl-C leaves whole files' worth of papers and never half a file. Files are read and
 * parsed a few ahead of the one being written (ReadAhead): only those few files' text is in memory.
 */
export async function ingestPaths(db: Database.Database, args: string[], opts: IngestOptions): Promise<IngestReport> {
  const report: IngestReport = {
    files_read: 0, files_unchanged: 0, files_skipped: 0,
    inserted: 0, updated: 0, unchanged: 0,
    kinds: {}, warnings: [], missing: [], interrupted: false,
  };
  const warn = (file: string, line: number, message: string): void => {
    const w = { file, line, message };
    report.warnings.push(w);
    opts.onWarning?.(w);
  };

  const useStdin = args.includes('-');
  const walked = findFiles(args.filter((a) => a !== '-'), opts.exclude);
  for (const problem of walked.problems) {
    if (problem.missing) report.missing.push(problem.path);
    else report.files_skipped++;
    warn(problem.path, 0, problem.message);
  }

  const writer = new PaperWriter(db);
  // Into an empty database, some indexes are built once at the end (src/store/added-papers.ts).
  writer.startBulkLoad();
  // The papers are all committed by then: a failure here (a full disk, another writer holding the
  // lock) is a warning, and the next ingest builds them. After a failed ingest, it is that one.
  const finishBulkLoad = (): void => {
    try {
      writer.finishBulkLoad(() => opts.onFinishing?.('building indexes'));
    } catch (err) {
      warn(db.name, 0, `could not build the indexes after loading (${(err as Error).message}); the next ingest builds them`);
    }
  };
  const group = new CommitGroup(db, () => indexNewPapers(db), Date.now, opts.onCommit);
  const known = db.prepare<[string], KnownFile>('SELECT size, mtime_ms, sha1, papers, as_of, kind FROM ingested_files WHERE path = ?');
  const rememberRow = db.prepare(`INSERT INTO ingested_files (path, size, mtime_ms, sha1, papers, ingested_at, as_of, kind)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET
    size = excluded.size, mtime_ms = excluded.mtime_ms, sha1 = excluded.sha1, papers = excluded.papers,
    ingested_at = excluded.ingested_at, as_of = excluded.as_of, kind = excluded.kind`);
  const remember = (path: string, size: number, mtimeMs: number, sha1: string, papers: number, at: string): void => {
    rememberRow.run(path, size, mtimeMs, sha1, papers, at, opts.asOf, opts.kind ?? null);
  };
  // A file parsed with another capture date or forced kind than the one asked for now is read again:
  // re-running with the right --as-of is how a user corrects inferred years.
  const parsedAsAsked = (b: KnownFile): boolean =>
    (!opts.asOfExplicit || b.as_of === opts.asOf) && (!opts.kind || b.kind === opts.kind);

  const total = walked.files.length + (useStdin ? 1 : 0);
  let done = 0;
  let papersSeen = 0;

  const settings = { asOf: opts.asOf, kind: opts.kind };
  const ingestText = (name: string, size: number, text: PreparedText, file: FoundFile | null, sha1: string | null): void => {
    if (!text.ok) {
      report.files_skipped++;
      warn(name, 0, `${text.reason}; skipped`);
      return;
    }
    if (text.warning) warn(name, 0, text.warning);
    const { parsed } = text;
    for (const d of parsed.diagnostics) warn(name, d.line, d.message);
    if (parsed.entries.length === 0) {
      report.files_skipped++;
      return;
    }
    report.files_read++;
    report.kinds[parsed.kind] = (report.kinds[parsed.kind] ?? 0) + 1;
    const now = new Date().toISOString();
    const counts = group.file(size, () => {
      const c = writer.upsertAll(parsed.entries, name, now, text.titleKeys);
      if (file && sha1) remember(file.path, file.size, file.mtimeMs, sha1, parsed.entries.length, now);
      return c;
    });
    report.inserted += counts.inserted;
    report.updated += counts.updated;
    report.unchanged += counts.unchanged;
    papersSeen += parsed.entries.length;
  };

  // How a file is to be read, given what was stored of it; asked again for each file as its turn
  // comes: an earlier file of the same run may have changed the answer (the same file named twice).
  const planOf = (file: FoundFile, before: KnownFile | undefined): ReadPlan => {
    if (!before || !parsedAsAsked(before)) return null;
    // Same size and mtime as last time: the file is taken as unchanged without reading it.
    if (before.size === file.size && before.mtime_ms === file.mtimeMs) return 'skip';
    return before.sha1;
  };
  const ahead = ReadAhead.start(walked.files, (file) => planOf(file, known.get(file.path)), settings, opts.readAhead);

  try {
    for (const [i, file] of walked.files.entries()) {
      if (opts.shouldStop?.()) {
        report.interrupted = true;
        break;
      }
      const before = known.get(file.path);
      const plan = planOf(file, before);
      if (plan === 'skip') {
        ahead.skip(i);
        report.files_unchanged++;
        report.unchanged += before!.papers;
      } else {
        const prepared = await ahead.take(i, plan);
        if (!prepared.read) {
          report.files_skipped++;
          warn(file.path, 0, `cannot read (${prepared.code}); skipped`);
        } else if (prepared.same) {
          // Touched but not changed: remember the new mtime so the next run skips it by stat alone.
          remember(file.path, file.size, file.mtimeMs, prepared.sha1, before!.papers, new Date().toISOString());
          report.files_unchanged++;
          report.unchanged += before!.papers;
        } else {
          ingestText(file.path, prepared.size, prepared.text, file, prepared.sha1);
        }
      }
      opts.onFile?.(++done, total, papersSeen);
      // Let a pending Ctrl-C be seen between files: the loop is otherwise fully synchronous.
      await new Promise((resolve) => setImmediate(resolve));
    }

    if (useStdin && !report.interrupted && opts.readStdin) {
      group.commit(); // nothing waits on a write lock while stdin is being typed or piped
      finishBulkLoad(); // nor do readers wait for the indexes
      opts.onFinishing?.('reading stdin');
      const bytes = await opts.readStdin();
      // Ctrl-C during the wait: the unfinished paste is dropped, not stored.
      if (opts.shouldStop?.()) report.interrupted = true;
      else {
        ingestText(STDIN_NAME, bytes.length, prepareText(bytes, settings), null, null);
        opts.onFile?.(++done, total, papersSeen);
      }
    }
    group.commit();
  } finally {
    ahead.close();
    // After a failure, the whole files done so far are kept.
    group.close();
  }
  finishBulkLoad();
  return report;
}
