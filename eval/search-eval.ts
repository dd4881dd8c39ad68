/**
 * Search quality on the 753 real papers of fixtures/hf-daily-papers-2024.json, beside the
 * baselines measured in the same run:
 *   - fuse.js with its defaults over title + abstract;
 *   - SQLite FTS5 bm25 with the query's words OR-ed (the first index of this project:
 *     unicode61 with '-' as a token character, title weight 10).
 *
 * Queries are built from the data, deterministically:
 *   - topical: two- and three-word phrases that recur in titles (no stop word at either end), each
 *     used by at least 10 papers. A paper is relevant when its title or abstract uses the phrase
 *     (case, punctuation, hyphens and a plural -s aside): a paper about "video generation" says so.
 *     Every engine is judged by the same rule. A looser second judgement (every word of the query
 *     somewhere in the paper) is printed beside it.
 *   - misspelt: the same queries with one slip (two for three-word queries) in words of 5+ letters:
 *     a swap, a dropped, doubled or wrong letter.
 *   - damaged titles: every third paper's title, lower-cased, punctuation removed, one or two words
 *     dropped and one or two slips; the paper itself must come first (search) / be resolved (show).
 *
 * usage: npm run eval:search   (tsx eval/search-eval.ts [--quick])
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fuse from 'fuse.js';
import { openStore } from '../src/store/open.js';
import { storeRealPapers, type RealPaper } from './store-real-papers.js';
import { refreshVocabulary } from '../src/store/fts.js';
import { runSearch, type RankingOptions } from '../src/search/search.js';
import { resolvePaper } from '../src/search/resolve.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const real = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures/hf-daily-papers-2024.json'), 'utf8')) as RealPaper[];
const quick = process.argv.includes('--quick');

// ---------- deterministic randomness ----------
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(2024);

// ---------- text normalisation for judging ----------
const STOP = new Set(
  'a an and are as at be by for from in into is it its of on or our over the this to via we with without towards toward through using how what when why do does can your you beyond not all one than more under based new'.split(' '),
);
const tokens = (s: string): string[] => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean);
const singular = (w: string): string => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
const judgeText = (s: string): string => ` ${tokens(s).map(singular).join(' ')} `;
const texts = real.map((p) => judgeText(`${p.title} . ${p.abstract}`));
const relevant = (phrase: string): Set<number> => {
  const needle = judgeText(phrase);
  return new Set(texts.flatMap((t, i) => (t.includes(needle) ? [i] : [])));
};
/** The looser judgement, for a second opinion: every word of the query somewhere in the paper. */
const relevantAllWords = (phrase: string): Set<number> => {
  const needles = judgeText(phrase).trim().split(' ').map((w) => ` ${w} `);
  return new Set(texts.flatMap((t, i) => (needles.every((n) => t.includes(n)) ? [i] : [])));
};

// ---------- slips ----------
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
function slip(w: string): string {
  const i = 1 + Math.floor(random() * (w.length - 2)); // keep it a word someone would type: not the first letter
  switch (Math.floor(random() * 4)) {
    case 0:
      return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // swap
    case 1:
      return w.slice(0, i) + w.slice(i + 1); // dropped
    case 2:
      return w.slice(0, i) + w[i] + w.slice(i); // doubled
    default: {
      const other = LETTERS.replace(w[i]!, '');
      return w.slice(0, i) + other[Math.floor(random() * other.length)] + w.slice(i + 1); // wrong letter
    }
  }
}
function misspell(words: string[], slips: number): string[] {
  const out = [...words];
  const long = out.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5 && /^[a-z]+$/.test(w));
  for (let k = 0; k < slips && long.length; k++) {
    const at = Math.floor(random() * long.length);
    const [w, i] = long.splice(at, 1)[0]!;
    out[i] = slip(w);
  }
  return out;
}

// ---------- the query sets ----------
interface Query {
  text: string;
  relevant: Set<number>;
  allWords: Set<number>;
}

