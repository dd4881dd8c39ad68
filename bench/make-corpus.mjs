#!/usr/bin/env node
// Writes a large, realistic corpus in the Hugging Face listing-text format, for benchmarks.
// Each synthetic paper splices two real 2024 papers (title halves, abstract sentences) from
// fixtures/hf-daily-papers-2024.json, so vocabulary and lengths are real; titles are unique.
// usage: node make-corpus.mjs N OUTDIR [PER_FILE=500]   (deterministic for a given N)
import fs from 'node:fs'; import path from 'node:path';
const here = path.dirname(new URL(import.meta.url).pathname);
const real = JSON.parse(fs.readFileSync(path.join(here, '../fixtures/hf-daily-papers-2024.json'), 'utf8'));
const [n, out, perFileArg] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
if (!n || !out) { console.error('usage: make-corpus.mjs N OUTDIR [PER_FILE]'); process.exit(2); }
const perFile = Number(perFileArg || 500);
fs.mkdirSync(out, { recursive: true });
const M = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HEADER = 'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nNov 3\n\n';
let buf = HEADER, file = 0;
for (let i = 0; i < n; i++) {
  const a = real[i % real.length], b = real[(i * 7 + 3) % real.length];
  const ta = a.title.split(' '), tb = b.title.split(' ');
  const title = [...ta.slice(0, Math.ceil(ta.length / 2)), ...tb.slice(Math.ceil(tb.length / 2))].join(' ') + (i >= real.length ? ` (${i.toString(36)})` : '');
  const sa = a.abstract.split('. '), sb = b.abstract.split('. ');
  const abstract = [...sa.slice(0, Math.ceil(sa.length / 2)), ...sb.slice(Math.ceil(sb.length / 2))].join('. ');
  const year = 2015 + (i % 11), month = (i * 5) % 12, day = 1 + (i % 28);
  const meta = i % 11 === 0 ? 'tencent Tencent' : `  • ${1 + (i % 23)} authors`;
  const up = i % 3 === 0 ? ` ${i % 97}` : '';
  buf += `${title}\n\n${abstract}\n\n${meta}\n·\n${M[month]} ${day}, ${year}${up}\n\n`;
  if ((i + 1) % perFile === 0 || i === n - 1) {
    fs.writeFileSync(path.join(out, `listing-${String(file++).padStart(5, '0')}.txt`), buf);
    buf = HEADER;
  }
}
console.error(`wrote ${n} papers in ${file} files to ${out}`);
