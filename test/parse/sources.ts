/**
 * The texts the parser tests read, and the known truth about them taken straight from
 * their sources (the seed's lines, the data set's fields), never from the parser.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PaperEntry } from '../../src/model.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SEED_PATH = path.join(ROOT, 'seeds/000_64d1eb580072be36.txt');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(ROOT, 'fixtures', name), 'utf8');
}

export const seedText = fs.readFileSync(SEED_PATH, 'utf8');
const seedLines = seedText.split('\n');

/** The seed's abstract of the entry whose title is `title`: the line two below the title. */
export function seedAbstract(title: string): string {
  const i = seedLines.indexOf(title);
  if (i < 0) throw new Error(`not in the seed: ${title}`);
  return seedLines[i + 2]!;
}

export interface DataPaper {
  arxiv_id: string;
  title: string;
  authors: string[];
  abstract: string;
  published: string;
  upvotes: number;
}

export const dataPapers: DataPaper[] = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'fixtures/hf-daily-papers-2024.json'), 'utf8'),
);

export function dataPaper(arxivId: string): DataPaper {
  const p = dataPapers.find((x) => x.arxiv_id === arxivId);
  if (!p) throw new Error(`not in the data set: ${arxivId}`);
  return p;
}

/**
 * The entry an arXiv-shaped source gives for a paper of the data set: title, abstract and
 * names from the data; what such a source cannot show is null / false.
 */
export function arxivPaper(arxivId: string, line: number, fields: Partial<PaperEntry> = {}): PaperEntry {
  const p = dataPaper(arxivId);
  return {
    title: p.title,
    abstract: p.abstract,
    authors: p.authors.length,
    authorNames: p.authors,
    arxivId,
    organization: null,
    orgHandle: null,
    published: null,
    yearInferred: false,
    upvotes: null,
    line,
    ...fields,
  };
}

/** The line number (1-based) of the first line of `text` that starts with `prefix`. */
export function lineOf(text: string, prefix: string): number {
  const i = text.split('\n').findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`no line starts with: ${prefix}`);
  return i + 1;
}
