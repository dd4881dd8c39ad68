import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { prepareFile } from '../../src/ingest/prepare.js';
import { ReadAhead, type ReadPlan } from '../../src/ingest/read-ahead.js';
import type { FoundFile } from '../../src/ingest/walk.js';
import { ROOT } from '../helpers/cli.js';
import { writePages } from '../helpers/faults.js';
import { tempDir } from '../helpers/temp-root.js';

/** The thread's script as `npm run build` makes it (the tests run after a build). */
const SCRIPT = new URL(`file://${path.join(ROOT, 'dist/prepare-worker.js')}`);
const SETTINGS = { asOf: '2024-11-03' };

/** Real listing pages, and beside them the files an ingest meets that are not: Latin-1, binary, gone. */
function corpus(): FoundFile[] {
  const dir = tempDir('papers-ahead-');
  const pages = [...writePages(dir, 9).keys()];
  const latin1 = path.join(dir, 'latin1.txt');
  fs.writeFileSync(latin1, Buffer.from(fs.readFileSync(pages[0]!, 'utf8').replace('the', 'thé'), 'latin1'));
  const pdf = path.join(dir, 'paper.pdf');
  fs.writeFileSync(pdf, '%PDF-1.7\n\0\0binary');
  const files = [...pages.slice(0, 4), latin1, pdf, path.join(dir, 'gone.txt'), ...pages.slice(4)];
  return files.map((file) => {
    const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    return { path: file, size, mtimeMs: 0 };
  });
}

describe('ReadAhead', () => {
  it('prepares every file in a second thread exactly as the writer would prepare it itself', async () => {
    const files = corpus();
    const ahead = ReadAhead.start(files, () => null, SETTINGS, { script: SCRIPT, threadFrom: 0 });
    try {
      expect(ahead.threaded).toBe(true);
      for (const [i, file] of files.entries()) {
        expect(await ahead.take(i, null)).toEqual(prepareFile(file.path, null, SETTINGS));
      }
      // Still the thread's work, not a fallback to reading here.
      expect(ahead.threaded).toBe(true);
    } finally {
      ahead.close();
    }
    const parsed = files.map((f) => prepareFile(f.path, null, SETTINGS));
    expect(parsed.filter((p) => p.read && !p.same && p.text.ok && p.text.parsed.entries.length > 0)).toHaveLength(10);
  });

  it('does not read files planned as unchanged, and reads a file planned otherwise since it was sent again here', async () => {
    const files = corpus();
    const sha1 = (i: number): string => (prepareFile(files[i]!.path, null, SETTINGS) as { sha1: string }).sha1;
    const plans: ReadPlan[] = files.map((_, i) => (i === 1 ? 'skip' : null));
    const asked: string[] = [];
    const ahead = ReadAhead.start(files, (f) => (asked.push(f.path), plans[files.indexOf(f)]!), SETTINGS, { script: SCRIPT, threadFrom: 0 });
    try {
      expect(ahead.threaded).toBe(true);
      expect((await ahead.take(0, null)) as { same: boolean }).toMatchObject({ read: true, same: false });
      ahead.skip(1);
      // File 2 went to the thread to be parsed; the writer has since learnt it was ingested as it is.
      expect(await ahead.take(2, sha1(2))).toEqual({ read: true, sha1: sha1(2), size: files[2]!.size, same: true });
      expect(await ahead.take(3, null)).toEqual(prepareFile(files[3]!.path, null, SETTINGS));
    } finally {
      ahead.close();
    }
    // Planned ahead a few files at a time, not all at once.
    expect(asked.length).toBeLessThan(2 * files.length);
  });

  it('a thread that stops hands back nothing wrong: what it did not prepare is read here', async () => {
    const files = corpus();
    const ahead = ReadAhead.start(files, () => null, SETTINGS, { script: SCRIPT, threadFrom: 0 });
    expect(await ahead.take(0, null)).toEqual(prepareFile(files[0]!.path, null, SETTINGS));
    ahead.close(); // files 1-3 were sent and are now lost with the thread
    expect(ahead.threaded).toBe(false);
    for (let i = 1; i < files.length; i++) expect(await ahead.take(i, null)).toEqual(prepareFile(files[i]!.path, null, SETTINGS));
  });

  it('a closed thread leaves nothing to read: the files it was sent are read only if asked for', async () => {
    const files = corpus();
    const ahead = ReadAhead.start(files, () => null, SETTINGS, { script: SCRIPT, threadFrom: 0 });
    await ahead.take(0, null);
    const read = vi.spyOn(fs, 'readFileSync');
    try {
      ahead.close(); // as after Ctrl-C or a failure: files 1-3 were sent
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }
  });

  it('reads in the writer\'s own thread when there is little to read', async () => {
    const files = corpus();
    const ahead = ReadAhead.start(files, () => null, SETTINGS, { script: SCRIPT });
    expect(ahead.threaded).toBe(false);
    expect(await ahead.take(3, null)).toEqual(prepareFile(files[3]!.path, null, SETTINGS));
    const missing = ReadAhead.start(files, () => null, SETTINGS, { script: new URL('file:///nonexistent/worker.js'), threadFrom: 0 });
    expect(missing.threaded).toBe(false);
  });
});
