import type { Paper } from '../model.js';
import type { Output } from './output.js';
import type { Format } from './formats.js';
import { CSV_COLUMNS, TSV_COLUMNS, byline, cellText, csvCell, dateLabel, tsvCell } from './fields.js';

export interface RenderOptions {
  /** Adds the score column (search results). */
  scored?: boolean;
  /** Marks matched words in table titles (search results on a terminal). */
  highlight?: (text: string) => string;
  /** A short line under each table title (search snippets). */
  snippet?: (p: Paper) => string | undefined;
}


/**
 * Writes a stream of papers in any format. Every format but `table` streams row by row;
 * a table needs all its rows to size its columns, and is only used on a terminal with a limit.
 */
export async function writePapers(out: Output, papers: Iterable<Paper>, format: Format, opts: RenderOptions = {}): Promise<number> {
  let n = 0;
  switch (format) {
    case 'json': {
      out.write('[');
      for (const p of papers) {
        out.write(`${n++ ? ',' : ''}\n  ${JSON.stringify(p, null, 2).replaceAll('\n', '\n  ')}`);
      }
      out.write(n ? '\n]\n' : ']\n');
      return n;
    }
    case 'jsonl':
      for (const p of papers) {
        out.write(`${JSON.stringify(p)}\n`);
        n++;
      }
      return n;
    case 'csv': {
      const cols = opts.scored ? [...CSV_COLUMNS, 'score' as const] : CSV_COLUMNS;
      out.write(`${cols.join(',')}\r\n`);
      for (const p of papers) {
        out.write(`${cols.map((c) => csvCell(cellText(p, c))).join(',')}\r\n`);
        n++;
      }
      return n;
    }
    case 'tsv': {
      const cols = opts.scored ? [...TSV_COLUMNS, 'score' as const] : TSV_COLUMNS;
      out.write(`${cols.join('\t')}\n`);
      for (const p of papers) {
        out.write(`${cols.map((c) => tsvCell(cellText(p, c))).join('\t')}\n`);
        n++;
      }
      return n;
    }
    case 'yaml': {
      const { stringify } = await import('yaml');
      for (const p of papers) {
        out.write(stringify([p], { lineWidth: 0 }));
        n++;
      }
      if (n === 0) out.write('[]\n');
      return n;
    }
    case 'plain':
      // Stable, colourless, one paper a line: id, date, upvotes, title — tab-separated for cut/awk.
      for (const p of papers) {
        out.write(`${p.id}\t${p.published ?? '-'}\t${p.upvotes}\t${tsvCell(p.title)}\n`);
        n++;
      }
      return n;
    case 'table':
      return writeTable(out, [...papers], opts);
    default: {
      const { writeExportFormat } = await import('./export-formats.js');
      return writeExportFormat(out, papers, format);
    }
  }
}

async function writeTable(out: Output, papers: Paper[], opts: RenderOptions): Promise<number> {
  if (papers.length === 0) return 0;
  const { default: Table } = await import('cli-table3');
  const s = out.style;
  const fixed = { id: Math.max(3, String(papers.at(-1)!.id).length, ...papers.map((p) => String(p.id).length)) + 2, date: 13, up: 6, by: 22 };
  const borders = 6 * 1 + 1;
  const titleWidth = Math.max(20, out.width - borders - fixed.id - fixed.date - fixed.up - fixed.by);
  const table = new Table({
    head: ['id', 'title', 'published', '▲', 'by'].map((h) => s.bold(h)),
    colWidths: [fixed.id, titleWidth, fixed.date, fixed.up, fixed.by],
    colAligns: ['right', 'left', 'left', 'right', 'left'],
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: out.color ? ['grey'] : [] },
  });
  for (const p of papers) {
    const title = opts.highlight ? opts.highlight(p.title) : s.bold(p.title);
    const snippet = opts.snippet?.(p);
    table.push([
      s.dim(String(p.id)),
      snippet ? `${title}\n${s.dim(snippet)}` : title,
      dateLabel(p),
      p.upvotes ? s.yellow(String(p.upvotes)) : s.dim('0'),
      byline(p),
    ]);
  }
  out.write(`${table.toString()}\n`);
  return papers.length;
}

/** One paper, whole (`papers show`). */
export async function writePaper(out: Output, p: Paper, format: Format): Promise<void> {
  switch (format) {
    case 'json':
      out.write(`${JSON.stringify(p, null, 2)}\n`);
      return;
    case 'jsonl':
    case 'csv':
    case 'tsv':
    case 'yaml':
    case 'bibtex':
    case 'markdown':
      if (format === 'yaml') {
        const { stringify } = await import('yaml');
        out.write(stringify(p, { lineWidth: 0 }));
        return;
      }
      await writePapers(out, [p], format);
      return;
    default:
      out.write(paperCard(p, out, format === 'table'));
  }
}

/** The human form of one paper: a heading, a metadata line, the abstract wrapped, then the rest. */
function paperCard(p: Paper, out: Output, pretty: boolean): string {
  const s = out.style;
  const width = pretty ? Math.min(out.width, 100) : 0;
  const meta = [
    `#${p.id}`,
    p.published ? `${p.published}${p.year_inferred ? ' (year inferred)' : ''}` : 'no date',
    `${p.upvotes} upvote${p.upvotes === 1 ? '' : 's'}`,
    byline(p),
    p.org_handle && p.organization ? `@${p.org_handle}` : '',
    p.arxiv_id ? `arXiv:${p.arxiv_id}` : '',
  ].filter(Boolean);
  const lines = [pretty ? s.bold(wrap(p.title, width)) : p.title, pretty ? s.dim(meta.join(' · ')) : meta.join(' · '), ''];
  if (p.author_names.length) lines.push(`Authors: ${p.author_names.join(', ')}`, '');
  lines.push(p.abstract ? wrap(p.abstract, width) : s.dim('(no abstract)'), '');
  if (p.tags.length) lines.push(`${pretty ? s.bold('Tags:') : 'Tags:'} ${p.tags.join(', ')}`);
  if (p.note) lines.push(`${pretty ? s.bold('Note:') : 'Note:'} ${p.note}`);
  const sources = p.sources.map((src) => `${src.file}:${src.line}`).join(', ');
  lines.push(pretty ? s.dim(`Sources: ${sources}`) : `Sources: ${sources}`);
  return `${lines.join('\n')}\n`;
}

/** Greedy word wrap; width 0 leaves the text on one line (piped output stays grep-able). */
export function wrap(text: string, width: number): string {
  if (width <= 0 || text.length <= width) return text;
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  return out.join('\n');
}
