import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, expect } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { papers, tempHome } from '../helpers/cli.js';
import { toListingText, type ListingPaper } from '../helpers/listing.js';

/** A small corpus whose words were chosen to tell the rankings apart: each paper has a job. */
export const CORPUS: ListingPaper[] = [
  { title: 'Continual Learning for Large Language Models: A Survey', abstract: 'We review continual learning: how language models keep learning new tasks without forgetting old ones.', authors: 3, published: '2024-02-01', upvotes: 40 },
  { title: 'Continuous Normalizing Flows at Scale', abstract: 'Continuous-time flows trained with simulation-free objectives scale to images.', authors: 2, published: '2023-05-10', upvotes: 5 },
  { title: 'A Survey on Video Generation with Diffusion Models', abstract: 'Video generation has advanced quickly; we survey diffusion approaches to it.', authors: 6, published: '2024-03-03', upvotes: 12 },
  { title: 'Generation of Captions for Video Archives', abstract: 'We caption archival footage with a retrieval model.', authors: 2, published: '2022-07-07', upvotes: 1 },
  { title: 'GPT-4 Technical Report', abstract: 'We report the development of GPT-4, a large-scale multimodal model.', organization: 'OpenAI', orgHandle: 'openai', published: '2023-03-15', upvotes: 90 },
  { title: 'GPT-4.5 Is Here: Evaluating the Next Model', abstract: 'An evaluation of GPT-4.5 against GPT-4 and earlier models.', authors: 4, published: '2025-02-27', upvotes: 8 },
  { title: 'C++ Code Generation with Language Models', abstract: 'Language models write C++ programs that compile and pass tests.', authors: 5, published: '2024-06-01', upvotes: 3 },
  { title: 'Mixture-of-Experts Language Models Made Sparse', abstract: 'A sparse mixture of experts routes each token to two experts.', organization: 'Tencent', orgHandle: 'tencent', published: '2024-01-20', upvotes: 25 },
  { title: '3D Gaussian Splatting for Real-Time Rendering', abstract: 'Radiance fields rendered with anisotropic Gaussians in real time.', authors: 4, published: '2023-08-08', upvotes: 30 },
  { title: 'Text-to-Image Diffusion with Cross Attention Control', abstract: 'Editing images by controlling cross attention in a text-to-image diffusion model.', authors: 3, published: '2022-08-02', upvotes: 14 },
  { title: 'Sharing is Caring: Part One', abstract: 'Collective experience sharing for reinforcement learning.', authors: 2, published: '2025-01-01', upvotes: 2 },
  { title: 'Sharing is Caring: Part Two', abstract: 'More collective experience sharing for reinforcement learning.', authors: 2, published: '2025-01-02', upvotes: 2 },
  { title: 'Matryoshka Representation Learning', abstract: 'Nested embeddings whose prefixes are embeddings themselves.', authors: 7, published: '2022-05-26', upvotes: 19 },
];

/** A home whose database holds CORPUS, ingested as listing text through the built CLI. */
export function corpusHome(papersToIngest: ListingPaper[] = CORPUS): { dir: string; db: string; env: NodeJS.ProcessEnv } {
  const home = tempHome();
  const file = path.join(home.dir, 'listing.txt');
  fs.writeFileSync(file, toListingText(papersToIngest, { pageDate: '2025-11-27' }));
  const r = papers(['ingest', file, '--as-of', '2025-11-27', '--json'], { env: home.env });
  expect(r.code, r.stderr).toBe(0);
  return home;
}

export const titleOf = (i: number): string => CORPUS[i]!.title;

/** For a test file: CORPUS ingested once, its env for the CLI and the database open read-only. */
export function useCorpus(): { env: () => NodeJS.ProcessEnv; db: () => Database.Database } {
  let env: NodeJS.ProcessEnv;
  let db: Database.Database;
  beforeAll(async () => {
    const home = corpusHome();
    env = home.env;
    db = await openStore(home.db, { readonly: true });
  });
  afterAll(() => db.close());
  return { env: () => env, db: () => db };
}
