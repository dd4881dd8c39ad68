import type { Command, Option } from 'commander';
import type { Context } from './context.js';
import { UsageError } from '../errors.js';
import { EXPORT_FORMATS, READ_FORMATS } from '../output/formats.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

interface OptionSpec {
  names: string[];
  description: string;
  /** undefined: a flag; else what its value is: one of a list, a file, or free text. */
  values?: string[] | 'file' | 'text';
}

interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
}

/**
 * Prints a completion script. It is generated from the commander program itself, so a new
 * command, option or format is completed the day it is added.
 */
export async function run(ctx: Context, shell: string, _opts: unknown): Promise<void> {
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`completion: shell must be one of ${SHELLS.join(', ')} (got '${shell}')`);
  const { buildProgram } = await import('../cli.js');
  const program = buildProgram(() => ctx);
  const globals = program.options.map((o) => optionSpec(o, 'papers'));
  const commands = program.commands.map((c) => commandSpec(c));
  const script = shell === 'bash' ? bash(commands, globals) : shell === 'zsh' ? zsh(commands, globals) : fish(commands, globals);
  ctx.out.write(script);
}

/** Options whose value is a path. */
const FILE_OPTIONS = new Set(['db', 'output']);

const helpSpec: OptionSpec = { names: ['-h', '--help'], description: 'display help' };

function commandSpec(c: Command): CommandSpec {
  return { name: c.name(), description: c.description(), options: [...c.options.map((o) => optionSpec(o, c.name())), helpSpec] };
}

function optionSpec(o: Option, command: string): OptionSpec {
  const names = [o.short, o.long].filter((n): n is string => !!n);
  const spec: OptionSpec = { names, description: o.description };
  if (o.required || o.optional) {
    // --format's values are checked by the command (it lowercases), not by commander, so they are named here.
    const name = o.attributeName();
    spec.values =
      o.argChoices ?? (name === 'format' ? [...(command === 'export' ? EXPORT_FORMATS : READ_FORMATS)] : FILE_OPTIONS.has(name) ? 'file' : 'text');
  }
  return spec;
}

const words = (xs: string[]): string => xs.join(' ');

/**
 * One `case` arm per option that takes a value, matched against "COMMAND PREVIOUS-WORD": the same
 * flag may take other values in another command (export has no table format).
 */
function valueCases(commands: CommandSpec[], globals: OptionSpec[], indent: string, render: (values: OptionSpec['values']) => string): string {
  const arms = (pattern: string, options: OptionSpec[]): string[] =>
    options.filter((o) => o.values).flatMap((o) => o.names.map((n) => `${indent}${pattern} ${n}") ${render(o.values)} ;;`));
  return [...commands.flatMap((c) => arms(`"${c.name}`, c.options)), ...arms('*"', globals)].join('\n');
}

/** Shell code (bash and zsh alike) setting $cmd to the first word that is not an option or a global option's value. */
function findCommand(array: string, first: number, current: string, globals: OptionSpec[]): string {
  const withValue = globals.filter((o) => o.values).flatMap((o) => o.names).join('|');
  return `  cmd=""
  for ((i = ${first}; i < ${current}; i++)); do
    case "\${${array}[i]}" in
      ${withValue}) ((i++)) ;;
      -*) ;;
      *) cmd="\${${array}[i]}"; break ;;
    esac
  done`;
}

/** What a subcommand accepts besides its own options: the global ones but --version. */
const forCommands = (globals: OptionSpec[]): OptionSpec[] => globals.filter((o) => !o.names.includes('--version'));

function bash(commands: CommandSpec[], globals: OptionSpec[]): string {
  const perCommand = commands
    .map((c) => `    ${c.name}) opts="${words([...c.options, ...forCommands(globals)].flatMap((o) => o.names))}" ;;`)
    .join('\n');
  return `# papers completion for bash. Load it with:  source <(papers completion bash)
_papers() {
  local cur prev cmd i opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
${findCommand('COMP_WORDS', 1, 'COMP_CWORD', globals)}
  case "$cmd $prev" in
${valueCases(commands, globals, '    ', (v) =>
    Array.isArray(v) ? `COMPREPLY=($(compgen -W "${words(v)}" -- "$cur")); return` : v === 'file' ? 'COMPREPLY=($(compgen -f -- "$cur")); return' : 'COMPREPLY=(); return',
  )}
  esac
  case "$cmd" in
    "") opts="${words(commands.map((c) => c.name))} ${words([...globals, helpSpec].flatMap((o) => o.names))}" ;;
${perCommand}
  esac
  if [[ -z "$cmd" || "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _papers papers
`;
}

function zsh(commands: CommandSpec[], globals: OptionSpec[]): string {
  const q = (s: string): string => s.replaceAll("'", "'\\''").replaceAll(':', '\\:');
  const perCommand = commands
    .map((c) => `    ${c.name}) opts=(${[...c.options, ...forCommands(globals)].flatMap((o) => o.names.map((n) => `'${n}:${q(o.description)}'`)).join(' ')}) ;;`)
    .join('\n');
  return `#compdef papers
# papers completion for zsh. Load it with:  source <(papers completion zsh)  (after compinit)
_papers() {
  local cmd i
  local -a commands opts
  commands=(${commands.map((c) => `'${c.name}:${q(c.description)}'`).join(' ')})
${findCommand('words', 2, 'CURRENT', globals)}
  case "$cmd \${words[CURRENT-1]}" in
${valueCases(commands, globals, '    ', (v) => (Array.isArray(v) ? `compadd -- ${words(v)}; return` : v === 'file' ? '_files; return' : 'return'))}
  esac
  opts=(${[...globals, helpSpec].flatMap((o) => o.names.map((n) => `'${n}:${q(o.description)}'`)).join(' ')})
  if [[ -z "$cmd" ]]; then
    if [[ "$PREFIX" == -* ]]; then _describe option opts; else _describe command commands; fi
    return
  fi
  case "$cmd" in
${perCommand}
  esac
  if [[ "$PREFIX" == -* ]]; then _describe option opts; else _files; fi
}
compdef _papers papers
`;
}

function fish(commands: CommandSpec[], globals: OptionSpec[]): string {
  const q = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  const line = (cond: string, o: OptionSpec): string => {
    const names = o.names.map((n) => (n.startsWith('--') ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`)).join(' ');
    const values = o.values === undefined ? '' : Array.isArray(o.values) ? ` -x -a ${q(words(o.values))}` : o.values === 'file' ? ' -r -F' : ' -x';
    return `complete -c papers ${cond}${names}${values} -d ${q(o.description)}`;
  };
  const names = words(commands.map((c) => c.name));
  return [
    '# papers completion for fish. Load it with:  papers completion fish | source',
    'complete -c papers -f',
    ...[...globals, helpSpec].map((o) => line('', o)),
    ...commands.map((c) => `complete -c papers -n 'not __fish_seen_subcommand_from ${names}' -a ${c.name} -d ${q(c.description)}`),
    ...commands.flatMap((c) => c.options.filter((o) => o !== helpSpec).map((o) => line(`-n '__fish_seen_subcommand_from ${c.name}' `, o))),
    `complete -c papers -n '__fish_seen_subcommand_from ingest' -F`,
    '',
  ].join('\n');
}
