import fs from 'node:fs';
import { sleepSync } from '../sleep-sync.js';

export type ColorMode = 'auto' | 'always' | 'never';

/** Where papers writes text, and whether it is a terminal (how wide). */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What a command may write to: process streams in the CLI, in-memory ones in tests. */
export interface Streams {
  stdout: TextSink;
  stderr: TextSink;
  env: NodeJS.ProcessEnv;
  /**
   * stdout's file descriptor, when data should be written with fs.writeSync: a closed pipe
   * (`papers export | head`) then fails the write at once with EPIPE, instead of an
   * asynchronous error event that only arrives after the whole export has been rendered.
   */
  stdoutFd?: number;
}

const FLUSH_AT = 64 * 1024;

type Paint = (text: string) => string;

/** The few styles papers uses; a chalk instance is one, and so is PLAIN. */
export interface Style {
  bold: Paint;
  dim: Paint;
  yellow: Paint;
  cyan: Paint;
  red: Paint;
}

const same: Paint = (text) => text;
const PLAIN: Style = { bold: same, dim: same, yellow: same, cyan: same, red: same };

/**
 * The one owner of stdout, stderr, TTY state and colour (as gh's IOStreams). Data goes to stdout
 * and nothing else does; messages go to stderr. Stdout is buffered in large chunks because
 * exporting 10^6 papers line by line would otherwise be a million write calls.
 */
export class Output {
  readonly isTTY: boolean;
  readonly color: boolean;
  readonly width: number;
  private readonly errColor: boolean;
  private stdoutStyle: Style = PLAIN;
  private errStyle: Style = PLAIN;
  private buffer: string[] = [];
  private buffered = 0;
  /** Nothing written yet: the first piece of data goes out at once (see write). */
  private first = true;

  constructor(
    private readonly streams: Streams,
    colorMode: ColorMode = 'auto',
  ) {
    this.isTTY = !!streams.stdout.isTTY;
    const noColor = streams.env.NO_COLOR !== undefined && streams.env.NO_COLOR !== '';
    const decide = (tty: boolean): boolean => (colorMode === 'always' ? true : colorMode === 'never' ? false : tty && !noColor);
    this.color = decide(this.isTTY);
    this.errColor = decide(!!streams.stderr.isTTY);
    const columns = streams.stdout.columns ?? (Number(streams.env.COLUMNS) || 0);
    this.width = Math.max(40, columns || 100);
  }

  /** Styles for stdout; plain until loadColors(), and for good when colour is off. */
  get style(): Style {
    return this.stdoutStyle;
  }

  /**
   * Loads chalk only when some colour will be shown: piped output, the common case for scripts,
   * never pays for it at start-up. Called once before a command runs.
   */
  async loadColors(): Promise<void> {
    if (!this.color && !this.errColor) return;
    const { Chalk } = await import('chalk');
    if (this.color) this.stdoutStyle = new Chalk({ level: 1 });
    if (this.errColor) this.errStyle = new Chalk({ level: 1 });
  }

  get stderrIsTTY(): boolean {
    return !!this.streams.stderr.isTTY;
  }

  /**
   * Data, for stdout: written in blocks of FLUSH_AT, except the first piece, which goes out at
   * once, so that whatever reads the pipe (`head -1`, fzf) has the first row as soon as it exists,
   * not after the 600 rows of a list that fill the first block.
   */
  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.first || this.buffered >= FLUSH_AT) {
      this.first = false;
      this.flush();
    }
  }

  flush(): void {
    if (this.buffered === 0 && this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.buffered = 0;
    if (!text) return;
    if (this.streams.stdoutFd === undefined) this.streams.stdout.write(text);
    else writeAllSync(this.streams.stdoutFd, text);
  }

  /** A message for the person at the terminal (stderr). */
  info(message: string): void {
    this.streams.stderr.write(`${message}\n`);
  }

  warn(message: string): void {
    this.streams.stderr.write(`${this.errStyle.yellow('warning:')} ${message}\n`);
  }

  error(message: string): void {
    this.streams.stderr.write(`${this.errStyle.red('papers:')} ${message}\n`);
  }

  /** Raw stderr, for progress bars that redraw a line. */
  progress(text: string): void {
    this.streams.stderr.write(text);
  }
}

/** Writes the whole text to fd; a non-blocking pipe that is full (EAGAIN) is waited on, not dropped. */
function writeAllSync(fd: number, text: string): void {
  let buf = Buffer.from(text);
  while (buf.length > 0) {
    try {
      const n = fs.writeSync(fd, buf);
      buf = buf.subarray(n);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      sleepSync(2);
    }
  }
}
