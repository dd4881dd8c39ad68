import { createRequire } from 'node:module';

/**
 * For the CommonJS dependencies on the start-up path (commander, better-sqlite3). Imported from ESM,
 * Node first scans a CommonJS module's source for its export names; require() skips that scan, which
 * is about a tenth of every command's start-up (docs/benchmarks.md).
 */
export const requireCjs = createRequire(import.meta.url);
