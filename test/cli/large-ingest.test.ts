import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, papers, tempHome } from '../helpers/cli.js';
import { writeSyntheticPages } from '../helpers/faults.js';
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
});
