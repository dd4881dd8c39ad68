import fs from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { Context } from './commands/context.js';
import { addFilterOptions, addFormatOptions, addPageOptions } from './commands/options.js';
import { EXIT, UserError } from './errors.js';
import { EXPORT_FORMATS } from './output/formats.js';
import { storeFailure } from './store/failures.js';
import type { Streams, TextSink } from './output/output.js';

const VERSION = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Each command's module is imported only when it runs: start-up time is paid on every call. */
type Runner = (ctx: Context, ...args: any[]) => Promise<number | void>;
const lazy =
  (load: () => Promise<{ run: Runner }>) =>
  (ctx: () => Context) =>
  async (...args: unknown[]): Promise<void> => {
    const cmd = args.at(-1) as Command;
    const positional = args.slice(0, -2);
    const context = ctx();
    const [{ run }] = await Promise.all([load(), context.out.loadColors()]);
    const code = await run(context, ...positional, cmd.opts());
    if (typeof code === 'number' && code !== 0) throw new ExitWith(code);
  };

/** Lets a command end with a non-zero code without calling process.exit itself. */
class ExitWith extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** The program; given the arguments it will parse, only the command they run is defined (start-up). */
export function buildProgram(ctx: () => Context, argv?: string[]): Command {
  const program = new Command('papers')
    .description('A local, searchable corpus of research paper listings.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--db <path>', 'the SQLite file to use (else $PAPERS_DB, config.yaml, ~/.local/share/papers/papers.db)')
    .addOption(new Option('--color <when>', 'colour output').choices(['auto', 'always', 'never']).default('auto'))
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .exitOverride();

  // Each command's definition. When argv names one, only it is defined: the others' options cost
  // start-up time and are never used. Help, suggestions and completion get them all.
  const define: Record<string, () => void> = {
    ingest: () => {
      const ingest = program
        .command('ingest')
        .description('parse listing text (files, folders, - for stdin) into the corpus')
        .argument('<path...>', 'files, folders (walked recursively) or - for stdin')
        .option('--as-of <date>', 'the day the listing was captured, YYYY-MM-DD (default: today)')
        .option('--format <kind>', 'force the source kind instead of detecting it (see docs/cli.md; a wrong name lists them)')
        .addOption(new Option('--kind <kind>').hideHelp())
        .option('--json', 'print the report as JSON on stdout')
        .option('-q, --quiet', 'print warnings only, no summary');
      ingest.action(lazy(() => import('./commands/ingest.js'))(ctx));
    },
    list: () => {
      const list = program.command('list').description('list papers, filtered and sorted');
      addFilterOptions(list);
      addPageOptions(list, 'at most N papers (default 50 on a terminal, all when piped)');
      addFormatOptions(list);
      list.action(lazy(() => import('./commands/list.js'))(ctx));
    },
    search: () => {
      const search = program
        .command('search')
        .description('ranked, typo-tolerant search over titles and abstracts')
        .argument('<query...>', 'words to look for')
        // `-word` excludes a word (the query language), so single-dash words are query text.
        .allowUnknownOption();
      addFilterOptions(search, { sort: false });
      addPageOptions(search, 'at most N results (default 10)');
      addFormatOptions(search);
      search.action(lazy(() => import('./commands/search.js'))(ctx));
    },
    show: () => {
      const show = program
        .command('show')
        .description('one paper, whole, by id or (part of) its title')
        .argument('<title-or-id...>', 'an id, or a title: exact, a unique prefix, or close enough');
      addFormatOptions(show);
      show.action(lazy(() => import('./commands/show.js'))(ctx));
    },
    export: () => {
      const exp = program.command('export').description('write every paper (or the filtered set) in a portable format');
      addFilterOptions(exp);
      addPageOptions(exp, 'at most N papers (default: all)');
      exp
        .option('--format <format>', `${EXPORT_FORMATS.join('|')} (default json)`)
        .option('--json', 'same as --format json')
        .option('-o, --output <file>', 'write to FILE instead of stdout');
      exp.action(lazy(() => import('./commands/export.js'))(ctx));
    },
    info: () => {
      program
        .command('info')
        .description('where the database is, how many papers it holds, its schema and size')
        .option('--json', 'print as JSON')
        .action(lazy(() => import('./commands/info.js'))(ctx));
    },
    tag: () => {
      program
        .command('tag')
        .description('add or --remove tags on a paper; list its tags, or every tag')
        .argument('[paper]', 'an id or a title, as show takes it (quote a title of several words)')
        .argument('[tags...]', 'tags: one word each')
        .option('--remove', 'remove the tags instead of adding them')
        .option('--json', 'print the paper\'s tags (or every tag with its count) as JSON')
        .action(lazy(() => import('./commands/tag.js'))(ctx));
    },
    note: () => {
      program
        .command('note')
        .description('print or set your note on a paper (TEXT, --edit in $EDITOR, --clear)')
        .argument('<paper>', 'an id or a title, as show takes it (quote a title of several words)')
        .argument('[text...]', 'the new note; replaces the old one')
        .option('--edit', 'edit the note in $VISUAL or $EDITOR')
        .option('--clear', 'remove the note')
        .option('--json', 'print the paper\'s note as JSON')
        .action(lazy(() => import('./commands/note.js'))(ctx));
    },
    stats: () => {
      const stats = program.command('stats').description('papers per year and month as bar charts, top organizations, upvotes, dates');
      addFilterOptions(stats, { sort: false });
      stats
        .option('--top <n>', 'how many organizations and tags to show (default 10)')
        .option('--json', 'the numbers as JSON')
        .action(lazy(() => import('./commands/stats.js'))(ctx));
    },
    similar: () => {
      const similar = program
        .command('similar')
        .description('the papers closest in content to one paper, ranked')
        .argument('<title-or-id...>', 'an id, or a title as show takes it');
      similar.option('--limit <n>', 'at most N papers (default 10)');
      addFormatOptions(similar);
      similar.action(lazy(() => import('./commands/similar.js'))(ctx));
    },
    completion: () => {
      program
        .command('completion')
        .description('print a completion script for bash, zsh or fish (commands, options, formats)')
        .argument('<shell>', 'bash, zsh or fish')
        .action(lazy(() => import('./commands/completion.js'))(ctx));
    },
    config: () => {
      program
        .command('config')
        .description('the effective settings (db, format, color, limit) and where each came from')
        .option('--json', 'print as JSON')
        .action(lazy(() => import('./commands/config.js'))(ctx));
    },
  };
  const only = argv && commandNamed(program, argv);
  for (const [name, add] of Object.entries(define)) if (only === undefined || !(only in define) || name === only) add();
  return program;
}

