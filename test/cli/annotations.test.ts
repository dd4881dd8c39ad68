import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED, json, papers, tempHome } from '../helpers/cli.js';
import type { Paper } from '../../src/model.js';

/** Tags and notes are the user's: only tag/note change them, and ingest never does. */
describe('tags and notes', () => {
  const home = tempHome();
  const env = home.env;
  let first: Paper;
  let second: Paper;

  beforeAll(() => {
    expect(papers(['ingest', SEED, '--as-of', '2026-11-27', '-q'], { env }).code).toBe(0);
    [first, second] = json<Paper[]>(papers(['list', '--sort', 'added', '--asc', '--limit', '2', '--json'], { env }));
  });

  it('tags a paper by id and by title, lists and filters by them, and removes them', () => {
    expect(papers(['tag', String(first.id), 'to-read', 'rl'], { env }).code).toBe(0);
    const byTitle = papers(['tag', second.title, 'to-read'], { env });
    expect(byTitle.code, byTitle.stderr).toBe(0);
    expect(byTitle.stderr).toContain('1 tag added');

    expect(papers(['tag', String(first.id)], { env }).stdout).toBe('rl\nto-read\n');
    expect(papers(['tag'], { env }).stdout).toBe('to-read\t2\nrl\t1\n');
    const tagged = json<Paper[]>(papers(['list', '--tag', 'to-read', '--json'], { env }));
    expect(tagged.map((p) => p.id).sort()).toEqual([first.id, second.id].sort());

    expect(papers(['tag', String(second.id), 'to-read', '--remove'], { env }).code).toBe(0);
    expect(json<Paper[]>(papers(['list', '--tag', 'to-read', '--json'], { env })).map((p) => p.id)).toEqual([first.id]);
  });

  it('refuses a tag with spaces and an unknown paper, changing nothing', () => {
    const bad = papers(['tag', String(first.id), 'two words'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/one word/);
    const missing = papers(['tag', 'no such paper title at all zzzz', 'x'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no paper matches/);
  });

  it('writes, prints, edits in $EDITOR and clears a note', () => {
    expect(papers(['note', String(first.id), 'read', 'section 3'], { env }).code).toBe(0);
    expect(papers(['note', String(first.id)], { env }).stdout).toBe('read section 3\n');

    // An editor that appends a line to the file it is given, as a user would.
    const editor = path.join(home.dir, 'editor.sh');
    fs.writeFileSync(editor, '#!/bin/sh\nprintf "and the appendix\\n" >> "$1"\n', { mode: 0o755 });
    const edited = papers(['note', String(first.id), '--edit'], { env: { ...env, EDITOR: editor } });
    expect(edited.code, edited.stderr).toBe(0);
    expect(json<{ note: string }>(papers(['note', String(first.id), '--json'], { env })).note).toBe('read section 3\nand the appendix');

    const failing = papers(['note', String(first.id), '--edit'], { env: { ...env, EDITOR: 'false' } });
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/editor 'false' failed.*not changed/);
    expect(papers(['note', String(first.id)], { env }).stdout).toBe('read section 3\nand the appendix\n');

    expect(papers(['note', String(second.id), 'temporary'], { env }).code).toBe(0);
    expect(papers(['note', String(second.id), '--clear'], { env }).code).toBe(0);
    expect(json<Paper>(papers(['show', String(second.id), '--json'], { env })).note).toBeNull();
  });

  it('survive re-ingesting the listing and travel in export; ingesting that export into a new database restores them', () => {
    // The same listing again, and a changed copy of it (new upvotes): neither touches tags or notes.
    const changed = fs.readFileSync(SEED, 'utf8').replace(/^Jun 5, 2024$/m, 'Jun 5, 2024 99');
    fs.writeFileSync(path.join(home.dir, 'changed.txt'), changed);
    const again = papers(['ingest', SEED, path.join(home.dir, 'changed.txt'), '--as-of', '2026-11-27', '--json'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(json<{ updated: number }>(again).updated).toBeGreaterThan(0);
    const after = json<Paper>(papers(['show', String(first.id), '--json'], { env }));
    expect(after.tags).toEqual(['rl', 'to-read']);
    expect(after.note).toBe('read section 3\nand the appendix');

    const exportFile = path.join(home.dir, 'backup.json');
    expect(papers(['export', '-o', exportFile], { env }).code).toBe(0);
    const exported = (JSON.parse(fs.readFileSync(exportFile, 'utf8')) as Paper[]).find((p) => p.id === first.id)!;
    expect({ tags: exported.tags, note: exported.note }).toEqual({ tags: after.tags, note: after.note });

    const fresh = { ...env, PAPERS_DB: path.join(home.dir, 'restored.db') };
    const restored = papers(['ingest', exportFile, '-q'], { env: fresh });
    expect(restored.code, restored.stderr).toBe(0);
    const back = json<Paper[]>(papers(['list', '--tag', 'rl', '--json'], { env: fresh }));
    expect(back.map((p) => [p.title, p.tags, p.note])).toEqual([[after.title, after.tags, after.note]]);
  });
});
