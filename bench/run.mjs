#!/usr/bin/env node
// `npm run bench`: every step of `papers` as a whole process, several times, each median printed
// beside a baseline measured in the same run (machines are shared and noisy: only same-run ratios mean
// anything). Not part of `npm test`; CI does not run it.
// usage: node bench/run.mjs [--papers N (100000)] [--runs R (5)] [--ingest-runs R (3; 1 from 10^6)]
//                           [--fuse-cap SECONDS (30)] [--out DIR (bench-out)] [--reuse-db]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values: args } = parseArgs({
  options: {
    papers: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    'ingest-runs': { type: 'string' },
    'fuse-cap': { type: 'string', default: '30' },
    out: { type: 'string', default: path.join(ROOT, 'bench-out') },
    // Measures the read steps on the database a previous run left, without ingesting again.
    'reuse-db': { type: 'boolean', default: false },
  },
});
const N = Number(args.papers);
const RUNS = Number(args.runs);
const INGEST_RUNS = Number(args['ingest-runs'] ?? (N >= 1_000_000 ? 1 : 3));
const FUSE_CAP_MS = Number(args['fuse-cap']) * 1000;
const OUT = path.resolve(args.out);
const NODE = process.execPath;
const BIN = path.join(ROOT, 'bin/papers.cjs');
const PROBE = path.join(ROOT, 'bench/rss-probe.mjs');

if (!fs.existsSync(path.join(ROOT, 'dist/cli.js'))) fail('dist/ is missing: run `npm run build` first');
fs.mkdirSync(OUT, { recursive: true });
const corpus = path.join(OUT, `corpus-${N}`);
const db = path.join(OUT, `papers-${N}.db`);
const refDb = path.join(OUT, `reference-${N}.db`);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'papers-bench-'));
const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, PAPERS_DB: db };

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

/**
 * Runs one process. Returns wall ms, the ms to its first stdout byte, stdout bytes and, when probed,
 * its peak RSS. `stopAtFirstByte` ends it once output starts (time to first row, not to the last).
 */
