/**
 * How the writer and its checkpoint thread talk (checkpoints.ts, checkpoint-worker.ts): two counters
 * in shared memory, so that the writer can wait for a checkpoint without leaving its synchronous
 * loop. The writer raises ASKED after each commit; the thread sets DONE to the ASKED it served.
 */
export const ASKED = 0;
export const DONE = 1;
/** ASKED set to this: a last checkpoint, then the thread closes its connection and ends. */
export const CLOSE = -1;
/** DONE set to this: the thread failed and ended; the writer checkpoints itself again. */
export const FAILED = -2;

export function newSignals(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}
