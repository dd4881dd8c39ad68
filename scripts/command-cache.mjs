// One command's code cache (dist/cli.js.<command>.cache), made in a process of its own by
// scripts/build.mjs: V8 reads a whole cache at start-up, so a command given only the code it runs
// starts sooner than with the code of every command (papers info: 72.6 -> 71.0 and 72.1 -> 70.7 ms,
// alternated runs both ways round).
// usage: node scripts/command-cache.mjs BUNDLE DB COMMAND ARGS_JSON
import fs from 'node:fs';
import { rehearse, runBundle, saveCache } from './code-cache.mjs';

const [file, db, command, argsJson] = process.argv.slice(2);
// The bundle's last line is `// build <sha1>`: the cache starts with that hash, as the full one does.
const bundleHash = fs.readFileSync(file, 'latin1').slice(-41, -1);
const { cli, script } = runBundle(file);
await rehearse(cli, db, JSON.parse(argsJson), (args, code) => {
  // A cache of a run that failed would hold the wrong code, and be preferred to the full one.
  console.warn(`build: rehearsing papers ${args.join(' ')} exited ${code}`);
  process.exit(1);
});
saveCache(`${file}.${command}.cache`, bundleHash, script);
