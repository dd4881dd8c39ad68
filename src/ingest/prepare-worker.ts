// The ingest's second thread (see read-ahead.ts): prepares the files it is sent, one at a time, in order.
import { parentPort } from 'node:worker_threads';
import { prepareFile, type ParseSettings } from './prepare.js';

export interface PrepareRequest {
  seq: number;
  path: string;
  knownSha1: string | null;
  settings: ParseSettings;
}

parentPort?.on('message', (req: PrepareRequest) => {
  parentPort!.postMessage({ seq: req.seq, prepared: prepareFile(req.path, req.knownSha1, req.settings) });
});
