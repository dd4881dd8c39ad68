#!/usr/bin/env node
// Runs the compiled CLI. `npm install` builds dist/ (the `prepare` script). CommonJS, like dist/:
// an ES module here would start Node's ES loader, 8 ms of every run (scripts/build.mjs).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Answered before the CLI and its dependencies load: scripts call this often, and it needs none of them.
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('../dist/cli.js')
    .main(args)
    .then((code) => {
      process.exitCode = code;
    });
}
