import type { Context } from './context.js';
import { parseFilters, wholeNumber, type RawFilterOptions } from './options.js';
import { barChart } from '../output/bar-chart.js';
import { corpusStats } from '../store/stats.js';

interface StatsOptions extends RawFilterOptions {
  json?: boolean;
  top?: string;
}

export async function run(ctx: Context, opts: StatsOptions): Promise<void> {
  const top = opts.top === undefined ? 10 : wholeNumber(opts.top, '--top', 1);
  const stats = corpusStats(await ctx.open('read'), parseFilters(opts), top);
  if (opts.json) {
    ctx.out.write(`${JSON.stringify(stats, null, 2)}\n`);
    return;
  }
  const s = ctx.out.style;
  const heading = (t: string): string => `\n${s.bold(t)}\n`;
  const pct = (n: number): string => (stats.papers ? ` (${((100 * n) / stats.papers).toFixed(1)}%)` : '');
  const chart = (rows: { label: string; value: number }[]): string => barChart(ctx.out, rows);
  ctx.out.write(
    [
      `${s.bold(String(stats.papers))} papers\n`,
      `  ${stats.no_date} without a date${pct(stats.no_date)} · ${stats.year_inferred} with an inferred year${pct(stats.year_inferred)}\n`,
      `  ${stats.tagged} tagged · ${stats.with_note} with a note\n`,
      heading('Papers per year'),
      chart(stats.by_year.map((r) => ({ label: r.year, value: r.papers }))),
      heading('Papers per month'),
      chart(stats.by_month.map((r) => ({ label: r.month, value: r.papers }))),
      heading('Upvotes'),
      chart(stats.upvotes.map((r) => ({ label: r.bucket, value: r.papers }))),
      heading(`Top organizations`),
      chart(stats.top_organizations.map((r) => ({ label: r.organization, value: r.papers }))),
      ...(stats.tags.length ? [heading('Tags'), chart(stats.tags.map((r) => ({ label: r.tag, value: r.papers })))] : []),
    ].join(''),
  );
}