function run(argv, { probe = false, stopAtFirstByte = false, capMs = 0, capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = path.join(home, `rss-${process.hrtime.bigint()}`);
    const full = probe ? ['--import', PROBE, ...argv] : argv;
    const t0 = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const child = spawn(NODE, full, { env: { ...env, BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let firstByte = null;
    let bytes = 0;
    let stderr = '';
    let stdout = '';
    let capped = false;
    const timer = capMs ? setTimeout(() => ((capped = true), child.kill('SIGKILL')), capMs) : null;
    child.stdout.on('data', (chunk) => {
      if (firstByte === null) {
        firstByte = ms();
        if (stopAtFirstByte) child.kill('SIGTERM');
      }
      bytes += chunk.length;
      if (capture) stdout += chunk;
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wall = ms();
      if (timer) clearTimeout(timer);
      if (code !== 0 && !signal) return reject(new Error(`${argv.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      let rss = null;
      try {
        rss = Number(fs.readFileSync(rssFile, 'utf8')) * 1024;
        fs.rmSync(rssFile);
      } catch {
        /* not probed, or killed before exit */
      }
      resolve({ wall, firstByte, bytes, rss, capped, stdout, stderr });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function times(label, n, argv, opts, pick = (r) => r.wall) {
  const rs = [];
  for (let i = 0; i < n; i++) rs.push(await run(argv, opts));
  log(`  ${label}: ${rs.map((r) => pick(r).toFixed(0)).join(', ')} ms`);
  return { median: median(rs.map(pick)), runs: rs };
}

/** Alternates `node -e 0` with the step, so both see the same moment of a shared machine. */
async function beside(label, argv, opts, pick = (r) => r.wall) {
  const ours = [];
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push((await run(['-e', '0'])).wall);
    ours.push(pick(await run(argv, opts)));
  }
  log(`  ${label}: ${ours.map((v) => v.toFixed(0)).join(', ')} ms; node -e 0: ${bare.map((v) => v.toFixed(0)).join(', ')} ms`);
  return { median: median(ours), bare: median(bare) };
}

function removeDb(file) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

function dirBytes(dir) {
  return fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
}

// ---- corpus -------------------------------------------------------------------------------------
if (!fs.existsSync(corpus)) {
  log(`generating ${N} papers into ${corpus} ...`);
  await run([path.join(ROOT, 'bench/make-corpus.mjs'), String(N), corpus]);
}
const textBytes = dirBytes(corpus);
log(`corpus: ${N} papers, ${(textBytes / 2 ** 20).toFixed(0)} MiB of listing text, ${fs.readdirSync(corpus).length} files`);
log(`machine: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const rows = [];
/** ours and baseline are numbers in `unit` (ms or bytes); a baseline may also be a text such as "> 30 s". */
const row = (step, ours, baseline, baselineName, target, ok, unit = 'ms') => rows.push({ step, ours, baseline, baselineName, target, ok, unit });

// ---- ingest, interleaved with the reference so both see the same machine ------------------------
const reuse = args['reuse-db'] && fs.existsSync(db);
let ingest = null;
let ingestRss = null;
let refRss = null;
if (!reuse) {
  log('ingest (fresh database each run) vs the reference ingest:');
  const ingests = [];
  const refs = [];
  for (let i = 0; i < INGEST_RUNS; i++) {
    removeDb(refDb);
    refs.push(await run([path.join(ROOT, 'bench/reference-ingest.mjs'), corpus, refDb], { probe: true }));
    removeDb(db);
    ingests.push(await run([BIN, 'ingest', corpus, '--as-of', '2024-11-03', '-q'], { probe: true }));
    log(`  run ${i + 1}: papers ${ingests.at(-1).wall.toFixed(0)} ms, reference ${refs.at(-1).wall.toFixed(0)} ms`);
  }
  ingest = median(ingests.map((r) => r.wall));
  const ref = median(refs.map((r) => r.wall));
  ingestRss = Math.max(...ingests.map((r) => r.rss));
  refRss = Math.max(...refs.map((r) => r.rss));
  row(`ingest ${N}`, ingest, ref, 'reference parse+insert+FTS5', '<= 1x', ingest <= ref);

  log('re-ingest, nothing changed:');
  const again = await times('papers ingest (again)', RUNS, [BIN, 'ingest', corpus, '--as-of', '2024-11-03', '-q']);
  row('re-ingest unchanged', again.median, ingest, 'first ingest', '>= 3x faster', ingest / again.median >= 3);
}

// ---- commands on the corpus ---------------------------------------------------------------------
log('start-up and queries:');
const query = 'diffusion model video generation';
const search = await beside('papers search', [BIN, 'search', query, '--format', 'jsonl']);
const fuse = await run([path.join(ROOT, 'bench/naive-search.mjs'), db, query], { capMs: FUSE_CAP_MS });
log(`  naive fuse.js search: ${fuse.capped ? `stopped at the ${FUSE_CAP_MS / 1000} s cap` : `${fuse.wall.toFixed(0)} ms`}`);
row('search', search.median, search.bare, 'node -e 0', '', null);
row('search (again)', search.median, fuse.capped ? `> ${FUSE_CAP_MS / 1000} s` : fuse.wall, 'naive fuse.js over every paper', 'faster', fuse.capped || search.median < fuse.wall);
const middle = await run([BIN, 'list', '--sort', 'added', '--asc', '--offset', String(Math.floor(N / 2)), '--limit', '1', '--format', 'json'], { capture: true });
const title = JSON.parse(middle.stdout)[0].title;
const showTitle = await beside('papers show TITLE', [BIN, 'show', title, '--format', 'json']);
const showId = await beside('papers show ID', [BIN, 'show', String(Math.ceil(N / 2)), '--format', 'json']);
row('show (by title)', showTitle.median, showTitle.bare, 'node -e 0', '', null);
row('show (by id)', showId.median, showId.bare, 'node -e 0', '', null);

const ttfb = (r) => r.firstByte ?? r.wall;
const listFirst = await beside('papers list: first byte', [BIN, 'list'], { stopAtFirstByte: true }, ttfb);
const exportFirst = await beside('papers export jsonl: first byte', [BIN, 'export', '--format', 'jsonl'], { stopAtFirstByte: true }, ttfb);
row('list: first row out', listFirst.median, listFirst.bare, 'node -e 0', '< 2x', listFirst.median < 2 * listFirst.bare);
row('export jsonl: first row out', exportFirst.median, exportFirst.bare, 'node -e 0', '< 2x', exportFirst.median < 2 * exportFirst.bare);
const exportAll = await times('papers export jsonl: all', Math.min(RUNS, 3), [BIN, 'export', '--format', 'jsonl'], { probe: true });
const exportRss = Math.max(...exportAll.runs.map((r) => r.rss));
row(`export jsonl: all ${N}`, exportAll.median, ingest ?? 'not run', 'ingest', '', null);

const version = await beside('papers --version', [BIN, '--version']);
const info = await beside('papers info', [BIN, 'info']);
row('papers --version', version.median, version.bare, 'node -e 0', '< 1.5x', version.median < 1.5 * version.bare);
row('papers info', info.median, info.bare, 'node -e 0', '< 1.5x', info.median < 1.5 * info.bare);

// ---- memory and size ----------------------------------------------------------------------------
if (!reuse) row('peak memory: ingest', ingestRss, refRss, 'reference ingest', '< 600 MiB', ingestRss < 600 * 2 ** 20, 'bytes');
row('peak memory: export all', exportRss, ingestRss ?? 'not run', 'ingest', '< 600 MiB', exportRss < 600 * 2 ** 20, 'bytes');
const dbBytes = fs.statSync(db).size + (fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0);
row('database size', dbBytes, textBytes, 'listing text', '<= 2.5x', dbBytes <= 2.5 * textBytes, 'bytes');

// ---- report -------------------------------------------------------------------------------------
const show = (v, unit) =>
  typeof v !== 'number' ? v : unit === 'bytes' ? `${(v / 2 ** 20).toFixed(0)} MiB` : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`;
const table = [
  ['step', 'papers (median)', 'baseline (same run)', 'ratio', 'target', ''],
  ...rows.map((r) => [
    r.step,
    show(r.ours, r.unit),
    `${show(r.baseline, r.unit)}  ${r.baselineName}`,
    typeof r.baseline === 'number' ? `${(r.ours / r.baseline).toFixed(2)}x` : '',
    r.target,
    r.ok === null ? '' : r.ok ? 'ok' : 'MISSED',
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((t) => t[i].length)));
const lines = table.map((t) => `| ${t.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
lines.splice(1, 0, `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
const header = `${N} papers, ${(textBytes / 2 ** 20).toFixed(0)} MiB of listing text; ${reuse ? 'ingest not run (--reuse-db)' : `ingest x${INGEST_RUNS}`}, other steps x${RUNS}; node ${process.version}, ${os.cpus().length} cores`;
console.log(`${header}\n\n${lines.join('\n')}`);
fs.writeFileSync(path.join(OUT, `results-${N}.md`), `${header}\n\n${lines.join('\n')}\n`);
fs.rmSync(home, { recursive: true, force: true });
