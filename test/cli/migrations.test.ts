/**
 * Databases made by every earlier schema version open with the current code: upgraded in a
 * transaction, their papers kept. Written over MIGRATIONS, so a migration appended later is
 * covered without touching this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SEED, json, papers, tempHome } from '../helpers/cli.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/schema.js';
import { titleKey } from '../../src/store/identity.js';
import type { Paper } from '../../src/model.js';

const SAMPLE = {
  title: 'A Sample Paper Kept Across Schema Upgrades',
  abstract: 'Stored by an older papers, read by this one.',
  authors: 3,
  author_names: '["Ada Lovelace","Alan Turing","Grace Hopper"]',
  arxiv_id: '2401.00001',
  organization: null,
  org_handle: null,
  published: '2024-01-02',
  year_inferred: 0,
  upvotes: 17,
  note: 'my note, written long ago',
  added_at: '2024-01-03T00:00:00.000Z',
  updated_at: '2024-01-03T00:00:00.000Z',
};

/** A value of the declared type, for a NOT NULL column this test does not know about. */
function filler(type: string): unknown {
  return /INT/i.test(type) ? 0 : /REAL|FLOA|DOUB/i.test(type) ? 0.0 : '';
}

/** A database as papers at schema version `v` left it, holding the sample paper with a tag and a source. */
function databaseAt(file: string, v: number): void {
  const db = new Database(file);
  for (let i = 0; i < v; i++) db.exec(MIGRATIONS[i]!);
  db.pragma(`user_version = ${v}`);
  if (v > 0) {
    const cols = db.prepare('PRAGMA table_info(papers)').all() as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[];
    const known: Record<string, unknown> = { ...SAMPLE, title_key: titleKey(SAMPLE.title) };
    const values: Record<string, unknown> = {};
    for (const c of cols) {
      if (c.pk) continue;
      if (c.name in known) values[c.name] = known[c.name];
      else if (c.notnull && c.dflt_value === null) values[c.name] = filler(c.type);
    }
    const names = Object.keys(values);
    const id = db.prepare(`INSERT INTO papers (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(values).lastInsertRowid;
    db.prepare('INSERT INTO paper_tags (paper_id, tag) VALUES (?, ?)').run(id, 'classic');
    db.prepare('INSERT INTO paper_sources (paper_id, file, line) VALUES (?, ?, ?)').run(id, 'old/listing.txt', 7);
  }
  db.close();
}

/** The last object migration `m` creates (or column it adds), to plant a clash that makes it fail at its end. */
function lastCreated(sql: string): { kind: 'TABLE' | 'INDEX' | 'VIEW' | 'TRIGGER' | 'COLUMN'; name: string; table?: string } | null {
  const found: { at: number; kind: string; name: string; table?: string }[] = [];
  for (const m of sql.matchAll(/CREATE\s+(?:UNIQUE\s+)?(?:VIRTUAL\s+)?(TABLE|INDEX|VIEW|TRIGGER)\s+(?!IF\s+NOT\s+EXISTS)["`]?(\w+)/gi)) {
    found.push({ at: m.index, kind: m[1]!.toUpperCase(), name: m[2]! });
  }
  for (const m of sql.matchAll(/ALTER\s+TABLE\s+["`]?(\w+)["`]?\s+ADD\s+(?:COLUMN\s+)?["`]?(\w+)/gi)) {
    found.push({ at: m.index, kind: 'COLUMN', name: m[2]!, table: m[1]! });
  }
  const last = found.sort((a, b) => a.at - b.at).at(-1);
  return last ? (last as ReturnType<typeof lastCreated>) : null;
}

function plantClash(file: string, clash: NonNullable<ReturnType<typeof lastCreated>>): void {
  const db = new Database(file);
  if (clash.kind === 'COLUMN') db.exec(`ALTER TABLE ${clash.table} ADD COLUMN ${clash.name} TEXT`);
  else if (clash.kind === 'TRIGGER') db.exec(`CREATE TRIGGER ${clash.name} AFTER INSERT ON paper_tags BEGIN SELECT 1; END`);
  else db.exec(`CREATE TABLE ${clash.name} (x)`);
  db.close();
}

