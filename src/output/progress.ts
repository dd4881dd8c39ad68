/** What a long ingest has done so far, as the ingest pipeline reports it after each file. */
export interface ProgressState {
  done: number;
  total: number;
  papers: number;
  /** ms since the run started. */
  elapsed: number;
}

/** Often enough to look alive, rarely enough that redrawing never costs the ingest anything. */
const REDRAW_MS = 100;
const BAR_WIDTH = 16;

/**
 * One line on stderr, redrawn in place: files done, papers, rate and time left. Only for a terminal:
 * the caller creates it only when stderr is one, so logs and pipes never see carriage returns.
 */
export class ProgressLine {
  private readonly started: number;
  private lastDraw = -Infinity;
  private shown = false;
  private last: ProgressState | undefined;

  constructor(
    private readonly write: (text: string) => void,
    private readonly columns: number = 80,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  update(done: number, total: number, papers: number): void {
    const t = this.now();
    this.last = { done, total, papers, elapsed: t - this.started };
    // The last file is always drawn: the final count is the one a user reads.
    if (t - this.lastDraw < REDRAW_MS && done < total) return;
    this.lastDraw = t;
    this.draw(formatProgress(this.last));
  }

  /**
   * The work after the last file (building indexes, the search vocabulary: seconds at 10^6 papers),
   * named after the final count, so a finished bar does not look stuck.
   */
  finishing(what: string): void {
    // Without the rate: the files are all done, and a narrow terminal keeps room for the words.
    if (this.last) this.draw(`${formatProgress({ ...this.last, elapsed: 0 })} · ${what}…`);
  }

  private draw(line: string): void {
    this.shown = true;
    // Cut to the width, so the line never wraps (a wrapped line cannot be redrawn in place). A
    // terminal that reports no width (0: `script` without one, a pty before its first resize) is
    // taken as 80 columns: cut by slice(0, -1), every line lost its last character.
    const width = this.columns > 0 ? this.columns : 80;
    this.write(`\r${line.slice(0, width - 1)}\x1b[K`);
  }

  /** Removes the line, so the next message starts on a clean one. */
  clear(): void {
    if (!this.shown) return;
    this.write('\r\x1b[K');
    this.shown = false;
  }
}

/** "[#######---------]  90/200 files · 45,000 papers · 9,000/s · ETA 7s" */
export function formatProgress(s: ProgressState): string {
  const fraction = s.total > 0 ? Math.min(1, s.done / s.total) : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const width = String(s.total).length;
  const parts = [`${bar} ${String(s.done).padStart(width)}/${s.total} files`, `${s.papers.toLocaleString('en-US')} papers`];
  const seconds = s.elapsed / 1000;
  if (seconds >= 0.5 && s.done > 0) {
    parts.push(`${Math.round(s.papers / seconds).toLocaleString('en-US')}/s`);
    // Files are similar in size, so files done predict the rest better than papers (unknown ahead).
    if (s.done < s.total) parts.push(`ETA ${duration((seconds / s.done) * (s.total - s.done))}`);
  }
  return parts.join(' · ');
}

function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
