import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    papersTestTmp: string;
  }
}

/**
 * vitest's global setup: one folder for every temp folder of the run, removed when the run ends, so
 * test runs do not fill /tmp. Readable by all (0755), like /tmp itself: some tests run the CLI as the
 * unprivileged user `nobody`, which must reach their files. Test files get it with inject().
 */
export default function setup(project: TestProject): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'papers-tests-'));
  fs.chmodSync(root, 0o755);
  project.provide('papersTestTmp', root);
  return () => {
    // Tests leave read-only and unreadable folders behind on purpose: open them up so they can go.
    const openUp = (p: string): void => {
      try {
        fs.chmodSync(p, 0o755);
        if (fs.lstatSync(p).isDirectory()) for (const name of fs.readdirSync(p)) openUp(path.join(p, name));
      } catch {
        // a file we cannot change is still removed below if its folder can be written
      }
    };
    openUp(root);
    fs.rmSync(root, { recursive: true, force: true });
  };
}

/** A new empty folder for one test, inside the run's folder. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(inject('papersTestTmp'), prefix));
}
