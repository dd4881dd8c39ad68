/**
 * What the fault tests share: a corpus split over many listing files, a CLI run that can be
 * interrupted, and the check that a database holds only whole files' worth of papers.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT, type RunResult } from './cli.js';
import { toListingText } from './listing.js';
import { dataPapers } from '../parse/sources.js';
import { parseText } from '../../src/parse/index.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';

export const PAGE_DATE = '2024-04-10';

/**
 * Writes the 753 real papers as `count` listing files in `dir`, each paper in exactly one file.
 * Returns each file's path with the titles it holds.
 */
export function writePages(dir: string, count: number, prefix = 'page'): Map<string, string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const pages = new Map<string, string[]>();
  for (let f = 0; f < count; f++) {
    const papers = dataPapers.filter((_, i) => i % count === f);
    const file = path.join(dir, `${prefix}-${String(f).padStart(4, '0')}.txt`);
    const listing = papers.map((p) => ({ title: p.title, abstract: p.abstract, authors: p.authors.length, published: p.published, upvotes: p.upvotes }));
    fs.writeFileSync(file, toListingText(listing, { pageDate: PAGE_DATE }));
    pages.set(file, papers.map((p) => p.title));
  }
  return pages;
}

/**
 * Writes `total` synthetic papers (the benchmark's generator: real vocabulary, unique titles) as
 * listing files of `perFile` papers: enough work that an ingest is still running a second in.
 */
export function writeSyntheticPages(dir: string, total: number, perFile: number): Map<string, string[]> {
  execFileSync(process.execPath, [path.join(ROOT, 'bench/make-corpus.mjs'), String(total), dir, String(perFile)], { stdio: 'ignore' });
  const pages = new Map<string, string[]>();
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    pages.set(file, parseText(fs.readFileSync(file, 'utf8'), { asOf: '2025-01-01' }).entries.map((e) => e.title));
  }
  return pages;
}

/** A CLI run in the background, to be signalled or raced against another. */
export function start(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<RunResult & { signal: string | null }> } {
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<RunResult & { signal: string | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
  return { child, done };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Whether a database has the whole schema of this papers. Until then a writer is still creating or
 * upgrading it, and a plain SQLite reader may meet a half-made full-text table (SQLITE_SCHEMA);
 * papers' own readers wait for the upgrade or make it themselves.
 */
export function schemaComplete(dbFile: string): boolean {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) === SCHEMA_VERSION;
  } finally {
    db.close();
  }
}

/** Papers per source file, as stored: read straight from SQLite, read-only. */
export function storedPerFile(dbFile: string): { integrity: string; perFile: Map<string, number>; papers: number; recorded: string[] } {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const perFile = new Map(
      (db.prepare('SELECT file, count(*) AS n FROM paper_sources GROUP BY file').all() as { file: string; n: number }[]).map((r) => [r.file, r.n]),
    );
    const papers = (db.prepare('SELECT count(*) AS n FROM papers').get() as { n: number }).n;
    const recorded = (db.prepare('SELECT path FROM ingested_files').all() as { path: string }[]).map((r) => r.path);
    return { integrity, perFile, papers, recorded };
  } finally {
    db.close();
  }
}

/** Files with some but not all of their papers: must always be empty. */
export function partialFiles(perFile: Map<string, number>, pages: Map<string, string[]>): string[] {
  return [...perFile].filter(([file, n]) => n !== pages.get(file)?.length).map(([file, n]) => `${file}: ${n} of ${pages.get(file)?.length}`);
}
