import crypto from 'node:crypto';
import fs from 'node:fs';
import type { ParseResult } from '../model.js';
import { parseText } from '../parse/index.js';
import { titleKey } from '../store/identity.js';
import { decodeListing } from './decode.js';

/** How to parse (parseText's options): the same for every file of one ingest. */
export type ParseSettings = Parameters<typeof parseText>[1];

/** A listing's bytes, turned into papers, or the reason they are not a listing. */
export type PreparedText =
  | { ok: true; parsed: ParseResult; titleKeys: string[]; warning?: string }
  | { ok: false; reason: string };

/**
 * One file, read and prepared for the store: everything an ingest does to a file before it writes.
 * `same`: its content is what was ingested last time (the SHA-1 the caller passed), so it was not parsed.
 */
export type PreparedFile =
  | { read: false; code: string }
  | { read: true; sha1: string; size: number; same: true }
  | { read: true; sha1: string; size: number; same: false; text: PreparedText };

/** Decodes and parses a listing's bytes; pure, so it runs the same in the ingest's worker thread. */
export function prepareText(bytes: Buffer, settings: ParseSettings): PreparedText {
  const decoded = decodeListing(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseText(decoded.text, settings);
  // The store's identity for each entry, made here so that in a large ingest the parsing thread makes it.
  const titleKeys = parsed.entries.map((e) => titleKey(e.title));
  return decoded.warning ? { ok: true, parsed, titleKeys, warning: decoded.warning } : { ok: true, parsed, titleKeys };
}

/** Reads, hashes and (unless its SHA-1 is `knownSha1`) parses one file. Never throws for an unreadable file. */
export function prepareFile(file: string, knownSha1: string | null, settings: ParseSettings): PreparedFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return { read: false, code: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
  const sha1 = crypto.createHash('sha1').update(bytes).digest('hex');
  if (sha1 === knownSha1) return { read: true, sha1, size: bytes.length, same: true };
  return { read: true, sha1, size: bytes.length, same: false, text: prepareText(bytes, settings) };
}
