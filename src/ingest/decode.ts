import { isUtf8 } from 'node:buffer';

/** What a file's bytes turned out to be. */
export type Decoded =
  | { ok: true; text: string; warning?: string }
  | { ok: false; reason: string };

const latin1 = new TextDecoder('windows-1252');

/** Magic numbers of files that end up in a paper folder by mistake, to name them in the message. */
const SIGNATURES: [string, string][] = [
  ['%PDF', 'a PDF'],
  ['\x89PNG', 'a PNG image'],
  ['\xff\xd8\xff', 'a JPEG image'],
  ['GIF8', 'a GIF image'],
  ['PK\x03\x04', 'a zip archive'],
  ['\x1f\x8b', 'a gzip archive'],
  ['SQLite format 3', 'an SQLite database'],
];

/**
 * Turns bytes into text, or says why they are not text. Copies saved by old editors come in
 * Latin-1/Windows-1252: those are read (with a warning) rather than refused, since every byte
 * of them is meaningful text.
 */
export function decodeListing(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 8192));
  const start = head.toString('latin1', 0, 16);
  for (const [magic, what] of SIGNATURES) {
    if (start.startsWith(magic)) return { ok: false, reason: `binary file (${what}), not a listing` };
  }
  if (head.includes(0)) return { ok: false, reason: 'binary file, not a listing' };
  // isUtf8 validates several times faster than a fatal TextDecoder, which matters at a gigabyte of text.
  if (isUtf8(bytes)) return { ok: true, text: withoutBom(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')) };
  return { ok: true, text: latin1.decode(bytes), warning: 'not valid UTF-8; read as Latin-1 (Windows-1252)' };
}

/** As TextDecoder does: a byte-order mark is a marker, not text. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
