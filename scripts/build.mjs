// Builds dist/ from src/: TypeScript checked by tsc (npm run build runs it first), bundled by esbuild
// into one CommonJS file with commander, plus V8's compiled code for it (dist/cli.js.cache), which the
// launcher hands back to V8 so that no run compiles the CLI again.
//
// Why: every command pays for loading its code before it does anything (docs/benchmarks.md has the runs).
// - CommonJS: on Node 20 the ES module loader costs 14-22 ms more per run than require() for the same
//   files (papers info 120 -> 106 ms, search 139 -> 123 ms at 10^5 papers). The source stays ES modules:
//   tests and the eval scripts run it as it is. Lazy `await import()`s become lazy require() calls (of
//   the other dependencies) or lazily run parts of the bundle (of our own modules); chalk (ES only)
//   loads through require(esm), Node >= 20.19.
// - One file: ~25 files of ours and commander's 6 cost 0.5-1 ms each to find, read and compile; one
//   file of 320 KB costs its compile (below) once.
// - The code cache: compiling that file took 9.6 ms a run, compiling with the cache 1 ms. V8 checks the
//   cache against the source and its own version and ignores a cache that does not fit (then the file is
//   compiled as usual); `npm install` builds on the Node that will run it.
// - commander loads node:child_process only when it spawns (for executable subcommands, which papers
//   does not have): 4.7 ms of every run otherwise.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rehearse, runBundle, saveCache } from './code-cache.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const require = createRequire(import.meta.url);
/** Where npm put a package (resolved `from` these folders), up from its entry point to its package.json (commander's exports hide that file). */
const packageDir = (name, from) => {
  let dir = path.dirname(require.resolve(name, { paths: from }));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
    dir = path.dirname(dir);
  }
  return dir;
};
// better-sqlite3's own dependencies may sit under it rather than at the top.
const sqliteDir = packageDir('better-sqlite3', [root]);

/** commander's command.js with `node:child_process` loaded on first spawn; the build fails if that no longer fits. */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, ({ path: file }) => {
      const source = fs.readFileSync(file, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager) || /childProcess\.(?!spawn\()/.test(source)) {
        throw new Error(`${file}: commander no longer loads child_process as this build expects; update scripts/build.mjs`);
      }
      const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * better-sqlite3's database.js finding its addon from the package it is installed as, not from the
 * caller's file (the `bindings` package's default, which in a bundle is dist/cli.js): the bundle's
 * require() resolves the package wherever npm put it, and `bindings` still searches its build folders.
 */
const addonFromPackage = {
  name: 'better-sqlite3-addon',
  setup(b) {
    b.onLoad({ filter: /better-sqlite3[\\/]lib[\\/]database\.js$/ }, ({ path: file }) => {
      const source = fs.readFileSync(file, 'utf8');
      const found = "require('bindings')('better_sqlite3.node')";
      if (!source.includes(found)) {
        throw new Error(`${file}: better-sqlite3 no longer loads its addon as this build expects; update scripts/build.mjs`);
      }
      const fromPackage =
        "require('bindings')({ bindings: 'better_sqlite3.node', module_root: require('node:path').dirname(require.resolve('better-sqlite3/package.json')) })";
      return { contents: source.replace(found, fromPackage), loader: 'js' };
    });
  },
};

/** Bundled: ours, and the two dependencies every command loads (commander; better-sqlite3, ~10 files). */
const BUNDLED = new Set(['commander', 'better-sqlite3', 'bindings', 'file-uri-to-path']);

/** Each bundled package, its version and its license, for the bundle's first lines. */
const licensed = [...BUNDLED].map((name) => {
  const dir = packageDir(name, [root, sqliteDir]);
  const { version, license } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f)) ?? 'package.json';
  return `${name} ${version} (${license} license: ${path.relative(root, path.join(dir, file))})`;
});

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  supported: { 'dynamic-import': false },
  // Loaded from node_modules when a command needs them (lazily, all of them).
  // better-sqlite3/package.json is only looked up at run time, to find the addon beside it.
  external: [...Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)), 'better-sqlite3/package.json'],
  // import.meta does not exist in CommonJS: the bundle gets its URL from __filename.
  define: { 'import.meta.url': '__moduleUrl' },
  banner: {
    // The directive first, or the whole bundle would run in sloppy mode.
    js: `"use strict";
// papers ${pkg.version}, built by scripts/build.mjs; includes ${licensed.join(', ')}
const __moduleUrl = require("node:url").pathToFileURL(__filename).href;`,
  },
  plugins: [lazyChildProcess, addonFromPackage],
  logLevel: 'warning',
};

