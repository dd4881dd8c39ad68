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

export type SettingName = 'db' | 'format' | 'color' | 'limit';

/** The defaults a user can change, and what a setting is when nobody did. */
export const DEFAULTS: Record<Exclude<SettingName, 'db'>, string> = {
  format: 'table on a terminal, plain text in a pipe',
  color: 'auto',
  limit: '50 for list on a terminal (all in a pipe), 10 for search and similar',
};

const ENV: Record<Exclude<SettingName, 'db'>, string> = { format: 'PAPERS_FORMAT', color: 'PAPERS_COLOR', limit: 'PAPERS_LIMIT' };
const COLORS = ['auto', 'always', 'never'];
/** The formats a default may name: every read command's (docs/cli.md). Kept here so start-up loads no output module. */
const FORMATS = ['table', 'json', 'jsonl', 'csv', 'tsv', 'yaml', 'bibtex', 'markdown'];

/**
 * A default format, colour or limit: env, then config.yaml, else undefined (the built-in
 * default). Flags win over both; the caller checks them first. Bad values are refused with
 * where they came from, so a typo in config.yaml is found at once.
 */
export async function settingDefault(name: Exclude<SettingName, 'db'>, env: NodeJS.ProcessEnv = process.env): Promise<Setting<string> | undefined> {
  const fromEnv = env[ENV[name]];
  if (fromEnv) return { value: checkSetting(name, fromEnv, ENV[name]), from: ENV[name] };
  const { file, config } = await loadConfig(env);
  const raw = config[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  return { value: checkSetting(name, String(raw), file), from: file };
}

function checkSetting(name: Exclude<SettingName, 'db'>, value: string, from: string): string {
  const v = value.trim().toLowerCase();
  const ok = name === 'format' ? FORMATS.includes(v) : name === 'color' ? COLORS.includes(v) : /^[1-9]\d*$/.test(v);
  if (!ok) {
    const want = name === 'format' ? FORMATS.join(', ') : name === 'color' ? COLORS.join(', ') : 'a whole number from 1';
    throw new UserError(`${from}: ${name} must be ${name === 'limit' ? want : `one of ${want}`} (got '${value}')`, 2);
  }
  return v;
}

/** What the preAction hook needs of a commander command: read and set option values with their source. */
interface OptionHolder {
  name(): string;
  opts(): Record<string, unknown>;
  options: readonly { attributeName(): string }[];
  getOptionValueSource(key: string): string | undefined;
  setOptionValueWithSource(key: string, value: unknown, source: 'config' | 'env' | 'default' | 'cli'): unknown;
}

/** The commands whose --format is an output format a configured default applies to. */
const READ_COMMANDS = new Set(['list', 'search', 'show', 'similar']);

/**
 * Fills in the options a user left out from env and config.yaml, before the command runs, so every
 * command sees one set of options and never reads the config itself. Flags > env > config > defaults.
 */
export async function applyDefaults(program: OptionHolder, command: OptionHolder, env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): Promise<void> {
  const has = (c: OptionHolder, key: string): boolean => c.options.some((o) => o.attributeName() === key);
  const set = (c: OptionHolder, key: string, s: Setting<string>): void => {
    c.setOptionValueWithSource(key, s.value, s.from.startsWith('PAPERS_') ? 'env' : 'config');
  };
  if (program.getOptionValueSource('color') === 'default') {
    const color = await settingDefault('color', env);
    if (color) set(program, 'color', color);
  }
  const opts = command.opts();
  // Only the read commands: export's default (json) is part of the contract, and ingest's --format
  // names a source kind, not an output format.
  if (READ_COMMANDS.has(command.name()) && has(command, 'format') && opts.format === undefined && !opts.json) {
    const format = await settingDefault('format', env);
    if (format) set(command, 'format', format);
  }
  // list in a pipe shows everything: a configured limit would cut data silently.
  const limited = ['search', 'similar'].includes(command.name()) || (command.name() === 'list' && stdoutIsTTY);
  if (limited && has(command, 'limit') && opts.limit === undefined) {
    const limit = await settingDefault('limit', env);
    if (limit) set(command, 'limit', limit);
  }
}
