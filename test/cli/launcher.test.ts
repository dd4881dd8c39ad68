import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT, SEED, tempHome } from '../helpers/cli.js';

/**
 * A copy of the installed package (bin/, dist/, package.json; node_modules linked), in which
 * dist/cli.js.cache can be taken away or spoilt without touching the real build.
 */
function packageCopy(cache: 'kept' | 'missing' | 'spoilt' | 'stale' | 'edited' | 'other build'): string {
  const { dir } = tempHome();
  const copy = path.join(dir, 'pkg');
  fs.mkdirSync(copy);
  fs.cpSync(path.join(ROOT, 'bin'), path.join(copy, 'bin'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'dist'), path.join(copy, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const file = path.join(copy, 'dist/cli.js.cache');
  if (cache === 'missing') fs.rmSync(file);
  // Made for this bundle, but not V8's code: V8 must refuse it.
  if (cache === 'spoilt') fs.writeFileSync(file, Buffer.concat([fs.readFileSync(file).subarray(0, 40), Buffer.from('not V8 code')]));
  // A cache of another build, of a bundle as long as this one: V8 alone would take it.
  if (cache === 'other build') {
    const spoilt = fs.readFileSync(file);
    spoilt.write('0'.repeat(40), 0, 'latin1');
    fs.writeFileSync(file, spoilt);
  }
  // A cache made for other source: it must not be used.
  if (cache === 'stale') fs.appendFileSync(path.join(copy, 'dist/cli.js'), '\n// changed after the build\n');
  // Edited by hand after the build, its last line (the build's hash) kept: V8 must refuse the cache.
  if (cache === 'edited') {
    const bundle = path.join(copy, 'dist/cli.js');
    fs.writeFileSync(bundle, fs.readFileSync(bundle, 'utf8').replace(DESCRIPTION, EDITED));
  }
  return copy;
}

const { loadCli } = createRequire(import.meta.url)('../../bin/papers.cjs') as {
  loadCli: (file?: string, command?: string) => { cache: string; cacheFile?: string };
};

const DESCRIPTION = 'A local, searchable corpus of research paper listings.';
const EDITED = 'A local, searchable corpus of research paper listings, edited.';

describe('the launcher (bin/papers.cjs)', () => {
  it('runs the bundle as it is now, not as its cache remembers it', () => {
    const copy = packageCopy('edited');
    const help = spawnSync(process.execPath, [path.join(copy, 'bin/papers.cjs'), '--help'], { env: tempHome().env, encoding: 'utf8' });
    expect(help.stdout).toContain(EDITED);
    expect(spawnSync(process.execPath, [path.join(ROOT, 'bin/papers.cjs'), '--help'], { encoding: 'utf8' }).stdout).toContain(DESCRIPTION);
  });

  it('compiles the CLI from the code cache the build made, and from source when that cache does not fit', () => {
    expect(loadCli().cache).toBe('used');
    const cacheOf = (state: Parameters<typeof packageCopy>[0]): string => loadCli(path.join(packageCopy(state), 'dist/cli.js')).cache;
    expect(cacheOf('kept')).toBe('used');
    expect(cacheOf('missing')).toBe('missing');
    expect(cacheOf('spoilt')).toBe('refused');
    expect(cacheOf('stale')).toBe('stale');
    expect(cacheOf('edited')).toBe('refused');
    expect(cacheOf('other build')).toBe('stale');
  });

  it('gives a read command the smaller cache made for it alone, and the full one when that is missing', () => {
    const dist = path.join(ROOT, 'dist');
    for (const command of ['info', 'search', 'show', 'list', 'export']) {
      expect(loadCli(undefined, command)).toMatchObject({ cache: 'used', cacheFile: path.join(dist, `cli.js.${command}.cache`) });
      expect(fs.statSync(path.join(dist, `cli.js.${command}.cache`)).size).toBeLessThan(fs.statSync(path.join(dist, 'cli.js.cache')).size);
    }
    expect(loadCli(undefined, 'ingest')).toMatchObject({ cache: 'used', cacheFile: path.join(dist, 'cli.js.cache') });
    const copy = packageCopy('kept');
    fs.rmSync(path.join(copy, 'dist/cli.js.info.cache'));
    expect(loadCli(path.join(copy, 'dist/cli.js'), 'info')).toMatchObject({ cache: 'used', cacheFile: path.join(copy, 'dist/cli.js.cache') });
    // A command's cache of another build gives way to the full one; with the bundle changed, neither fits.
    const show = path.join(copy, 'dist/cli.js.show.cache');
    const other = fs.readFileSync(show);
    other.write('0'.repeat(40), 0, 'latin1');
    fs.writeFileSync(show, other);
    expect(loadCli(path.join(copy, 'dist/cli.js'), 'show')).toMatchObject({ cache: 'used', cacheFile: path.join(copy, 'dist/cli.js.cache') });
    fs.appendFileSync(path.join(copy, 'dist/cli.js'), '\n// changed after the build\n');
    expect(loadCli(path.join(copy, 'dist/cli.js'), 'show').cache).toBe('stale');
  });

  it('runs a bundle edited by hand with non-ASCII text in it as written (the build makes only ASCII ones)', () => {
    const copy = packageCopy('kept');
    const bundle = path.join(copy, 'dist/cli.js');
    fs.writeFileSync(bundle, fs.readFileSync(bundle, 'utf8').replace(DESCRIPTION, 'A local corpus → of listings, édité.'));
    const help = spawnSync(process.execPath, [path.join(copy, 'bin/papers.cjs'), '--help'], { env: tempHome().env, encoding: 'utf8' });
    expect(help.stdout).toContain('A local corpus → of listings, édité.');
  });

  it.each(['kept', 'missing', 'spoilt', 'stale'] as const)('runs the CLI whatever the state of its code cache: %s', (state) => {
    const copy = packageCopy(state);
    const home = tempHome();
    const run = (args: string[]) =>
      spawnSync(process.execPath, [path.join(copy, 'bin/papers.cjs'), ...args], { env: home.env, encoding: 'utf8' });
    const ingest = run(['ingest', SEED, '--as-of', '2025-11-27', '-q']);
    expect(ingest.status, ingest.stderr).toBe(0);
    const search = run(['search', 'continual learning', '--json']);
    expect(search.status, search.stderr).toBe(0);
    expect((JSON.parse(search.stdout) as { title: string }[])[0]!.title).toMatch(/continual learning/i);
    // A failure still maps to its exit code and one line.
    const missing = run(['show', '999999']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^papers: [^\n]+\n$/);
  });
});
