// What scripts/build.mjs and scripts/command-cache.mjs share to make V8's code caches for the bundle.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * The bundle compiled and run as bin/papers.cjs runs it (the same wrapper, file name and Latin-1
 * text, or V8 would refuse the cache): the CLI's exports, and the script whose code is cached.
 */
export function runBundle(file) {
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'latin1')), { filename: file });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  return { cli: mod.exports, script };
}

/** Runs each argv through the CLI on `db` (its folder as the XDG homes), output thrown away; `failed` hears of any that did not exit 0. */
export async function rehearse(cli, db, runs, failed) {
  const quiet = { write: () => true, isTTY: false };
  const dir = path.dirname(db);
  const streams = { stdout: quiet, stderr: quiet, env: { XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir } };
  for (const argv of runs) {
    const code = await cli.main(['--db', db, ...argv], streams);
    if (code !== 0) failed(argv, code);
  }
}

/** Saves the code V8 has compiled for `script`, after the SHA-1 of the bundle it was made for (bin/papers.cjs checks it). */
export function saveCache(out, bundleHash, script) {
  fs.writeFileSync(out, Buffer.concat([Buffer.from(bundleHash, 'latin1'), script.createCachedData()]));
}
