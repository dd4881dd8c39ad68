import fs from 'node:fs';
import { Chalk, type ChalkInstance } from 'chalk';

export type ColorMode = 'auto' | 'always' | 'never';

/** What a command may write to: process streams in the CLI, in-memory ones in tests. */
export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

const FLUSH_AT = 64 * 1024;

/**
 * The one owner of stdout, stderr, TTY state and colour (as gh's IOStreams). Data goes to stdout
 * and nothing else does; messages go to stderr. Stdout is buffered in large chunks because
 * exporting 10^6 papers line by line would otherwise be a million write calls.
 */
export class Output {
  readonly isTTY: boolean;
  readonly color: boolean;
  readonly width: number;
  /** Styles for stdout; a no-op when colour is off. */
  readonly style: ChalkInstance;
  private readonly errStyle: ChalkInstance;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(
    private readonly streams: Streams,
    colorMode: ColorMode = 'auto',
  ) {
    this.isTTY = !!streams.stdout.isTTY;
    const noColor = streams.env.NO_COLOR !== undefined && streams.env.NO_COLOR !== '';
    const decide = (tty: boolean): boolean => (colorMode === 'always' ? true : colorMode === 'never' ? false : tty && !noColor);
    this.color = decide(this.isTTY);
    this.style = new Chalk({ level: this.color ? 1 : 0 });
    this.errStyle = new Chalk({ level: decide(!!streams.stderr.isTTY) ? 1 : 0 });
    const columns = streams.stdout.columns ?? (Number(streams.env.COLUMNS) || 0);
    this.width = Math.max(40, columns || 100);
  }

  get stderrIsTTY(): boolean {
    return !!this.streams.stderr.isTTY;
  }

  /** Data, for stdout. */
  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.buffered === 0 && this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.buffered = 0;
    if (!text) return;
    // A pipe takes writes asynchronously: a million papers rendered faster than the reader reads would
    // pile up in memory. Writing to its descriptor directly waits for the reader instead (flat memory).
    const fd = (this.streams.stdout as { fd?: unknown }).fd;
    if (typeof fd === 'number' && !this.isTTY) writeFully(fd, text);
    else this.streams.stdout.write(text);
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

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of text to fd, waiting (without spinning) while a non-blocking pipe is full. */
function writeFully(fd: number, text: string): void {
  let buf = Buffer.from(text);
  while (buf.length > 0) {
    try {
      buf = buf.subarray(fs.writeSync(fd, buf));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
