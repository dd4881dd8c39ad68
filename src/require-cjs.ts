import { createRequire } from 'node:module';

/**
 * Loads a dependency synchronously on first use (yaml, when the parser meets a YAML backup), from
 * source written as ES modules: `await import()` would make the synchronous caller async, and a
 * static import would load it on every command's start-up.
 */
export const requireCjs = createRequire(import.meta.url);
