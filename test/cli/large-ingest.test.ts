import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, json, papers, tempHome } from '../helpers/cli.js';
import { writePages, writeSyntheticPages } from '../helpers/faults.js';
import { tempDir } from '../helpers/temp-root.js';
import { ingestPaths, type IngestReport } from '../../src/ingest/ingest.js';
import { refreshVocabulary } from '../../src/store/fts.js';
import { openStore } from '../../src/store/open.js';

const AS_OF = '2025-01-01';

describe('a large ingest', () => {
  // 15,000 papers (20 MB of text): the CLI reads and parses in a second thread and copies its log
  // in a third (src/ingest/read-ahead.ts, src/store/checkpoints.ts). Run from source, ingestPaths has
  // neither script, so it does all of it in one thread: the two must store the very same papers.
  it('stores exactly what a one-thread ingest stores, warnings and all, and leaves no log to copy', async () => {
    const home = tempHome();
    const corpus = path.join(home.dir, 'corpus');
    writeSyntheticPages(corpus, 15_000, 500);
    // Files an ingest meets that are not plain listings, among the others.
    const first = path.join(corpus, 'listing-00000.txt');
    fs.writeFileSync(path.join(corpus, 'listing-00003-latin1.txt'), Buffer.from(fs.readFileSync(first, 'utf8').replace('the', 'thé'), 'latin1'));
    fs.writeFileSync(path.join(corpus, 'listing-00007.pdf'), '%PDF-1.7\n\0binary');
    fs.writeFileSync(path.join(corpus, 'listing-00011-broken.txt'), fs.readFileSync(first, 'utf8').replace(/\nNov 3\n/, '\nNov 3\n\nA title with nothing after it\n'));

    const cli = papers(['ingest', corpus, '--json', '--as-of', AS_OF], { env: home.env });
    expect(cli.code).toBe(1); // the PDF is skipped
    const cliReport = json<IngestReport>(cli);
    // Its last connection folded the log into the database: nothing is left to copy.
    expect(fs.existsSync(`${home.db}-wal`) ? fs.statSync(`${home.db}-wal`).size : 0).toBe(0);

    const inline = tempHome();
    const db = await openStore(inline.db);
    let report: IngestReport;
    try {
      report = await ingestPaths(db, [corpus], { asOf: AS_OF, asOfExplicit: true });
      refreshVocabulary(db);
    } finally {
      db.close();
    }
    expect(cliReport).toEqual(report);
    expect(report.inserted).toBeGreaterThanOrEqual(15_000);
    expect(report.warnings.map((w) => path.basename(w.file))).toEqual(expect.arrayContaining(['listing-00003-latin1.txt', 'listing-00007.pdf']));

    const exported = (env: NodeJS.ProcessEnv): string => {
      const r = papers(['export', '--format', 'jsonl'], { env });
      expect(r.code).toBe(0);
      return r.stdout;
    };
    const all = exported(home.env);
    expect(all.split('\n').filter(Boolean)).toHaveLength(report.inserted);
    expect(all).toEqual(exported(inline.env));
    // The same search, from the same vocabulary and indexes.
    const search = (env: NodeJS.ProcessEnv): string => papers(['search', 'continual lerning', '--json'], { env }).stdout;
    expect(search(home.env)).toEqual(search(inline.env));
  });

  // The same comparison in one process, with the parsing thread forced on for a small corpus and
  // the cases where the writer must not trust what the thread sent: a file named twice (planned
  // before its first ingest), files touched but unchanged (the thread hashes them and parses
  // nothing), and stdin among the files.
  it('with the parsing thread, files named twice, touched files and stdin give what one thread gives', async () => {
    const dir = tempDir('papers-ahead-ingest-');
    const pages = [...writePages(path.join(dir, 'pages'), 12).keys()];
    // The thread's script, wrapped to leave a mark: the test fails if the thread never ran.
    const marker = path.join(dir, 'thread-ran');
    const wrapper = path.join(dir, 'prepare-worker.cjs');
    fs.writeFileSync(wrapper, `require(${JSON.stringify(path.join(ROOT, 'dist/prepare-worker.js'))});\nrequire('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
    const threaded = { script: new URL(`file://${wrapper}`), threadFrom: 0 };
    const stdinText = fs.readFileSync(pages[3]!);
    const args = [pages[0]!, path.join(dir, 'pages'), pages[5]!, '-'];

    const run = async (readAhead?: typeof threaded): Promise<{ reports: IngestReport[]; exported: string }> => {
      const home = tempHome();
      const db = await openStore(home.db);
      const reports: IngestReport[] = [];
      try {
        const ingest = () => ingestPaths(db, args, { asOf: AS_OF, asOfExplicit: true, readAhead, readStdin: async () => stdinText });
        reports.push(await ingest());
        const later = new Date(Date.now() + 60_000);
        for (const page of pages) fs.utimesSync(page, later, later);
        reports.push(await ingest());
        refreshVocabulary(db);
      } finally {
        db.close();
      }
      return { reports, exported: papers(['export', '--format', 'jsonl'], { env: home.env }).stdout };
    };
    const one = await run();
    expect(fs.existsSync(marker)).toBe(false);
    const two = await run(threaded);
    expect(fs.existsSync(marker)).toBe(true);
    expect(two).toEqual(one);
    expect(one.reports[0]!.inserted).toBe(753);
    expect(one.reports[0]!.files_unchanged).toBe(2); // the two named again through the folder
    expect(one.reports[1]!.files_unchanged).toBe(14); // all, touched or not; stdin is read again
    expect(one.exported.split('\n').filter(Boolean)).toHaveLength(753);
  });
});