fs.rmSync(dist, { recursive: true, force: true });
await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' });
// The ingest's second thread, which reads and parses files while the first writes (src/ingest/read-ahead.ts).
await build({ ...common, entryPoints: ['src/ingest/prepare-worker.ts'], outfile: 'dist/prepare-worker.js' });
// The thread that checkpoints a large ingest's log while it writes (src/store/checkpoints.ts).
await build({ ...common, entryPoints: ['src/store/checkpoint-worker.ts'], outfile: 'dist/checkpoint-worker.js' });
// The parser alone, for the benchmark's reference ingest (bench/reference-ingest.mjs).
await build({ ...common, entryPoints: ['src/parse/index.ts'], outfile: 'dist/parse/index.js' });
// The package is "type": "module"; this marks dist's .js files as CommonJS.
fs.writeFileSync(path.join(dist, 'package.json'), '{ "type": "commonjs" }\n');

// V8's code for the bundle. V8 compiles a function when it is first called, and a cache holds only
// what was compiled when it was made: so the bundle is first run here on the commands people run most
// (on the seed listing, in a temporary folder, output thrown away), and the cache then holds the code
// of everything they need, from commander's parsing to better-sqlite3's. bin/papers.cjs wraps and
// names the source exactly so, or V8 would refuse the cache.
const file = path.join(dist, 'cli.js');
/** The read commands, each with a code cache of its own, and what is run to make it. */
const COMMAND_REHEARSALS = {
  info: [['info']],
  search: [['search', 'continual learning']],
  show: [['show', '1'], ['show', 'sharing is caring']],
  list: [['list', '--limit', '3']],
  export: [['export', '--format', 'jsonl', '--limit', '3']],
};
// bin/papers.cjs reads the bundle as Latin-1: for ASCII the same text, decoded in half the time of
// UTF-8 (0.7 against 1.6 ms for 375 KB). esbuild
// escapes non-ASCII in strings; in a regular expression or a comment it keeps it, so this fails the build.
const nonAscii = fs.readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (/[^\x00-\x7f]/.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 100)}`] : []));
if (nonAscii.length > 0) {
  throw new Error(`the bundle must be ASCII (write \\u2026 for a character in a regular expression, and plain ASCII in comments esbuild keeps):\n${nonAscii.join('\n')}`);
}
// The bundle ends with its own SHA-1, and its cache starts with it: a cache is used only with the build
// it was made for. (V8 itself compares lengths only. Hashing the bundle at every start would need
// node:crypto, 6 ms to load; reading its last line costs nothing.)
const bundleHash = createHash('sha1').update(fs.readFileSync(file)).digest('hex');
fs.appendFileSync(file, `\n// build ${bundleHash}\n`);
const { cli, script } = runBundle(file);
const rehearsal = fs.mkdtempSync(path.join(os.tmpdir(), 'papers-build-'));
try {
  const db = path.join(rehearsal, 'papers.db');
  await rehearseAll(cli, db);
  saveCache(`${file}.cache`, bundleHash, script);
  // Then a cache per read command, each made in a fresh process that runs that command alone (in
  // this one every function is compiled already): V8 reads all of a cache when a command starts, and
  // reading the code of every other command cost `papers info` 1.4-1.6 ms (alternated runs). The
  // launcher falls back to the full cache for the other commands, or if one of these is missing.
  if (fs.existsSync(db)) {
    for (const [command, runs] of Object.entries(COMMAND_REHEARSALS)) {
      const made = spawnSync(process.execPath, [path.join(root, 'scripts/command-cache.mjs'), file, db, command, JSON.stringify(runs)], { stdio: 'inherit' });
      if (made.status !== 0) console.warn(`build: no code cache of its own for papers ${command}; it uses the full one`);
    }
  }
} finally {
  fs.rmSync(rehearsal, { recursive: true, force: true });
}

/** Runs the usual commands through the bundle once, into `db`; a failure only makes the cache smaller. */
async function rehearseAll(cli, db) {
  const seeds = path.join(root, 'seeds');
  if (!fs.existsSync(seeds)) return;
  try {
    await rehearse(cli, db, [['ingest', seeds, '--as-of', '2025-01-01'], ...Object.values(COMMAND_REHEARSALS).flat()], (argv, code) =>
      console.warn(`build: rehearsing papers ${argv.join(' ')} exited ${code}; the code cache will be smaller`),
    );
  } catch (err) {
    console.warn(`build: rehearsing the CLI failed (${err.message}); the code cache will be smaller`);
  }
}
