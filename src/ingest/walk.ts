import fs from 'node:fs';
import path from 'node:path';

export interface FoundFile {
  /** The path as the user would write it: the argument, joined with the path below it. */
  path: string;
  size: number;
  mtimeMs: number;
}

export interface WalkResult {
  files: FoundFile[];
  /** Paths that could not be read at all, each with its reason; the rest is still ingested. */
  problems: { path: string; message: string; missing: boolean }[];
}

/** Names no listing lives in: version control and dependency folders, editor and OS litter. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules']);

/**
 * Expands the ingest arguments into files, folders walked recursively in sorted path order
 * (merging is order-dependent, so the order must not depend on the file system). Symlinked
 * folders are followed once: a loop is cut by remembering each real folder visited.
 */
export function findFiles(args: string[], exclude: string[] = []): WalkResult {
  const result: WalkResult = { files: [], problems: [] };
  const seenDirs = new Set<string>();
  const excluded = new Set(exclude.map(realPath));

  const visit = (p: string, top: boolean): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const missing = code === 'ENOENT' || code === 'ENOTDIR';
      // A dangling symlink deep in a folder is litter, not something the user asked for.
      if (!top && missing) return;
      const why = code === 'ELOOP' ? 'symlink loop' : missing ? 'no such file or folder' : `cannot read (${code})`;
      result.problems.push({ path: p, message: why, missing: missing && top });
      return;
    }
    if (st.isDirectory()) {
      const real = realPath(p);
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let names: string[];
      try {
        names = fs.readdirSync(p);
      } catch (err) {
        result.problems.push({ path: p, message: `cannot read folder (${(err as NodeJS.ErrnoException).code})`, missing: false });
        return;
      }
      names.sort();
      for (const name of names) {
        if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
        visit(path.join(p, name), false);
      }
    } else if (st.isFile()) {
      if (excluded.has(realPath(p))) return;
      result.files.push({ path: p, size: st.size, mtimeMs: Math.floor(st.mtimeMs) });
    } else if (top) {
      result.problems.push({ path: p, message: 'not a regular file or folder', missing: false });
    }
  };

  for (const arg of args) visit(arg, true);
  return result;
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
