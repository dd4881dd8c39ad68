import { words } from './query.js';
import { editDistance, maxEdits } from './vocab.js';

/**
 * How well a remembered title matches a real one, 0..1: the Dice coefficient of their words,
 * where a word also counts (a little less) when it is a slip away from a title word or is the
 * start of one. Words dropped, slips, case and punctuation all cost a little; a different title
 * shares few words and costs a lot.
 */
export function titleSimilarity(typed: string, title: string): number {
  const a = words(typed);
  const b = words(title);
  if (a.length === 0 || b.length === 0) return 0;
  const used = new Array<boolean>(b.length).fill(false);
  let matched = 0;
  for (const [i, w] of a.entries()) {
    let bestJ = -1;
    let best = 0;
    for (const [j, t] of b.entries()) {
      if (used[j]) continue;
      const s = wordMatch(w, t, i === a.length - 1);
      // Prefer the first unused title word at the best weight: titles repeat words ("of", "and").
      if (s > best) {
        best = s;
        bestJ = j;
        if (s === 1) break;
      }
    }
    if (bestJ >= 0) {
      used[bestJ] = true;
      matched += best;
    }
  }
  return (2 * matched) / (a.length + b.length);
}

/**
 * How well the typed words are the start of the title, word for word, slips allowed, 0..1:
 * people remember the first words of a title ("sharing is carring") more than any others.
 * Every typed word must line up, so a few shared words elsewhere count for nothing here.
 */
export function leadingSimilarity(typed: string, title: string): number {
  const a = words(typed);
  const b = words(title);
  if (a.length < 2 || a.length > b.length) return 0;
  let matched = 0;
  for (const [i, w] of a.entries()) {
    const s = wordMatch(w, b[i]!, i === a.length - 1);
    if (s === 0) return 0;
    matched += s;
  }
  return matched / a.length;
}

function wordMatch(w: string, t: string, last: boolean): number {
  if (w === t) return 1;
  const max = maxEdits(Math.min(w.length, t.length));
  if (max > 0 && editDistance(w, t, max) <= max) return 0.8;
  if (last && w.length >= 3 && t.startsWith(w)) return 0.8;
  return 0;
}
