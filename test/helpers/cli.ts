import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from './temp-root.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin/papers.cjs');
export const SEED = path.join(ROOT, 'seeds/000_64d1eb580072be36.txt');
export const FIXTURES = path.join(ROOT, 'fixtures');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A throwaway home for one test: its own database, config and data folders. */
export function tempHome(): { dir: string; db: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir('papers-test-');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_DATA_HOME: path.join(dir, 'data'),
    PAPERS_DB: path.join(dir, 'papers.db'),
  };
  return { dir, db: path.join(dir, 'papers.db'), env };
}

/** Runs the built CLI as a user would, stdout piped. */
export function papers(
  args: string[],
  opts: { env: NodeJS.ProcessEnv; input?: string | Buffer; cwd?: string; user?: { uid: number; gid: number } },
): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    ...opts.user,
    env: opts.env,
    input: opts.input ?? '',
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the built CLI on a pseudo-terminal (util-linux `script`): stdout and stderr arrive merged. */
export function papersTTY(args: string[], opts: { env: NodeJS.ProcessEnv; columns?: number }): RunResult {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const cols = opts.columns ?? 120;
  const r = spawnSync('script', ['-qefc', `stty cols ${cols} rows 50; ${quoted}`, '/dev/null'], {
    env: { ...opts.env, TERM: 'xterm-256color' },
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout.replaceAll('\r\n', '\n'), stderr: r.stderr };
}

/** Parses stdout as JSON, failing the test with the output when it is not JSON. */
export function json<T = unknown>(r: RunResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout.slice(0, 500)}\nstderr:\n${r.stderr.slice(0, 500)}`);
  }
}

const NOBODY = { uid: 65534, gid: 65534 };
let unprivileged: { uid: number; gid: number } | null | undefined;

/**
 * Tests run as root, where permissions stop nothing: the cases that need the file system to refuse
 * (a read-only database, an unreadable file) run the CLI as `nobody` instead. null when not root, or
 * when nobody cannot reach this checkout (a clone inside a private folder): those cases then skip.
 */
export function unprivilegedUser(): { uid: number; gid: number } | null {
  if (unprivileged !== undefined) return unprivileged;
  if (process.getuid?.() !== 0) return (unprivileged = null);
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)}, require('fs').constants.R_OK)`], NOBODY);
  return (unprivileged = probe.status === 0 ? NOBODY : null);
}
