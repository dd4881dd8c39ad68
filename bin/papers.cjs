#!/usr/bin/env node
// Runs the compiled CLI. `npm install` builds dist/ (the `prepare` script). CommonJS, like dist/:
// an ES module here would start Node's ES loader, 8 ms of every run (scripts/build.mjs).
const path = require('node:path');

/** A SHA-1 in hexadecimal, as scripts/build.mjs writes it at the end of the bundle and the start of its cache. */
const HASH_LENGTH = 40;
/**
 * The commands the build made a code cache of their own for (scripts/build.mjs says why). The first
 * argument that names one picks it: a database or a query word of that name only costs speed.
 */
const OWN_CACHE = new Set(['info', 'search', 'show', 'list', 'export']);

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    // Answered before the CLI and its dependencies load: scripts call this often, and it needs none of them.
    printVersion(`${require('../package.json').version}\n`);
  } else {
    loadCli(undefined, args.find((arg) => OWN_CACHE.has(arg)))
      .cli.main(args)
      .then((code) => {
        process.exitCode = code;
      });
  }
}

/**
 * Written to the descriptor: process.stdout would first load Node's stream modules, 8 ms, more than
 * the rest of `papers --version`. A reader that is gone (`papers --version | true`) is not an error;
 * a pipe that cannot take it at once (non-blocking and full) gets it through the stream.
 */
function printVersion(text) {
  try {
    require('node:fs').writeSync(1, text);
  } catch (err) {
    if (err.code === 'EAGAIN') process.stdout.write(text);
    else if (err.code !== 'EPIPE' && err.code !== 'EBADF') throw err;
  }
}

/**
 * dist/cli.js, as require() would load it, but compiled from the code V8 made for it at build time
 * (dist/cli.js.cache, or dist/cli.js.<command>.cache for a command with its own): compiling the 350 KB bundle otherwise costs ~9 ms of every run. The bundle
 * ends with its SHA-1 and the cache starts with the SHA-1 of the bundle it was made for, so a cache
 * from another build is never used; V8 refuses one made by another Node, or for source of another
 * length (a bundle edited by hand after the build: dist/ is build output, and `npm run build` makes
 * both again). Otherwise the file is compiled as usual. Says which happened, for the tests.
 */
function loadCli(file = path.join(__dirname, '..', 'dist', 'cli.js'), command = undefined) {
  const fs = require('node:fs');
  let source;
  try {
    source = fs.readFileSync(file);
  } catch {
    return { cli: require(file), cache: 'missing' };
  }
  const built = source.toString('latin1', source.length - HASH_LENGTH - 1, source.length - 1);
  const found = readCache(fs, file, command, built);
  if (typeof found === 'string') return { cli: require(file), cache: found };
  const [cacheFile, cache] = found;
  const Module = require('node:module');
  const vm = require('node:vm');
  // Latin-1: the build makes sure the bundle is ASCII, for which it is the same text, decoded in half
  // the time. A bundle edited by hand since may not be (isAscii takes microseconds).
  const text = require('node:buffer').isAscii(source) ? source.toString('latin1') : source.toString('utf8');
  const script = new vm.Script(Module.wrap(text), { filename: file, cachedData: cache.subarray(HASH_LENGTH) });
  const mod = new Module(file, module);
  mod.filename = file;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return { cli: mod.exports, cache: script.cachedDataRejected ? 'refused' : 'used', cacheFile };
}

/**
 * The command's own code cache if the build made one for this bundle, else the cache of every
 * command, as [file, bytes]; else why neither will do (the full cache's state: 'missing' or 'stale').
 */
function readCache(fs, file, command, built) {
  const names = command === undefined ? [`${file}.cache`] : [`${file}.${command}.cache`, `${file}.cache`];
  let why = 'missing';
  for (const name of names) {
    let bytes;
    try {
      bytes = fs.readFileSync(name);
    } catch {
      why = 'missing'; // not built (an older build, or its rehearsal failed)
      continue;
    }
    if (bytes.toString('latin1', 0, HASH_LENGTH) === built) return [name, bytes];
    why = 'stale';
  }
  return why;
}

module.exports = { loadCli };
