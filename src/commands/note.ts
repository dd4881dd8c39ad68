import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from './context.js';
import { paperFromArg } from './paper-arg.js';
import { setNote } from '../store/annotations.js';
import { UsageError, UserError } from '../errors.js';

interface NoteOptions {
  edit?: boolean;
  clear?: boolean;
  json?: boolean;
}

/**
 * `papers note PAPER` prints the note; `papers note PAPER TEXT...` replaces it; `--edit` opens
 * $VISUAL/$EDITOR on it; `--clear` removes it. An empty note is no note.
 */
export async function run(ctx: Context, paperArg: string, words: string[], opts: NoteOptions): Promise<void> {
  const given = [words.length > 0, !!opts.edit, !!opts.clear].filter(Boolean).length;
  if (given > 1) throw new UsageError('give the note text, --edit or --clear, not more than one');
  const writing = given === 1;
  const db = await ctx.open(writing ? 'write' : 'read');
  const paper = await paperFromArg(ctx, db, paperArg);
  let note = paper.note;
  if (writing) {
    const text = opts.clear ? '' : opts.edit ? editText(ctx.streams.env, paper.note ?? '', paper.title) : words.join(' ');
    note = text.trim() === '' ? null : text.trim();
    setNote(db, paper.id, note);
    ctx.out.info(`#${paper.id}: note ${note === null ? 'cleared' : 'saved'} (${paper.title})`);
  }
  if (opts.json) ctx.out.write(`${JSON.stringify({ id: paper.id, title: paper.title, note }, null, 2)}\n`);
  else if (!writing && note !== null) ctx.out.write(`${note}\n`);
}

/** Runs the user's editor on a temporary file through the shell, so EDITOR="code --wait" works. */
function editText(env: NodeJS.ProcessEnv, current: string, title: string): string {
  const editor = env.VISUAL || env.EDITOR;
  if (!editor) throw new UsageError('--edit needs $VISUAL or $EDITOR set to your editor');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papers-note-'));
  const file = path.join(dir, `${title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40) || 'note'}.md`);
  try {
    fs.writeFileSync(file, current ? `${current}\n` : '');
    const r = spawnSync('sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit', env });
    if (r.error || r.status !== 0) {
      throw new UserError(`the editor '${editor}' failed (${r.error?.message ?? `exit ${r.status}`}); the note was not changed`);
    }
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
