import type { Paper } from '../model.js';
import type { Output } from './output.js';
import type { Format } from './formats.js';
import { UsageError } from '../errors.js';

/** Formats only `export` needs (bibtex, markdown); loaded on demand. */
export async function writeExportFormat(_out: Output, _papers: Iterable<Paper>, format: Format): Promise<number> {
  throw new UsageError(`--format ${format} is not supported yet`);
}
