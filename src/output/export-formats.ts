import type { Paper } from '../model.js';
import type { Output } from './output.js';
import type { Format } from './formats.js';
import { UsageError } from '../errors.js';
import { byline } from './fields.js';

/** Formats for citing and reading (bibtex, markdown); loaded on demand. */
export async function writeExportFormat(out: Output, papers: Iterable<Paper>, format: Format): Promise<number> {
  let n = 0;
  if (format === 'bibtex') {
    const keys = new CitationKeys();
    for (const p of papers) out.write(`${n++ ? '\n' : ''}${bibtexEntry(p, keys.next(p))}`);
    return n;
  }
  if (format === 'markdown') {
    for (const p of papers) out.write(`${n++ ? '\n' : ''}${markdownEntry(p)}`);
    return n;
  }
  throw new UsageError(`--format ${format} is not supported here`);
}

// ---- BibTeX ----

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Words a citation key skips, as Google Scholar's `vaswani2017attention` skips "the". */
const KEY_STOP_WORDS = new Set(
  'a an the on of for in to and or with without from by at as is are be via towards toward into over under using do does can what when why how its it this that your our we you all not only just more than'.split(' '),
);

function asciiWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Citation keys `surname` + year + first significant title word (`vaswani2017attention`); without
 * author names, the first significant title word stands for the surname and the second follows the
 * year (`attention2017need`). Repeats get a, b, c... in the order they are written.
 */
export class CitationKeys {
  private readonly used = new Set<string>();

  next(p: Paper): string {
    const title = asciiWords(p.title);
    const significant = title.filter((w) => !KEY_STOP_WORDS.has(w) && /[a-z]/.test(w));
    const words = significant.length ? significant : title.length ? title : ['paper'];
    const surname = p.author_names.length ? asciiWords(p.author_names[0]!).at(-1) : undefined;
    const head = surname ?? words[0]!;
    const tail = surname ? words[0]! : (words[1] ?? '');
    const base = `${head}${p.published?.slice(0, 4) ?? ''}${tail}`;
    let key = base;
    for (let i = 0; this.used.has(key); i++) key = `${base}${suffix(i)}`;
    this.used.add(key);
    return key;
  }
}

/** a..z, then aa, ab, ...: never runs out. */
function suffix(i: number): string {
  return i < 26 ? String.fromCharCode(97 + i) : suffix(Math.floor(i / 26) - 1) + suffix(i % 26);
}

function bibtexEntry(p: Paper, key: string): string {
  const fields: [string, string][] = [['title', `{${bibtexText(p.title)}}`]];
  if (p.author_names.length) fields.push(['author', p.author_names.map(bibtexText).join(' and ')]);
  if (p.published) fields.push(['year', p.published.slice(0, 4)], ['month', MONTHS[Number(p.published.slice(5, 7)) - 1]!]);
  if (p.organization) fields.push(['institution', bibtexText(p.organization)]);
  if (p.abstract) fields.push(['abstract', bibtexText(p.abstract)]);
  if (p.arxiv_id) {
    fields.push(['eprint', p.arxiv_id], ['archivePrefix', 'arXiv'], ['url', `https://arxiv.org/abs/${p.arxiv_id}`]);
  }
  fields.push(['note', `${p.upvotes} upvote${p.upvotes === 1 ? '' : 's'} on Hugging Face Daily Papers`]);
  if (p.tags.length) fields.push(['keywords', bibtexText(p.tags.join(', '))]);
  if (p.note) fields.push(['annote', bibtexText(p.note)]);
  // month is a BibTeX macro (jan, feb...), written bare so styles can name it in their language.
  const body = fields.map(([k, v]) => `  ${k} = ${k === 'month' ? v : `{${v}}`}`).join(',\n');
  return `@misc{${key},\n${body}\n}\n`;
}

const MATH = /\$[^$\n]+\$/g;
/** Already-escaped characters and LaTeX commands the authors wrote (`60\%`, `{\romannumeral1}`). */
const LATEX_ESCAPE = /\\(?:[&%$#_{}]|[A-Za-z]+)/y;

/**
 * Text as a BibTeX field value. The listings hold LaTeX as the authors wrote it: `$π$` math and
 * `\%`-style escapes and commands are kept as they are; every other special character is escaped.
 * Braces stay when they are balanced (they are LaTeX groups); unbalanced ones would end the field
 * early, so then each becomes \textbraceleft{} / \textbraceright{}.
 */
export function bibtexText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const keepBraces = bracesBalanced(flat.replace(/\\[{}]/g, ''));
  let out = '';
  let last = 0;
  for (const m of flat.matchAll(MATH)) {
    out += escapeText(flat.slice(last, m.index), keepBraces) + escapeMath(m[0], keepBraces);
    last = m.index + m[0].length;
  }
  return out + escapeText(flat.slice(last), keepBraces);
}

function escapeText(s: string, keepBraces: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    LATEX_ESCAPE.lastIndex = i;
    const esc = s[i] === '\\' ? LATEX_ESCAPE.exec(s) : null;
    if (esc && (keepBraces || !/[{}]$/.test(esc[0]))) {
      out += esc[0];
      i += esc[0].length - 1;
      continue;
    }
    out += escapeChar(s[i]!, keepBraces);
  }
  return out;
}

function escapeChar(c: string, keepBraces: boolean): string {
  switch (c) {
    case '&': case '%': case '$': case '#': case '_':
      return `\\${c}`;
    case '{':
      return keepBraces ? c : '\\textbraceleft{}';
    case '}':
      return keepBraces ? c : '\\textbraceright{}';
    case '~':
      return '\\textasciitilde{}';
    case '^':
      return '\\textasciicircum{}';
    case '\\':
      return '\\textbackslash{}';
    default:
      return c;
  }
}

/** Inside $...$ TeX syntax is meant; only what would break the file or comment out the rest is escaped. */
function escapeMath(m: string, keepBraces: boolean): string {
  return m.replace(/(?<!\\)[%#&]/g, (c) => `\\${c}`).replace(/[{}]/g, (c) => (keepBraces ? c : c === '{' ? '\\lbrace ' : '\\rbrace '));
}

function bracesBalanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

// ---- Markdown ----

/** One `##` heading a paper, a metadata line, the abstract, then the user's tags and note. */
function markdownEntry(p: Paper): string {
  const link = p.arxiv_id ? `[arXiv:${p.arxiv_id}](https://arxiv.org/abs/${p.arxiv_id})` : '';
  const meta = [
    `#${p.id}`,
    p.published ? `${p.published}${p.year_inferred ? ' (year inferred)' : ''}` : 'no date',
    `${p.upvotes} upvote${p.upvotes === 1 ? '' : 's'}`,
    byline(p),
    link,
  ].filter(Boolean);
  const lines = [`## ${oneLine(p.title)}`, '', `*${meta.join(' · ')}*`, ''];
  if (p.author_names.length) lines.push(`Authors: ${p.author_names.join(', ')}`, '');
  if (p.abstract) lines.push(oneLine(p.abstract), '');
  if (p.tags.length) lines.push(`Tags: ${p.tags.map((t) => `\`${t}\``).join(' ')}`, '');
  if (p.note) lines.push(...p.note.split('\n').map((l) => `> ${l}`), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