function schemaOf(file: string): { version: number; objects: string[]; integrity: string } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      objects: (db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all() as { type: string; name: string; sql: string }[]).map(
        (o) => `${o.type} ${o.name}: ${o.sql}`,
      ),
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('schema migrations', () => {
  it('a read command on an older database upgrades it first, then reads', () => {
    const { dir, env } = tempHome();
    const file = path.join(dir, 'old.db');
    databaseAt(file, SCHEMA_VERSION - 1);
    const r = papers(['--db', file, 'list', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(json<Paper[]>(r).map((p) => p.title)).toEqual([SAMPLE.title]);
    expect(schemaOf(file).version).toBe(SCHEMA_VERSION);
  });

  it('a new database is made with 16 KiB pages; an existing one keeps its own through an upgrade', () => {
    const { dir, env } = tempHome();
    const pageSize = (file: string): number => {
      const db = new Database(file, { readonly: true });
      try {
        return db.pragma('page_size', { simple: true }) as number;
      } finally {
        db.close();
      }
    };
    const fresh = path.join(dir, 'new.db');
    expect(papers(['--db', fresh, 'ingest', SEED, '--as-of', '2025-11-27'], { env }).code).toBe(0);
    expect(pageSize(fresh)).toBe(16384);
    const old = path.join(dir, 'old.db');
    databaseAt(old, SCHEMA_VERSION - 1);
    const before = pageSize(old);
    expect(before).not.toBe(16384);
    expect(papers(['--db', old, 'ingest', SEED, '--as-of', '2025-11-27'], { env }).code).toBe(0);
    expect(pageSize(old)).toBe(before);
    expect(schemaOf(old).integrity).toBe('ok');
  });

  it('a version 3 database whose index triggers a bulk loader dropped still upgrades, and its papers are found', () => {
    const { dir, env } = tempHome();
    const file = path.join(dir, 'v3.db');
    databaseAt(file, 3);
    const db = new Database(file);
    db.exec('DROP TRIGGER papers_fts_insert; DROP TRIGGER titles_fts_insert; DROP TRIGGER search_terms_pending_insert');
    db.close();

    const r = papers(['--db', file, 'ingest', SEED, '--as-of', '2025-11-27'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(schemaOf(file)).toMatchObject({ version: SCHEMA_VERSION, integrity: 'ok' });
    const found = json<Paper[]>(papers(['--db', file, 'search', 'Sample Paper Kept', '--json'], { env }));
    expect(found.map((p) => p.id)).toContain(1);
  });

  for (let v = 0; v < SCHEMA_VERSION; v++) {
    it(`a database at version ${v} upgrades to ${SCHEMA_VERSION} and keeps its papers`, () => {
      const { dir, env } = tempHome();
      const file = path.join(dir, `v${v}.db`);
      databaseAt(file, v);

      const r = papers(['--db', file, 'ingest', SEED, '--as-of', '2025-11-27'], { env });
      expect(r.code, r.stderr).toBe(0);
      const after = schemaOf(file);
      expect(after.version).toBe(SCHEMA_VERSION);
      expect(after.integrity).toBe('ok');
      const all = json<Paper[]>(papers(['--db', file, 'export', '--format', 'json'], { env }));
      expect(all).toHaveLength(63 + (v > 0 ? 1 : 0));
      if (v > 0) {
        const kept = json<Paper>(papers(['--db', file, 'show', SAMPLE.title, '--json'], { env }));
        expect(kept).toMatchObject({
          id: 1,
          title: SAMPLE.title,
          abstract: SAMPLE.abstract,
          authors: 3,
          author_names: JSON.parse(SAMPLE.author_names),
          arxiv_id: SAMPLE.arxiv_id,
          published: SAMPLE.published,
          upvotes: 17,
          tags: ['classic'],
          note: SAMPLE.note,
          sources: [{ file: 'old/listing.txt', line: 7 }],
        });
        // The upgraded full-text index covers papers stored before the upgrade.
        const found = json<Paper[]>(papers(['--db', file, 'search', 'Sample Paper Kept', '--json'], { env }));
        expect(found.map((p) => p.id)).toContain(1);
      }
    });

    const clash = lastCreated(MIGRATIONS[v]!);
    // Version 0 with a planted table is someone else's database, refused before any migration.
    it.skipIf(v === 0 || clash === null)(`a migration from version ${v} that fails half way changes nothing`, () => {
      const { dir, env } = tempHome();
      const file = path.join(dir, `v${v}.db`);
      databaseAt(file, v);
      plantClash(file, clash!);
      const before = schemaOf(file);

      const r = papers(['--db', file, 'ingest', SEED, '--as-of', '2025-11-27'], { env });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^papers: cannot use database .*${clash!.name}`))]);
      expect(schemaOf(file)).toEqual(before);
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT title FROM papers').all()).toEqual([{ title: SAMPLE.title }]);
      db.close();
      expect(fs.existsSync(file)).toBe(true);
    });
  }
});
