import type { Diagnostic } from '../model.js';

/** A damaged file must not drown the report: past this many, warnings are only counted. */
export const MAX_DIAGNOSTICS = 1000;

/** Collects a kind's warnings, keeping the first MAX_DIAGNOSTICS and counting the rest. */
export class DiagnosticLog {
  private readonly list: Diagnostic[] = [];
  private suppressed = 0;

  warn(line: number, message: string): void {
    if (this.list.length < MAX_DIAGNOSTICS) this.list.push({ line, message });
    else this.suppressed++;
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** The warnings, with one more line saying how many were left out. */
  done(): Diagnostic[] {
    if (this.suppressed > 0) this.list.push({ line: 1, message: `${this.suppressed} more warnings not shown` });
    return this.list;
  }
}
