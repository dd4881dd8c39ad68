import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, SEED, papers, tempHome } from '../helpers/cli.js';
import { toListingText } from '../helpers/listing.js';

/**
 * A small BibTeX reader, strict where BibTeX is: an entry is @type{key, name = {value} or bare
 * macro, ...}, and a braced value ends where its braces balance (escaped braces count too).
 */
function readBibtex(text: string): { type: string; key: string; fields: Record<string, string> }[] {
  const entries: { type: string; key: string; fields: Record<string, string> }[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  while (true) {
    skipSpace();
    if (i >= text.length) return entries;
    const head = /^@(\w+)\{([^,\s]+),/.exec(text.slice(i));
    if (!head) throw new Error(`no entry at ${i}: ${text.slice(i, i + 60)}`);
    i += head[0].length;
    const fields: Record<string, string> = {};
    while (true) {
      skipSpace();
      if (text[i] === '}') {
        i++;
        break;
      }
      const name = /^(\w+)\s*=\s*/.exec(text.slice(i));
      if (!name) throw new Error(`bad field in ${head[2]} at: ${text.slice(i, i + 60)}`);
      i += name[0].length;
      let value: string;
      if (text[i] === '{') {
        let depth = 0;
        const start = i;
        do {
          if (text[i] === '{') depth++;
          else if (text[i] === '}') depth--;
          i++;
          if (i > text.length) throw new Error(`unbalanced value in ${head[2]}`);
        } while (depth > 0);
        value = text.slice(start + 1, i - 1);
      } else {
        const bare = /^\w+/.exec(text.slice(i))!;
        value = bare[0];
        i += value.length;
      }
      fields[name[1]!.toLowerCase()] = value;
      skipSpace();
      if (text[i] === ',') i++;
    }
    entries.push({ type: head[1]!, key: head[2]!, fields });
  }
}

/** Special characters not escaped, outside $...$ math: each would break LaTeX or BibTeX. */
function unescaped(value: string): string[] {
  const text = value.replace(/\$[^$]+\$/g, '');
  return [...text.matchAll(/(?<!\\)[&%#_]|(?<!\\)\$/g)].map((m) => m[0]);
}

describe('bibtex and markdown', () => {
  const { env, dir } = tempHome();
  beforeAll(() => {
    const nasty = toListingText(
      [
        { title: 'Attention Is All You Need', abstract: 'Transformers.', authors: 8, published: '2017-06-12', upvotes: 3 },
        { title: 'Attention Is Not All You Need', abstract: 'A second paper whose key would be the same.', authors: 2, published: '2017-07-01' },
        { title: '50% of C# & F_1 ~ x^2 \\ {unbalanced', abstract: 'Costs $5 & more_than {half} of it.', authors: 1, published: '2024-01-02' },
      ],
      { pageDate: '2024-04-10' },
    );
    fs.writeFileSync(path.join(dir, 'nasty.txt'), nasty);
    const r = papers(['ingest', SEED, path.join(FIXTURES, 'hf-latex-unicode.txt'), path.join(dir, 'nasty.txt'), '--as-of', '2026-11-27', '-q'], { env });
    expect(r.code, r.stderr).toBe(0);
  });

  it('export --format bibtex is valid BibTeX: unique keys, @misc fields, specials escaped, LaTeX math kept', () => {
    const r = papers(['export', '--format', 'bibtex'], { env });
    expect(r.code, r.stderr).toBe(0);
    const entries = readBibtex(r.stdout);
    const count = Number(papers(['info', '--json'], { env }).stdout.match(/"papers": (\d+)/)![1]);
    expect(entries).toHaveLength(count);
    expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
    for (const e of entries) {
      expect(e.type).toBe('misc');
      expect(e.key).toMatch(/^[a-z0-9]+$/);
      expect(e.fields.note).toMatch(/^\d+ upvotes? on Hugging Face Daily Papers$/);
      for (const [name, value] of Object.entries(e.fields)) expect(unescaped(value), `${e.key}.${name}: ${value}`).toEqual([]);
    }
    const attention = entries.filter((e) => /^\{Attention Is (Not )?All You Need\}$/.test(e.fields.title!));
    expect(attention.map((e) => e.key)).toEqual(['attention2017need', 'attention2017needa']);
    expect(attention[0]!.fields).toMatchObject({ year: '2017', month: 'jun', abstract: 'Transformers.' });

    const nasty = entries.find((e) => e.fields.title!.includes('unbalanced'))!;
    expect(nasty.fields.title).toBe('{50\\% of C\\# \\& F\\_1 \\textasciitilde{} x\\textasciicircum{}2 \\textbackslash{} \\textbraceleft{}unbalanced}');
    expect(nasty.fields.abstract).toBe('Costs \\$5 \\& more\\_than {half} of it.');
    const latex = entries.find((e) => e.fields.title!.includes('ShowUI'))!;
    expect(latex.fields.title).toContain('ShowUI-$π$');
    expect(latex.fields.abstract).toContain('60\\% success rate');
    expect(latex.fields.abstract).toContain('({\\romannumeral1})');
  });

  it('list and search give the same formats; markdown has a heading, a metadata line and the abstract per paper', () => {
    const md = papers(['search', 'attention', '--year', '2017', '--format', 'markdown'], { env });
    expect(md.code, md.stderr).toBe(0);
    const blocks = md.stdout.split(/^(?=## )/m);
    expect(blocks).toHaveLength(2);
    expect(blocks.find((b) => b.startsWith('## Attention Is All'))).toMatch(/^## Attention Is All You Need\n\n\*#\d+ · 2017-06-12 · 3 upvotes · 8 authors\*\n\nTransformers\.\n/);
    const bib = papers(['list', '--year', '2017', '--format', 'bibtex'], { env });
    const keys = readBibtex(bib.stdout).map((e) => e.key);
    expect(keys).toHaveLength(papers(['list', '--year', '2017'], { env }).stdout.trim().split('\n').length);
    expect(keys.filter((k) => k.startsWith('attention')).sort()).toEqual(['attention2017need', 'attention2017needa']);
  });
});
