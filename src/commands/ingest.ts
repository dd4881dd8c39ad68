import type { Context } from './context.js';
import { isoDate, today } from './options.js';
import { ingestPaths, type IngestReport } from '../ingest/ingest.js';
import { EXIT, UsageError } from '../errors.js';
import { KINDS } from '../parse/index.js';
import { BackgroundCheckpoints } from '../store/checkpoints.js';
import { refreshVocabulary } from '../store/fts.js';
import { ProgressLine } from '../output/progress.js';

interface IngestOptions {
  asOf?: string;
  format?: string;
  /** The old name of --format, kept working. */
  kind?: string;
  json?: boolean;
  quiet?: boolean;
}

export async function run(ctx: Context, paths: string[], opts: IngestOptions): Promise<number> {
  const asOf = opts.asOf ? isoDate(opts.asOf, '--as-of') : today();
  const kind = opts.format ?? opts.kind;
  if (kind !== undefined && !KINDS.includes(kind)) {
    throw new UsageError(`--format expects a source kind: ${KINDS.join(', ')} (got '${kind}')`);
  }
  const { out } = ctx;
  const db = await ctx.open('write');
  const dbFile = (await ctx.dbPath()).value;
  const checkpoints = new BackgroundCheckpoints(db, dbFile);
  // Each file is a savepoint (CommitGroup), for which SQLite keeps the pages a file changes in a
  // statement journal, a temporary file by default: in memory, a file's worth of pages, it costs
  // no system calls.
  db.pragma('temp_store = MEMORY');

  const progress = out.stderrIsTTY && !opts.quiet ? new ProgressLine((t) => out.progress(t), ctx.streams.stderr.columns) : null;
  // Ctrl-C finishes the file in hand (its transaction is all or nothing), then stops with 130.
  let stop = false;
  let stopReading: (() => void) | undefined;
  const onSigint = (): void => {
    if (stop) {
      // A second Ctrl-C: the user really means it.
      progress?.clear();
      process.exit(EXIT.interrupted);
    }
    stop = true;
    stopReading?.();
  };
  process.on('SIGINT', onSigint);
  let report: IngestReport;
  try {
    try {
      report = await ingestPaths(db, paths, {
        asOf,
        asOfExplicit: opts.asOf !== undefined,
        kind,
        exclude: ['', '-wal', '-shm', '-journal'].map((suffix) => dbFile + suffix),
        // Ctrl-C while waiting on stdin (a paste not yet ended) stops the wait; the partial text is dropped.
        readStdin: () =>
          new Promise<Buffer>((resolve, reject) => {
            stopReading = () => {
              (ctx.stdin as NodeJS.ReadStream).destroy?.();
              resolve(Buffer.alloc(0));
            };
            readAll(ctx.stdin).then(resolve, reject);
          }),
        onWarning: (w) => {
          progress?.clear();
          out.warn(w.line > 0 ? `${w.file}:${w.line}: ${w.message}` : `${w.file}: ${w.message}`);
        },
        onFile: progress ? (done, total, papers) => progress.update(done, total, papers) : undefined,
        shouldStop: () => stop,
        onCommit: () => checkpoints.committed(),
        onFinishing: progress ? (what) => progress.finishing(what) : undefined,
      });
    } finally {
      process.off('SIGINT', onSigint);
    }
    // The search vocabulary learns the new papers' words (typo correction): cheap and incremental,
    // but seconds after a large first ingest (it is then read off the whole index).
    if (report.inserted + report.updated > 0) progress?.finishing('search vocabulary');
    refreshVocabulary(db);
  } finally {
    progress?.clear();
    await checkpoints.finish();
  }

  if (opts.json) {
    out.write(`${JSON.stringify(report, null, 2)}\n`);
  } else if (!opts.quiet) {
    out.info(summary(report));
  }
  if (report.interrupted) {
    out.error('interrupted: the files ingested so far are kept; run the same command again to finish');
    return EXIT.interrupted;
  }
  if (report.missing.length > 0) return EXIT.usage;
  return report.files_skipped > 0 ? EXIT.failure : EXIT.ok;
}

function summary(r: IngestReport): string {
  const files = r.files_read + r.files_unchanged;
  const parts = [
    `${files} file${files === 1 ? '' : 's'} read${kindCounts(r.kinds)}`,
    `${r.inserted} inserted`,
    `${r.updated} updated`,
    `${r.unchanged} unchanged`,
  ];
  if (r.files_unchanged) parts.push(`${r.files_unchanged} file${r.files_unchanged === 1 ? '' : 's'} unchanged since last ingest`);
  if (r.files_skipped) parts.push(`${r.files_skipped} file${r.files_skipped === 1 ? '' : 's'} skipped`);
  if (r.warnings.length) parts.push(`${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** " (hf-listing 1, arxiv-listing 1)": which kinds of source the files were. */
function kindCounts(kinds: Record<string, number>): string {
  const parts = Object.entries(kinds).map(([kind, n]) => `${kind} ${n}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
