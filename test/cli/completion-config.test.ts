import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED, json, papers, tempHome } from '../helpers/cli.js';

/** Every command papers --help lists, read from the help itself. */
function helpCommands(help: string): { name: string; description: string }[] {
  const section = help.split(/^Commands:\n/m)[1]!;
  return [...section.matchAll(/^ {2}(\w+)(?: \[options\])?(?: [<[][^\n]*?[>\]])*\s{2,}(\S[^\n]*)$/gm)].map((m) => ({ name: m[1]!, description: m[2]! }));
}

describe('papers --help and completion', () => {
  const { env } = tempHome();
  const help = papers(['--help'], { env }).stdout;

  it('--help lists every command with a one-line description, the new ones included', () => {
    const commands = helpCommands(help).map((c) => c.name);
    for (const c of ['tag', 'note', 'stats', 'similar', 'completion', 'config']) expect(commands).toContain(c);
  });

  it('completion bash is valid bash and completes commands, options and per-command formats', () => {
    const script = papers(['completion', 'bash'], { env }).stdout;
    const complete = (...words: string[]): string[] => {
      const r = spawnSync('bash', ['-c', `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _papers; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean);
    };
    expect(complete('papers', '').sort()).toEqual(expect.arrayContaining(helpCommands(help).map((c) => c.name).filter((c) => c !== 'help')));
    expect(complete('papers', 'list', '--for')).toEqual(['--format']);
    expect(complete('papers', 'list', '--format', '')).toEqual(['table', 'json', 'jsonl', 'csv', 'tsv', 'yaml', 'bibtex', 'markdown']);
    expect(complete('papers', '--db', 'x.db', 'export', '--format', '')).toEqual(['json', 'jsonl', 'csv', 'yaml', 'bibtex', 'markdown']);
    expect(complete('papers', 'list', '--sort', 'up')).toEqual(['upvotes']);
  });

  it('completion zsh and fish name every command; an unknown shell is a usage error', () => {
    for (const shell of ['zsh', 'fish']) {
      const script = papers(['completion', shell], { env }).stdout;
      for (const c of helpCommands(help)) if (c.name !== 'help') expect(script, `${shell}: ${c.name}`).toContain(c.name);
      expect(script).toContain('bibtex markdown');
    }
    const fish = papers(['completion', 'fish'], { env }).stdout;
    expect(fish).toMatch(/complete -c papers -n '__fish_seen_subcommand_from export' -l format -x -a 'json jsonl csv yaml bibtex markdown'/);
    const bad = papers(['completion', 'tcsh'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bash, zsh, fish/);
  });
});

describe('config', () => {
  const { env, dir } = tempHome();
  const file = path.join(env.XDG_CONFIG_HOME!, 'papers', 'config.yaml');
  beforeAll(() => {
    expect(papers(['ingest', SEED, '--as-of', '2026-11-27', '-q'], { env }).code).toBe(0);
  });
  const settings = (extra: NodeJS.ProcessEnv = {}, args: string[] = []) =>
    json<{ config_file: string; settings: Record<string, { value: string; from: string }> }>(papers([...args, 'config', '--json'], { env: { ...env, ...extra } }));

  it('shows each setting and where it came from: flags > env > config file > defaults', () => {
    const none = settings();
    expect(none.config_file).toBe(file);
    expect(none.settings.db).toEqual({ value: env.PAPERS_DB, from: 'PAPERS_DB' });
    expect(none.settings.format!.from).toBe('default');
    expect(none.settings.limit!.from).toBe('default');

    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'format: json\ncolor: never\nlimit: 3\n');
    const fromFile = settings();
    expect(fromFile.settings.format).toEqual({ value: 'json', from: file });
    expect(fromFile.settings.limit).toEqual({ value: '3', from: file });
    const fromEnv = settings({ PAPERS_LIMIT: '2', PAPERS_FORMAT: 'csv' }, ['--color', 'always', '--db', path.join(dir, 'other.db')]);
    expect(fromEnv.settings.limit).toEqual({ value: '2', from: 'PAPERS_LIMIT' });
    expect(fromEnv.settings.format).toEqual({ value: 'csv', from: 'PAPERS_FORMAT' });
    expect(fromEnv.settings.color).toEqual({ value: 'always', from: '--color' });
    expect(fromEnv.settings.db!.from).toBe('--db');
  });

  it('the configured defaults apply, and flags beat them; list in a pipe still shows everything', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'format: json\nlimit: 3\n');
    expect(json<unknown[]>(papers(['search', 'learning'], { env }))).toHaveLength(3);
    expect(papers(['search', 'learning', '--format', 'tsv', '--limit', '1'], { env }).stdout.trim().split('\n')).toHaveLength(2);
    const all = json<unknown[]>(papers(['list'], { env }));
    expect(all.length).toBeGreaterThan(3);
    expect(json<unknown[]>(papers(['export'], { env }))).toHaveLength(all.length);
    // ingest's --format is a source kind: a configured output format never reaches it.
    const ingest = papers(['ingest', SEED, '--as-of', '2025-11-27'], { env: { ...env, PAPERS_FORMAT: 'csv' } });
    expect(ingest.code, ingest.stderr).toBe(0);
  });

  it('a bad value in config.yaml is a one-line error naming the file', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'format: pdf\n');
    const r = papers(['list'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`papers: ${file}: format must be one of table, json, jsonl, csv, tsv, yaml, bibtex, markdown (got 'pdf')\n`);
  });
});
