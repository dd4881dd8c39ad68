import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from './errors.js';

/** Settings a user may keep in config.yaml; every one is optional. */
export interface ConfigFile {
  db?: string;
  format?: string;
  color?: string;
  limit?: number;
}

export interface Setting<T> {
  value: T;
  /** Where the value came from, for `papers info` / `papers config`. */
  from: string;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'papers', 'config.yaml');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'papers', 'papers.db');
}

let cached: { file: string; config: ConfigFile } | undefined;

/**
 * Reads config.yaml when it exists. The yaml package is loaded only then, so the common case
 * (no config file) costs one failed stat at start-up.
 */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<{ file: string; config: ConfigFile }> {
  const file = configPath(env);
  if (cached?.file === file) return cached;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return (cached = { file, config: {} });
  }
  const { parse } = await import('yaml');
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    const line = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new UserError(`${file}${line ? `:${line}` : ''}: not valid YAML (${firstLine((err as Error).message)})`);
  }
  if (data === null || data === undefined) return (cached = { file, config: {} });
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(`${file}: expected settings as "key: value" lines`);
  }
  return (cached = { file, config: data as ConfigFile });
}

/** --db, then PAPERS_DB, then config.yaml, then the XDG data folder (docs/cli.md). */
export async function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Setting<string>> {
  if (flag) return { value: expandHome(flag), from: '--db' };
  if (env.PAPERS_DB) return { value: expandHome(env.PAPERS_DB), from: 'PAPERS_DB' };
  const { file, config } = await loadConfig(env);
  if (typeof config.db === 'string' && config.db) {
    // A relative db: in the config file means relative to that file, not to wherever papers runs.
    const p = expandHome(config.db);
    return { value: path.isAbsolute(p) ? p : path.resolve(path.dirname(file), p), from: file };
  }
  return { value: defaultDbPath(env), from: 'default' };
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
