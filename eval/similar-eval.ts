/**
 * How often `papers similar` puts a same-topic paper in its top 5, beside a plain tf-idf cosine
 * over title + abstract, on the 753 real papers of fixtures/hf-daily-papers-2024.json.
 *
 * The judgement: topics defined by distinctive title keywords, written down below before looking at
 * any ranking. A result counts when it shares a topic with the query paper. Titles are a stricter
 * judge than abstracts (an abstract mentions many things, a title says what the paper is), and both
 * methods see the title words, so neither is handed the answer. Queries: every paper in a topic.
 *
 * usage: npm run eval:similar
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/store/open.js';
import { storeRealPapers } from './store-real-papers.js';
import { iteratePapers } from '../src/store/read.js';
import { IndexStats, similarPapers } from '../src/search/similar.js';
import type { Paper } from '../src/model.js';
import { dataPapers } from '../test/parse/sources.js';

const TOPICS: Record<string, RegExp> = {
  '3d': /\b(3d|gaussian|splatting|radiance|nerf|text-to-3d|image-to-3d|mesh|multi-view|novel view|avatar)/i,
  video: /\b(video|text-to-video|animation|animate)/i,
  'image generation': /\b(text-to-image|image generation|image editing|personaliz|subject-driven|customiz|inpainting|image synthesis)/i,
  'speech and audio': /\b(speech|audio|music|voice|tts|sound|spoken)/i,
  code: /\b(code|coding|programming|software)\b/i,
  'math and reasoning': /\b(math|mathematical|reasoning|theorem|proof)/i,
  agents: /\b(agent|agents|web|gui|tool use|tool-use|mobile)\b/i,
  'state space models': /\b(mamba|state space|state-space|ssm)/i,
  'alignment and preferences': /\b(alignment|preference|rlhf|reward|human feedback|dpo)\b/i,
  'long context': /\b(long context|long-context|context window|context length|kv cache|million tokens)/i,
  'mixture of experts': /\b(mixture|experts|moe)\b/i,
  robotics: /\b(robot|robotic|robotics|manipulation|embodied)/i,
  multilingual: /\b(multilingual|translation|low-resource|cross-lingual)/i,
  'quantization and compression': /\b(quantiz|1-bit|bit|pruning|compression|sparsity|sparse)/i,
  'vision-language models': /\b(vision-language|multimodal large language|mllm|vlm|lvlm|visual instruction)/i,
  retrieval: /\b(retrieval|rag|retrieval-augmented|search)\b/i,
};

const K = 5;
const real = dataPapers;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papers-eval-'));
  const db = await openStore(path.join(dir, 'eval.db'));
  storeRealPapers(db, real);
  const papers = [...iteratePapers(db, { sort: 'added', dir: 'asc' })];
  const topics = new Map(papers.map((p) => [p.id, Object.keys(TOPICS).filter((t) => TOPICS[t]!.test(p.title))]));
  const queries = papers.filter((p) => topics.get(p.id)!.length > 0);
  const sameTopic = (a: number, b: number): boolean => topics.get(a)!.some((t) => topics.get(b)!.includes(t));
  const precision = (rank: (p: Paper) => number[]): number =>
    queries.reduce((sum, q) => sum + rank(q).slice(0, K).filter((id) => sameTopic(q.id, id)).length / K, 0) / queries.length;

  const baseline = tfidfCosine(papers);
  const stats = new IndexStats(db);
  const t0 = performance.now();
  const ours = precision((q) => similarPapers(db, q, { limit: K }, stats).map((p) => p.id));
  const oursMs = (performance.now() - t0) / queries.length;
  const t1 = performance.now();
  const base = precision((q) => baseline(q.id));
  const baseMs = (performance.now() - t1) / queries.length;

  console.log(`${papers.length} papers, ${queries.length} queries in ${Object.keys(TOPICS).length} title-keyword topics`);
  console.log(`same-topic share of the top ${K}:`);
  console.log(`  tf-idf cosine (title + abstract)   ${(100 * base).toFixed(1)}%   ${baseMs.toFixed(2)} ms/query (in memory)`);
  console.log(`  papers similar                     ${(100 * ours).toFixed(1)}%   ${oursMs.toFixed(2)} ms/query (SQLite)`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The baseline as scikit-learn's TfidfVectorizer defaults: words of 2+ chars, smooth idf, l2 norm, cosine. */
function tfidfCosine(papers: Paper[]): (id: number) => number[] {
  const docs = papers.map((p) => {
    const tf = new Map<string, number>();
    for (const w of `${p.title} ${p.abstract ?? ''}`.toLowerCase().match(/\b\w\w+\b/gu) ?? []) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { id: p.id, tf };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  const vectors = docs.map((d) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, tf] of d.tf) {
      const x = tf * (Math.log((1 + n) / (1 + df.get(w)!)) + 1);
      v.set(w, x);
      norm += x * x;
    }
    for (const [w, x] of v) v.set(w, x / Math.sqrt(norm));
    return { id: d.id, v };
  });
  return (id) => {
    const q = vectors.find((d) => d.id === id)!;
    return vectors
      .filter((d) => d.id !== id)
      .map((d) => {
        let s = 0;
        for (const [w, x] of q.v) s += x * (d.v.get(w) ?? 0);
        return { id: d.id, s };
      })
      .sort((a, b) => b.s - a.s || a.id - b.id)
      .map((d) => d.id);
  };
}

await main();
