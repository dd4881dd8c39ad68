const nobodyWakes = new Int32Array(new SharedArrayBuffer(4));

/**
 * Blocks this thread for `ms`: for the few loops that retry a synchronous call (a full pipe, a
 * database another process holds) and must not return to the event loop in between.
 */
export function sleepSync(ms: number): void {
  Atomics.wait(nobodyWakes, 0, 0, ms);
}
