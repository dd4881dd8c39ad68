import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED, papers, papersTTY, tempHome } from '../helpers/cli.js';
import { ProgressLine, formatProgress } from '../../src/output/progress.js';

describe('ingest progress', () => {
  it('draws files, papers, rate and time left', () => {
    const line = formatProgress({ done: 90, total: 200, papers: 45_000, elapsed: 5_000 });
    expect(line).toMatch(/^\[#{7}-{9}\]  90\/200 files · 45,000 papers · 9,000\/s · ETA 7s$/);
    expect(formatProgress({ done: 200, total: 200, papers: 100_000, elapsed: 125_000 })).not.toMatch(/ETA/);
    expect(formatProgress({ done: 1, total: 3000, papers: 500, elapsed: 2_000 })).toMatch(/ETA 1h39m/);
  });

  it('redraws at most every 100 ms, but always shows the last file', () => {
    let t = 0;
    const drawn: string[] = [];
    const p = new ProgressLine((s) => drawn.push(s), 120, () => t);
    for (const [at, done] of [[0, 1], [40, 2], [99, 3], [100, 4], [120, 5]] as const) {
      t = at;
      p.update(done, 5, done * 10);
    }
    expect(drawn.map((d) => /(\d)\/5 files/.exec(d)?.[1])).toEqual(['1', '4', '5']);
    p.clear();
    expect(drawn.at(-1)).toBe('\r\x1b[K');
  });

  it('names the work after the last file on the final count, and draws nothing before a file is done', () => {
    const drawn: string[] = [];
    let t = 0;
    const p = new ProgressLine((s) => drawn.push(s), 120, () => t);
    p.finishing('building indexes');
    expect(drawn).toEqual([]);
    t = 2_000;
    p.update(4, 4, 2_000);
    p.finishing('building indexes');
    expect(drawn.at(-1)).toBe('\r[################] 4/4 files · 2,000 papers · building indexes…\x1b[K');
    // An update the redraw limit skipped still counts for what follows.
    p.update(5, 6, 2_500);
    p.finishing('reading stdin');
    expect(drawn.at(-1)).toMatch(/ 5\/6 files · 2,500 papers · reading stdin…/);
  });

  it('cuts the line to the terminal width, taken as 80 columns when the terminal reports none', () => {
    const whole = '[################] 4/4 files · 2,000 papers';
    for (const [columns, shown] of [[30, '[################] 4/4 files '], [0, whole], [80, whole]] as const) {
      const drawn: string[] = [];
      const p = new ProgressLine((s) => drawn.push(s), columns, () => 0);
      p.update(4, 4, 2_000);
      expect(drawn).toEqual([`\r${shown}\x1b[K`]);
    }
  });

  it('shows on a terminal and never in a pipe', () => {
    const { env, dir } = tempHome();
    for (const name of ['a.txt', 'b.txt']) fs.copyFileSync(SEED, path.join(dir, name));
    const tty = papersTTY(['ingest', path.join(dir, 'a.txt'), path.join(dir, 'b.txt'), '--as-of', '2025-11-27'], { env });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toMatch(/\r\[#{16}\] 2\/2 files · 126 papers/);
    // A first ingest: its indexes are built, then the vocabulary learns the words, after the last file.
    expect(tty.stdout).toMatch(/2\/2 files · 126 papers[^\r]* · building indexes…/);
    expect(tty.stdout).toMatch(/2\/2 files · 126 papers[^\r]* · search vocabulary…/);
    expect(tty.stdout).toMatch(/2 files read \(hf-listing 2\), 63 inserted, 0 updated, 63 unchanged/);

    const piped = papers(['ingest', path.join(dir, 'a.txt'), '--as-of', '2025-11-27'], { env: tempHome().env });
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toMatch(/\r|files ·/);
  });
});
