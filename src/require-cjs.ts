import { createRequire } from 'node:module';

/**
 * Loads a dependency synchronously on first use (better-sqlite3 when a database is opened, yaml when a
 * YAML backup is read), from source written as ES modules: `await import()` would make the caller
 * async, and a static import would load it on every command's start-up.
 */
export const requireCjs = createRequire(import.meta.url);
