import type { Output } from './output.js';

/** Eighths of a block: a bar's length is drawn to 1/8 of a character. */
const PARTIAL = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

const MAX_LABEL = 32;

export function bar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + PARTIAL[eighths % 8];
}

/**
 * A horizontal bar chart: one row a label, its bar scaled so the longest fills the output's width,
 * and the count. Colour only where the output has it.
 */
export function barChart(out: Output, rows: { label: string; value: number }[]): string {
  if (rows.length === 0) return `  ${out.style.dim('(none)')}\n`;
  // Long labels (organization names) are cut so the bars keep most of the width.
  const labels = rows.map((r) => (r.label.length > MAX_LABEL ? `${r.label.slice(0, MAX_LABEL - 1)}…` : r.label));
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const countWidth = Math.max(...rows.map((r) => String(r.value).length));
  const max = Math.max(...rows.map((r) => r.value));
  const width = Math.max(10, out.width - labelWidth - countWidth - 6);
  return rows
    .map((r, i) => `  ${labels[i]!.padEnd(labelWidth)} ${String(r.value).padStart(countWidth)} ${out.style.cyan(bar(r.value, max, width))}`.trimEnd() + '\n')
    .join('');
}
