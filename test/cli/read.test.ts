import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import SQLite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, SEED, json, papers, papersTTY, tempHome } from '../helpers/cli.js';
import type { Paper } from '../../src/model.js';

const ANSI = /\x1b\[[0-9;]*m/;
let env: NodeJS.ProcessEnv;
let dir: string;

beforeAll(() => {
  ({ env, dir } = tempHome());
  const r = papers(['ingest', SEED, '--as-of', '2025-11-27'], { env });
  expect(r.code).toBe(0);
});

describe('papers list', () => {
  it('piped: plain, colourless, one paper a line, id first, all papers', () => {
    const r = papers(['list'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(63);
    for (const line of lines) expect(line).toMatch(/^\d+\t(\d{4}-\d{2}-\d{2}|-)\t\d+\t\S/);
    expect(r.stderr).toBe('');
  });

  it('--json gives the contract shape', () => {
    const all = json<Paper[]>(papers(['list', '--json'], { env }));
    const chase = all.find((p) => p.title.startsWith('CHASE'))!;
    expect(Object.keys(chase)).toEqual([
      'id', 'title', 'abstract', 'authors', 'author_names', 'arxiv_id', 'organization', 'org_handle',
      'published', 'year_inferred', 'upvotes', 'tags', 'note', 'sources',
    ]);
    expect(chase).toMatchObject({ organization: 'Sun Yat-Sen University', org_handle: 'SunYatsen', authors: null, published: '2024-10-09', year_inferred: false });
    expect(chase.sources[0]!.file).toMatch(/seeds\/000_64d1eb580072be36\.txt$/);
  });

  it('filters and sorts', () => {
    const by = (args: string[]) => json<Paper[]>(papers(['list', '--json', ...args], { env }));
    const y2024 = by(['--year', '2024']);
    expect(y2024.length).toBeGreaterThan(0);
    expect(y2024.every((p) => p.published!.startsWith('2024-'))).toBe(true);
    expect(by(['--org', 'tencent']).map((p) => p.title)).toEqual(['Training-Free Group Relative Policy Optimization']);
    const top = by(['--sort', 'upvotes', '--limit', '3']);
    expect(top.map((p) => p.upvotes)).toEqual([53, 4, 2]);
    const since = by(['--since', '2024-01-01', '--until', '2024-12-31', '--sort', 'published', '--asc']);
    expect(since.map((p) => p.published)).toEqual([...since.map((p) => p.published)].sort());
    expect(since).toHaveLength(y2024.length);
    expect(by(['--min-upvotes', '2']).every((p) => p.upvotes >= 2)).toBe(true);
    const titles = by(['--sort', 'title']).map((p) => p.title.toLowerCase());
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en')));
    expect(by(['--sort', 'added', '--asc', '--limit', '2', '--offset', '1']).map((p) => p.id)).toEqual([2, 3]);
  });

  it('every read format is machine-readable', () => {
    const csv = papers(['list', '--format', 'csv'], { env }).stdout;
    expect(csv.split('\r\n')[0]).toBe('id,title,abstract,authors,author_names,arxiv_id,organization,org_handle,published,year_inferred,upvotes,tags,note,sources');
    const jsonl = papers(['list', '--format', 'jsonl'], { env }).stdout.trim().split('\n').map((l) => JSON.parse(l) as Paper);
    expect(jsonl).toHaveLength(63);
    const tsv = papers(['list', '--format', 'tsv'], { env }).stdout.trim().split('\n');
    expect(tsv[0]!.split('\t')[0]).toBe('id');
    expect(tsv).toHaveLength(64);
    const yaml = parseYaml(papers(['list', '--format', 'yaml'], { env }).stdout) as Paper[];
    expect(yaml).toEqual(jsonl);
  });

  it('on a terminal: a table with colour, a screenful at most; NO_COLOR and --color never turn colour off', () => {
    const r = papersTTY(['list', '--limit', '5'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(ANSI);
    expect(r.stdout).toMatch(/┌/);
    const plain = papersTTY(['list', '--limit', '5'], { env: { ...env, NO_COLOR: '1' } });
    expect(plain.stdout).toMatch(/┌/);
    expect(plain.stdout).not.toMatch(ANSI);
    expect(papersTTY(['list', '--limit', '5', '--color', 'never'], { env }).stdout).not.toMatch(ANSI);
    // Lines never run past the terminal's width.
    const narrow = papersTTY(['list', '--limit', '5', '--color', 'never'], { env, columns: 80 });
    for (const line of narrow.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('--color always colours piped output', () => {
    expect(papers(['list', '--color', 'always', '--format', 'table', '--limit', '2'], { env }).stdout).toMatch(ANSI);
  });
});

describe('papers search', () => {
  it('ranks title matches first', () => {
    const results = json<(Paper & { score: number })[]>(papers(['search', 'continual learning', '--json'], { env }));
    expect(results.length).toBeGreaterThan(3);
    expect(results.length).toBeLessThanOrEqual(10);
    expect(results[0]!.title).toMatch(/continual/i);
    expect(results.slice(0, 3).every((p) => /continual/i.test(p.title))).toBe(true);
    const scores = results.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('never breaks on punctuation or odd input', () => {
    for (const q of ['C++', '"', '*', '(', 'GPT-4.5', 'title:', 'NOT', 'a AND OR', "'", '^', '']) {
      const r = papers(['search', q, '--json'], { env });
      expect(r.code, `query ${JSON.stringify(q)}: ${r.stderr}`).toBe(0);
      expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
    }
  });

  it('takes the list filters', () => {
    const results = json<Paper[]>(papers(['search', 'learning', '--year', '2023', '--limit', '50', '--json'], { env }));
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((p) => p.published!.startsWith('2023'))).toBe(true);
  });
});

describe('papers show', () => {
  it('resolves by id, exact title, unique prefix, and a clearly best fuzzy match', () => {
    const byPrefix = json<Paper>(papers(['show', 'Sharing is Caring', '--json'], { env }));
    expect(byPrefix.title).toBe('Sharing is Caring: Efficient LM Post-Training with Collective RL Experience Sharing');
    expect(json<Paper>(papers(['show', String(byPrefix.id), '--json'], { env })).id).toBe(byPrefix.id);
    expect(json<Paper>(papers(['show', 'sharing is caring efficient lm post training with collective rl experience sharing', '--json'], { env })).id).toBe(byPrefix.id);
    expect(json<Paper>(papers(['show', 'Sharng is Carring Efficent LM post-traning', '--json'], { env })).id).toBe(byPrefix.id);
    expect(json<Paper>(papers(['show', 'sharing is carring', '--json'], { env })).id).toBe(byPrefix.id);
    // Unquoted words are one title.
    expect(json<Paper>(papers(['show', 'Sharing', 'is', 'Caring', '--json'], { env })).id).toBe(byPrefix.id);
  });

  it('plain text piped, a card on a terminal', () => {
    const r = papers(['show', 'CHASE'], { env });
    expect(r.stdout.split('\n')[0]).toBe('CHASE: Learning Convex Hull Adaptive Shift for Skeleton-based Multi-Entity Action Recognition');
    expect(r.stdout).toMatch(/Sun Yat-Sen University/);
    expect(r.stdout).not.toMatch(ANSI);
    expect(papersTTY(['show', 'CHASE'], { env }).stdout).toMatch(ANSI);
  });

  it('ambiguous: exit 1 and the candidates on stderr', () => {
    const r = papers(['show', 'Learning'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/matches more than one paper/);
    expect(r.stderr).toMatch(/Learning Enriched Features for Real Image Restoration and Enhancement/);
  });

  it('not found: exit 1, one line', () => {
    const r = papers(['show', 'zzzz qqqq xxxx'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(papers(['show', '99999'], { env }).code).toBe(1);
  });
});

describe('papers export', () => {
  it('json (default), jsonl, csv and yaml carry every paper', () => {
    const asJson = json<Paper[]>(papers(['export'], { env }));
    expect(asJson).toHaveLength(63);
    expect(asJson.map((p) => p.id)).toEqual([...asJson.map((p) => p.id)].sort((a, b) => a - b));
    const jsonl = papers(['export', '--format', 'jsonl'], { env }).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(jsonl).toEqual(asJson);
    expect(parseYaml(papers(['export', '--format', 'yaml'], { env }).stdout)).toEqual(asJson);
    const csv = papers(['export', '--format', 'csv'], { env }).stdout;
    expect(parseCsv(csv)).toHaveLength(64);
    const sharing = parseCsv(csv).find((row) => row[1]!.startsWith('Sharing is Caring'))!;
    expect(sharing[10]).toBe('53');
  });

  it('-o writes a file and says so on stderr', () => {
    const out = path.join(dir, 'out.csv');
    const r = papers(['export', '--format', 'csv', '-o', out], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/exported 63 papers/);
    expect(parseCsv(fs.readFileSync(out, 'utf8'))).toHaveLength(64);
  });

  it('a reader that goes away (| head) ends the export quietly with exit 0', () => {
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} export | head -c 20 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { env, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('exit=0');
    expect(r.stderr).toBe('');
    // Short outputs are written at the very end, after the reader may already have gone.
    for (const args of ['list', 'info', 'show 1', 'search learning']) {
      const short = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} ${args} | true; echo "exit=\${PIPESTATUS[0]}"`], { env, encoding: 'utf8' });
      expect(short.stdout.trim(), args).toBe('exit=0');
      expect(short.stderr, args).toBe('');
    }
  });

  it('an unknown format is a usage error', () => {
    const r = papers(['export', '--format', 'docx'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of json, jsonl, csv, yaml/);
  });
});

describe('papers info and the database location', () => {
  it('info prints path, count, schema and size', () => {
    const info = json<{ path: string; papers: number; schema_version: number; size_bytes: number }>(papers(['info', '--json'], { env }));
    expect(info).toMatchObject({ path: env.PAPERS_DB, papers: 63, schema_version: expect.any(Number) });
    expect(info.size_bytes).toBeGreaterThan(0);
    expect(papers(['info'], { env }).stdout).toMatch(/papers\s+63/);
  });

  it('counts the papers whether or not the full-text index holds them all', () => {
    const { env: own, db } = tempHome();
    expect(papers(['ingest', SEED, '-q'], { env: own }).code).toBe(0);
    const count = (): number => json<{ papers: number }>(papers(['info', '--json'], { env: own })).papers;
    expect(count()).toBe(63);
    // What a bulk loader that bypasses the store leaves: papers the index does not hold.
    const raw = new SQLite(db);
    raw.exec(`INSERT INTO papers (title_key, title, added_at, updated_at) VALUES ('loaded behind our back', 'Loaded Behind Our Back', 'x', 'x')`);
    raw.close();
    expect(count()).toBe(64);
  });

  it('--db goes before or after the command and beats PAPERS_DB; config.yaml is used otherwise', () => {
    const other = path.join(dir, 'other.db');
    expect(papers(['--db', other, 'ingest', SEED], { env }).code).toBe(0);
    expect(json<Paper[]>(papers(['list', '--json', '--db', other], { env }))).toHaveLength(63);
    const { env: fresh, dir: home } = tempHome();
    delete fresh.PAPERS_DB;
    fs.mkdirSync(path.join(home, 'config/papers'), { recursive: true });
    fs.writeFileSync(path.join(home, 'config/papers/config.yaml'), `db: ${other}\n`);
    expect(json<{ path: string }>(papers(['info', '--json'], { env: fresh })).path).toBe(other);
    fs.rmSync(path.join(home, 'config/papers/config.yaml'));
    expect(json<{ path: string }>(papers(['info', '--json'], { env: fresh })).path).toBe(path.join(home, 'data/papers/papers.db'));
  });

  it('a folder given as the database is a one-line error, not a stack trace', () => {
    for (const cmd of [['info'], ['list'], ['ingest', SEED]]) {
      const r = papers(['--db', dir, ...cmd], { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`papers: ${dir} is a folder: the database is a file, e.g. ${path.join(dir, 'papers.db')}\n`);
    }
  });

  it('a file that is not a database is refused and left untouched', () => {
    const notDb = path.join(dir, 'notes.txt');
    fs.writeFileSync(notDb, 'my notes\n');
    for (const cmd of [['ingest', SEED], ['list']]) {
      const r = papers(['--db', notDb, ...cmd], { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/not a papers database/);
    }
    expect(fs.readFileSync(notDb, 'utf8')).toBe('my notes\n');
  });
});

describe('exit codes', () => {
  it('2 for usage errors, 0 for help and version', () => {
    expect(papers(['frobnicate'], { env }).code).toBe(2);
    expect(papers(['list', '--bogus'], { env }).code).toBe(2);
    expect(papers(['list', '--limit', 'ten'], { env }).code).toBe(2);
    expect(papers(['list', '--sort', 'colour'], { env }).code).toBe(2);
    expect(papers(['list', '--since', '2024-13-01'], { env }).code).toBe(2);
    expect(papers([], { env }).code).toBe(2);
    const help = papers(['--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/ingest/);
    expect(papers(['--version'], { env }).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('the command run is found after the global options; help, suggestions and every command still work', () => {
    const db = env.PAPERS_DB!;
    // Only the command being run is defined at start-up: the rest must not notice.
    const typo = papers(['--color', 'never', '--db', db, 'lsit'], { env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean list\?/);
    const help = papers(['--db', db, 'search', '--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: papers search/m);
    expect(help.stdout).toMatch(/--limit/);
    expect(papers(['--db=' + db, '--color=never', 'list', '--limit', '1', '--json'], { env }).code).toBe(0);
    const all = papers(['help'], { env });
    for (const c of ['ingest', 'list', 'search', 'show', 'export', 'info', 'tag', 'note', 'stats', 'similar', 'completion', 'config']) {
      expect(all.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    }
  });

  it('0 for an empty result', () => {
    const r = papers(['list', '--year', '1999', '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

/** RFC 4180, enough to check the export: quoted fields with commas, quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}