function topicalQueries(): Query[] {
  const counts = new Map<string, number>();
  for (const p of real) {
    const ws = tokens(p.title);
    for (const n of [2, 3]) {
      for (let i = 0; i + n <= ws.length; i++) {
        const g = ws.slice(i, i + n);
        if (STOP.has(g[0]!) || STOP.has(g.at(-1)!) || g.some((w) => /^\d+$/.test(w) || w.length < 2)) continue;
        const key = g.join(' ');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const candidates = [...counts.entries()]
    .filter(([, n]) => n >= 2)
    .map(([text]) => ({ text, relevant: relevant(text), allWords: relevantAllWords(text) }))
    .filter((q) => q.relevant.size >= 10)
    .sort((a, b) => a.text.localeCompare(b.text));
  // Phrases that differ only by a plural are one topic.
  const seen = new Set<string>();
  return candidates.filter((q) => {
    const k = judgeText(q.text);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function damagedTitle(title: string): string {
  const ws = tokens(title);
  const drop = ws.length <= 3 ? 0 : ws.length <= 6 ? 1 : 2;
  for (let k = 0; k < drop; k++) ws.splice(Math.floor(random() * ws.length), 1);
  return misspell(ws, ws.length <= 6 ? 1 : 2).join(' ');
}

// ---------- engines ----------
interface Engine {
  name: string;
  search(text: string, k: number): number[]; // fixture indexes, best first
  show?(text: string): number | undefined;
}

async function buildStore(dir: string): Promise<{ db: SQLite.Database; indexOf: Map<number, number> }> {
  const db = await openStore(path.join(dir, 'eval.db'));
  storeRealPapers(db, real);
  refreshVocabulary(db);
  const indexOf = new Map<number, number>();
  for (const row of db.prepare<[], { id: number; arxiv_id: string }>('SELECT id, arxiv_id FROM papers').all()) {
    indexOf.set(row.id, real.findIndex((p) => p.arxiv_id === row.arxiv_id));
  }
  return { db, indexOf };
}

/**
 * `only`: every pass ranked by FTS5, or in JavaScript from the candidates' text (as common words
 * are at 10^6 papers); by default each pass the cheaper way, as the CLI does. Both rankings should
 * score alike.
 */
function papersEngine(db: SQLite.Database, indexOf: Map<number, number>, only?: RankingOptions['only']): Engine {
  const opts: RankingOptions = only ? { only } : {};
  return {
    name: only === 'text' ? 'papers, ranked from text' : only === 'fts5' ? 'papers, ranked by FTS5' : 'papers (this)',
    search: (text, k) => runSearch(db, { text, limit: k }, opts).papers.map((p) => indexOf.get(p.id)!),
    show: (text) => {
      const r = resolvePaper(db, text, opts);
      return r.kind === 'found' ? indexOf.get(r.paper.id) : undefined;
    },
  };
}

function ftsBaseline(): Engine {
  const db = new SQLite(':memory:');
  db.exec(`CREATE VIRTUAL TABLE f USING fts5(title, abstract, tokenize="unicode61 remove_diacritics 2 tokenchars '-'")`);
  const ins = db.prepare('INSERT INTO f(rowid, title, abstract) VALUES (?, ?, ?)');
  real.forEach((p, i) => ins.run(i, p.title, p.abstract));
  const q = db.prepare<[string, number], { i: number }>('SELECT rowid AS i FROM f WHERE f MATCH ? ORDER BY bm25(f, 10, 1) LIMIT ?');
  const terms = (s: string): string[] => (s.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.toLowerCase());
  return {
    name: 'FTS5 bm25, words OR-ed',
    search: (text, k) => {
      const ts = terms(text);
      return ts.length ? q.all(ts.map((t) => `"${t}"`).join(' OR '), k).map((r) => r.i) : [];
    },
  };
}

function fuseBaseline(): Engine {
  const docs = real.map((p, i) => ({ i, title: p.title, abstract: p.abstract }));
  const fuse = new Fuse(docs, { keys: ['title', 'abstract'] });
  const titles = new Fuse(docs, { keys: ['title'] });
  return {
    name: 'fuse.js defaults',
    search: (text, k) => fuse.search(text, { limit: k }).map((r) => r.item.i),
    show: (text) => titles.search(text, { limit: 1 })[0]?.item.i,
  };
}

// ---------- measuring ----------
/** Mean precision@10 by both judgements (phrase; all words), and the time per query. */
function precisionAt10(engine: Engine, queries: Query[]): { p: number; pAll: number; ms: number; misses: { text: string; p: number }[] } {
  let sum = 0;
  let sumAll = 0;
  const misses: { text: string; p: number }[] = [];
  const t0 = performance.now();
  for (const q of queries) {
    const got = engine.search(q.text, 10);
    const p = got.filter((i) => q.relevant.has(i)).length / 10;
    sum += p;
    sumAll += got.filter((i) => q.allWords.has(i)).length / 10;
    if (p < Math.min(10, q.relevant.size) / 10) misses.push({ text: q.text, p });
  }
  return { p: sum / queries.length, pAll: sumAll / queries.length, ms: (performance.now() - t0) / queries.length, misses };
}

function topOne(run: (text: string) => number | undefined, titles: { text: string; index: number }[]): { rate: number; misses: typeof titles } {
  const misses = titles.filter((t) => run(t.text) !== t.index);
  return { rate: 1 - misses.length / titles.length, misses };
}

const fmt = (x: number | undefined, digits = 3): string => (x === undefined ? '—' : x.toFixed(digits));

async function main(): Promise<void> {
  const topical = topicalQueries();
  const misspelt = topical.map((q) => {
    const ws = q.text.split(' ');
    return { ...q, text: misspell(ws, ws.length >= 3 ? 2 : 1).join(' ') };
  });
  const damaged = real.flatMap((p, index) => (index % 3 === 0 ? [{ text: damagedTitle(p.title), index }] : []));
  console.log(`${real.length} papers; ${topical.length} topical queries (and as many misspelt); ${damaged.length} damaged titles`);
  console.log(`e.g. "${topical[7]!.text}" -> "${misspelt[7]!.text}" (${topical[7]!.relevant.size} relevant); "${real[damaged[5]!.index]!.title}" -> "${damaged[5]!.text}"\n`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papers-eval-'));
  try {
    await evaluate(dir, topical, misspelt, damaged);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function evaluate(dir: string, topical: Query[], misspelt: Query[], damaged: { text: string; index: number }[]): Promise<void> {
  const { db, indexOf } = await buildStore(dir);
  const engines = [papersEngine(db, indexOf), papersEngine(db, indexOf, 'fts5'), papersEngine(db, indexOf, 'text'), ftsBaseline(), ...(quick ? [] : [fuseBaseline()])];
  const rows: string[][] = [];
  let ours: { clean: number; typo: number; title: number; show: number } | undefined;
  for (const e of engines) {
    const clean = precisionAt10(e, topical);
    const typo = precisionAt10(e, misspelt);
    const title = topOne((t) => e.search(t, 1)[0], damaged);
    const show = e.show ? topOne(e.show, damaged) : undefined;
    rows.push([e.name, fmt(clean.p), fmt(typo.p), `${fmt(clean.pAll)} / ${fmt(typo.pAll)}`, fmt(title.rate), fmt(show?.rate), `${((clean.ms + typo.ms) / 2).toFixed(2)} ms`]);
    if (!ours) {
      ours = { clean: clean.p, typo: typo.p, title: title.rate, show: show!.rate };
      if (process.argv.includes('--misses')) {
        for (const m of [...clean.misses, ...typo.misses]) console.log(`precision miss: "${m.text}" P@10 ${m.p.toFixed(1)}`);
        for (const m of title.misses) console.log(`search miss: "${m.text}" want "${real[m.index]!.title}" got "${real[e.search(m.text, 1)[0] ?? -1]?.title}"`);
        for (const m of show!.misses) console.log(`show miss: "${m.text}" want "${real[m.index]!.title}"`);
      }
    }
  }
  const head = ['engine', 'P@10 clean', 'P@10 misspelt', 'P@10 all-words judge: clean / misspelt', 'damaged title @1 (search)', 'damaged title resolved (show)', 'time/query'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log([line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));

  const targets: [string, number, number][] = [
    ['P@10 clean >= 0.95', ours!.clean, 0.95],
    ['P@10 misspelt >= 0.90', ours!.typo, 0.9],
    ['damaged title @1 (search) >= 0.97', ours!.title, 0.97],
    ['damaged title resolved (show) >= 0.97', ours!.show, 0.97],
  ];
  // The two rankings should put the same papers in the same order wherever both can run.
  const queries = [...topical, ...misspelt].map((q) => q.text).concat(damaged.map((d) => d.text));
  const [fts, fromText] = [engines[1]!, engines[2]!];
  const same = queries.filter((q) => fts.search(q, 10).join() === fromText.search(q, 10).join()).length;
  console.log(`\nranked from text vs by FTS5: the same top 10, in the same order, for ${same} of ${queries.length} queries`);
  console.log('');
  for (const [name, got, want] of targets) console.log(`${got >= want ? 'met   ' : 'MISSED'}  ${name}: ${got.toFixed(3)}`);
  db.close();
  if (targets.some(([, got, want]) => got < want)) process.exitCode = 1;
}

await main();
