/**
 * A title normalised for identity: case, white space and punctuation do not make a new paper
 * ("Sharing is Caring:  efficient LM…" and "sharing is caring efficient lm…" are one).
 * Letters and digits of every script are kept, so non-Latin titles stay distinct.
 */
export function titleKey(title: string): string {
  // Plain ASCII (most titles) is already NFKC and has no letters beyond a-z: a much cheaper path, same key.
  if (ASCII.test(title)) return title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const ASCII = /^[\x00-\x7f]*$/;