function processStreams(): Streams {
  const stdout = stdStream(1, () => process.stdout);
  // A terminal keeps the stream (its own sync writes); pipes and files get direct fd writes.
  return { stdout, stderr: stdStream(2, () => process.stderr), env: process.env, stdoutFd: stdout.isTTY ? undefined : 1 };
}

/**
 * process.stdout or process.stderr, made only when written to if the descriptor is certainly not a
 * terminal (a pipe, a socket or a file): making either loads Node's stream modules, 3–4 ms of every
 * command, and output to a pipe or file is written to the descriptor directly. A character device
 * may be a terminal (or /dev/null): only the stream can tell.
 */
function stdStream(fd: 1 | 2, stream: () => NodeJS.WriteStream): TextSink {
  let kind: fs.Stats | undefined;
  try {
    kind = fs.fstatSync(fd);
  } catch {
    // A closed descriptor: let the stream decide what that means, as before.
  }
  if (!kind || kind.isCharacterDevice()) return stream();
  return { isTTY: false, write: (text: string) => stream().write(text) };
}

/**
 * The only place that turns outcomes into exit codes (docs/cli.md): 0 success, 1 failure,
 * 2 usage. Expected failures print one line; only a bug prints a stack trace.
 */
export async function main(argv: string[], streams: Streams = processStreams()): Promise<number> {
  let context: Context | undefined;
  const program = buildProgram(() => {
    const g = program.opts<{ db?: string; color?: 'auto' | 'always' | 'never' }>();
    context ??= new Context(streams, { ...g, colorFrom: program.getOptionValueSource('color') });
    return context;
  }, argv);
  program.hook('preAction', async (_program, action) => {
    const { applyDefaults } = await import('./config.js');
    await applyDefaults(program, action, streams.env, !!streams.stdout.isTTY);
  });
  program.configureOutput({
    writeOut: (s) => streams.stdout.write(s),
    writeErr: (s) => streams.stderr.write(s),
    outputError: (s, write) => write(`papers: ${s.replace(/^error: /, '')}`),
  });
  try {
    if (argv.length === 0) {
      streams.stderr.write(program.helpInformation());
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    return exitCodeFor(err, streams, context?.openedPath);
  } finally {
    context?.close();
  }
}

/** The command argv runs: its first word after the program's own options (`--db FILE`, `--color=WHEN`). */
function commandNamed(program: Command, argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) return arg;
    const flag = arg.split('=', 1)[0]!;
    const option = program.options.find((o) => o.long === flag || o.short === flag);
    if (!option) return undefined; // --help, or a typo: commander answers those with every command
    if (option.required && flag === arg) i++; // its value is the next word
  }
  return undefined;
}

function exitCodeFor(err: unknown, streams: Streams, dbFile = 'the database'): number {
  if (err instanceof ExitWith) return err.code;
  if (err instanceof CommanderError) {
    // Help and --version "fail" with code 0; everything else commander rejects is a usage error.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof UserError) {
    streams.stderr.write(`papers: ${err.message}\n`);
    return err.exitCode;
  }
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EPIPE') return EXIT.ok; // the reader (head, less) went away: not our failure
  const failure = storeFailure(err, dbFile);
  if (failure) {
    streams.stderr.write(`papers: ${failure.message}\n`);
    return failure.exitCode;
  }
  streams.stderr.write(`papers: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return EXIT.failure;
}
