import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { prepareFile, type ParseSettings, type PreparedFile } from './prepare.js';
import type { PrepareRequest } from './prepare-worker.js';
import type { FoundFile } from './walk.js';

/**
 * What to read a file with: the SHA-1 it had when last ingested (null if never, or parsed with other
 * settings), or 'skip' when its size and modification time say it is unchanged and it need not be read.
 */
export type ReadPlan = string | null | 'skip';

export interface ReadAheadOptions {
  /** The thread's script (the built one beside the bundle by default). */
  script?: URL;
  /** Bytes to read from which a thread is started. */
  threadFrom?: number;
}

/** Files in flight, the one being written included: a few, so memory stays a few files' worth. */
const AHEAD_FILES = 4;
const AHEAD_BYTES = 64 * 1024 * 1024;
/**
 * Below this much text to read, a second thread costs more than it saves: its first answer comes
 * ~60 ms after it is made (loading its script), and parsing runs at ~100 MB/s.
 */
const WORTH_A_THREAD = 8 * 1024 * 1024;

/** The worker's script, beside the bundle (dist/); running from source there is none, and files are read inline. */
const WORKER_FILE = new URL('./prepare-worker.js', import.meta.url);

/**
 * Reads, hashes and parses the files of an ingest in a second thread while this one writes the
 * papers of the files before them: SQLite's writes and the parsing each take one core. The
 * database is the writer's alone; the thread only turns files into entries.
 *
 * `take(i)` hands back file i prepared as `prepareFile` would prepare it here. It is only the same
 * work done earlier, so the caller's checks stay authoritative: a file planned otherwise than the
 * caller now asks (an earlier file of the same run changed what is known of it) is read again here.
 */
export class ReadAhead {
  /** What the thread was asked for each file; null when it handed nothing back (it was lost). Never rejects. */
  private readonly sent = new Map<number, { plan: string | null; result: Promise<PreparedFile | null> }>();
  private readonly waiting = new Map<number, (prepared: PreparedFile | null) => void>();
  private next = 0;
  private seq = 0;
  private worker: Worker | null;

  private constructor(
    private readonly files: readonly FoundFile[],
    private readonly plan: (file: FoundFile) => ReadPlan,
    private readonly settings: ParseSettings,
    worker: Worker | null,
  ) {
    this.worker = worker;
    if (!worker) return;
    worker.on('message', ({ seq, prepared }: { seq: number; prepared: PreparedFile }) => this.settle(seq, prepared));
    // A thread that dies (out of memory, say) only loses its head start: what it did not hand back is read here.
    const lost = (): void => {
      this.worker = null;
      for (const seq of [...this.waiting.keys()]) this.settle(seq, null);
    };
    worker.on('error', lost);
    worker.on('exit', lost);
  }

  /**
   * With a second thread when there is enough to read for it to pay; else everything is read in
   * `take`. The options are the tests': another script, another threshold.
   */
  static start(
    files: readonly FoundFile[],
    plan: (file: FoundFile) => ReadPlan,
    settings: ParseSettings,
    { script = WORKER_FILE, threadFrom = WORTH_A_THREAD }: ReadAheadOptions = {},
  ): ReadAhead {
    let bytes = 0;
    let count = 0;
    for (const file of files) {
      if (plan(file) === 'skip') continue;
      bytes += file.size;
      count++;
    }
    const worth = count >= 2 && bytes >= threadFrom && fs.existsSync(fileURLToPath(script));
    return new ReadAhead(files, plan, settings, worth ? new Worker(fileURLToPath(script)) : null);
  }

  /** Whether a second thread is reading (until it is closed, or lost). */
  get threaded(): boolean {
    return this.worker !== null;
  }

  /** File i prepared, for the plan the caller has for it now. */
  async take(i: number, plan: string | null): Promise<PreparedFile> {
    this.sendFrom(i);
    const ahead = this.sent.get(i);
    this.sent.delete(i);
    // Read here when the thread's work does not fit, or it has none: only now, for the file asked for,
    // so a lost or closed thread never leaves reading to be done that nobody waits for.
    const prepared = ahead && ahead.plan === plan ? await ahead.result : null;
    return prepared ?? prepareFile(this.files[i]!.path, plan, this.settings);
  }

  /** Drops file i's head start: the caller did not need to read it after all. */
  skip(i: number): void {
    this.sendFrom(i);
    this.sent.delete(i);
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  /** Keeps file i and the ones after it sent to the thread, up to AHEAD_FILES files or AHEAD_BYTES (at least one file). */
  private sendFrom(i: number): void {
    if (!this.worker) return;
    this.next = Math.max(this.next, i);
    let bytes = 0;
    for (const [k] of this.sent) if (k >= i) bytes += this.files[k]!.size;
    while (this.next < this.files.length && this.next < i + AHEAD_FILES && bytes < AHEAD_BYTES) {
      const file = this.files[this.next]!;
      const plan = this.plan(file);
      if (plan !== 'skip') {
        const seq = this.seq++;
        const result = new Promise<PreparedFile | null>((resolve) => this.waiting.set(seq, resolve));
        const request: PrepareRequest = { seq, path: file.path, knownSha1: plan, settings: this.settings };
        this.worker.postMessage(request);
        this.sent.set(this.next, { plan, result });
        bytes += file.size;
      }
      this.next++;
    }
  }

  private settle(seq: number, prepared: PreparedFile | null): void {
    const resolve = this.waiting.get(seq);
    this.waiting.delete(seq);
    resolve?.(prepared);
  }
}
