import fs from 'node:fs';
import type { Context } from './context.js';
import { countPapers } from '../store/read.js';
import { SCHEMA_VERSION } from '../store/schema.js';

export async function run(ctx: Context, opts: { json?: boolean }): Promise<void> {
  const where = await ctx.dbPath();
  const exists = fs.existsSync(where.value);
  let papers = 0;
  let schema: number | null = null;
  if (exists) {
    const db = await ctx.open('read');
    papers = countPapers(db);
    schema = db.pragma('user_version', { simple: true }) as number;
  }
  // The WAL holds recent writes until a checkpoint: the corpus's real size includes it.
  const size = exists ? fileSize(where.value) + fileSize(`${where.value}-wal`) : 0;
  const info = { path: where.value, path_from: where.from, exists, papers, schema_version: schema, latest_schema_version: SCHEMA_VERSION, size_bytes: size };
  if (opts.json) {
    ctx.out.write(`${JSON.stringify(info, null, 2)}\n`);
    return;
  }
  const s = ctx.out.style;
  const rows: [string, string][] = [
    ['database', `${info.path}${where.from === 'default' ? '' : s.dim(`  (from ${where.from})`)}`],
    ['papers', exists ? String(papers) : s.dim('none yet (no database file)')],
    ['schema', schema === null ? '-' : `version ${schema}`],
    ['size', humanBytes(size)],
  ];
  ctx.out.write(rows.map(([k, v]) => `${k.padEnd(9)} ${v}\n`).join(''));
}

function fileSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
}

export function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
