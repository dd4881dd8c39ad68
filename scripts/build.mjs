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
for (const { path: file, text } of outputFiles) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // After esbuild's "use strict", which must stay the first statement.
  fs.writeFileSync(file, text.includes('__moduleUrl') ? text.replace(/^("use strict";\n)?/, `$1${moduleUrl}`) : text);
}
// The package is "type": "module"; this marks dist's .js files as CommonJS.
fs.writeFileSync(path.join(dist, 'package.json'), '{ "type": "commonjs" }\n');
