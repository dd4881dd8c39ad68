import { describe, expect, it } from 'vitest';
import { indexWords } from '../../src/store/fts.js';
import { occurrences, WordFinder } from '../../src/search/word-hits.js';

const count = (words: string[], text: string, form: string): number => occurrences(new WordFinder(words).hits(text), form.split(' '));

describe('finding query words in a text as the index tokenizes it', () => {
  it('counts words whole, in any case, never inside a longer word', () => {
    expect(count(['model', 'models'], 'Models model MODEL remodel modelling models2', 'model')).toBe(2);
    expect(count(['model', 'models'], 'Models model MODEL remodel modelling models2', 'models')).toBe(1);
  });

  it('counts a phrase only where its words are side by side, whatever punctuation is between', () => {
    const words = ['video', 'generation'];
    expect(count(words, 'Video generation; video-generation, video (generation)', 'video generation')).toBe(3);
    expect(count(words, 'video and generation, generation video', 'video generation')).toBe(0);
    expect(count(words, 'video and generation, generation video', 'generation video')).toBe(1);
  });

  it('splits at "_" as the index does', () => {
    expect(count(['model'], 'a model_based method', 'model')).toBe(1);
    expect(count(['gpt', '4'], 'gpt_4', 'gpt 4')).toBe(1);
  });

  it('folds accents and keeps non-ASCII letters inside words, as the index does', () => {
    expect(count(['naive', 'bayes'], 'A naïve Bayes baseline', 'naive bayes')).toBe(1);
    expect(count(['cafe'], 'cafébabe café', 'cafe')).toBe(1);
    expect(count(['π'], 'SOTOPIA-π and π0', 'π')).toBe(1);
  });

  it('agrees with the tokenizer on real text, ASCII or not', () => {
    const ascii = 'We present GPT-4.5, a model; models of 3D scenes (3D-aware) and text-to-image models_v2 at 3d scenes.';
    for (const text of [ascii, `${ascii} Naïvely — ok.`]) {
      const all = indexWords(text);
      const finder = new WordFinder(['gpt', '4', '5', 'model', 'models', '3d', 'scenes', 'text', 'to', 'image', 'v2', 'naively']);
      for (const phrase of ['gpt 4 5', 'text to image', '3d scenes', 'image models', 'models v2', 'model models', 'naively']) {
        const words = phrase.split(' ');
        const expected = all.filter((_, i) => words.every((w, k) => all[i + k] === w)).length;
        expect(occurrences(finder.hits(text), words), `${phrase} in ${text}`).toBe(expected);
      }
    }
  });
});
