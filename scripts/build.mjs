// Builds dist/ from src/: TypeScript checked by tsc (npm run build runs it first), emitted by esbuild
// as CommonJS, one file per module as in src/.
//
// Why CommonJS: every command pays Node's module loading before it does anything. On Node 20 the ES
// module loader costs 14-22 ms more per run than require() for the same files (papers info 120 -> 106 ms,
// search 139 -> 123 ms at 10^5 papers; docs/benchmarks.md). The source stays ES modules: tests and the
// eval scripts run it as it is. Lazy `await import()`s become require() calls, so a command's modules
// still load only when it runs; chalk (ES only) then loads through require(esm), Node >= 20.19.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

fs.rmSync(dist, { recursive: true, force: true });
const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: ['src/**/*.ts'],
  outdir: 'dist',
  outbase: 'src',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  supported: { 'dynamic-import': false },
  // import.meta does not exist in CommonJS: the modules that use it get their URL from __filename.
  define: { 'import.meta.url': '__moduleUrl' },
  write: false,
  logLevel: 'warning',
});
const moduleUrl = 'const __moduleUrl = require("node:url").pathToFileURL(__filename).href;\n';
const vendoredCommander = path.join(dist, 'vendor', 'commander.js');
for (const { path: file, text } of outputFiles) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // After esbuild's "use strict", which must stay the first statement.
  let out = text.includes('__moduleUrl') ? text.replace(/^("use strict";\n)?/, `$1${moduleUrl}`) : text;
  const relative = path.relative(path.dirname(file), vendoredCommander).split(path.sep).join('/');
  const vendored = relative.startsWith('.') ? relative : `./${relative}`;
  out = out.replaceAll('require("commander")', `require(${JSON.stringify(vendored)})`);
  fs.writeFileSync(file, out);
}

// commander, which every command loads first, as one file that loads node:child_process only when
// it spawns (for executable subcommands, which papers does not have). Measured in a fresh process:
// require('commander') 9.2 ms, and child_process 4.7 ms on top when nothing else needs it; this
// file loads in 6.2 ms. Without the rewrite below (a new commander), the build fails rather than
// quietly losing it.
await build({
  absWorkingDir: root,
  entryPoints: ['commander'],
  outfile: vendoredCommander,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  banner: { js: `// commander ${JSON.parse(fs.readFileSync(path.join(root, 'node_modules/commander/package.json'), 'utf8')).version} (MIT license: node_modules/commander/LICENSE), bundled by scripts/build.mjs` },
  logLevel: 'warning',
  plugins: [
    {
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
    },
  ],
});
// The package is "type": "module"; this marks dist's .js files as CommonJS.
fs.writeFileSync(path.join(dist, 'package.json'), '{ "type": "commonjs" }\n');
