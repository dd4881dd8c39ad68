#!/usr/bin/env node
// Runs the compiled CLI. `npm install` builds dist/ (the `prepare` script). CommonJS, like dist/:
// an ES module here would start Node's ES loader, 8 ms of every run (scripts/build.mjs).
const path = require('node:path');

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    // Answered before the CLI and its dependencies load: scripts call this often, and it needs none of them.
    process.stdout.write(`${require('../package.json').version}\n`);
  } else {
    loadCli()
      .cli.main(args)
      .then((code) => {
        process.exitCode = code;
      });
  }
}

/**
 * dist/cli.js, as require() would load it, but compiled from the code V8 made for it at build time
 * (dist/cli.js.cache): compiling the 320 KB bundle otherwise costs ~9 ms of every run. The cache is
 * taken only if it has the bundle's modification time (the build gives both the same; any edit of
 * the bundle moves it), and V8 refuses one made by another Node; else the file is compiled as usual.
 * Says which happened, for the tests.
 */
function loadCli(file = path.join(__dirname, '..', 'dist', 'cli.js')) {
  const fs = require('node:fs');
  let cachedData;
  try {
    if (fs.statSync(`${file}.cache`).mtimeMs !== fs.statSync(file).mtimeMs) return { cli: require(file), cache: 'stale' };
    cachedData = fs.readFileSync(`${file}.cache`);
  } catch {
    return { cli: require(file), cache: 'missing' };
  }
  const Module = require('node:module');
  const vm = require('node:vm');
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return { cli: mod.exports, cache: script.cachedDataRejected ? 'refused' : 'used' };
}

module.exports = { loadCli };
