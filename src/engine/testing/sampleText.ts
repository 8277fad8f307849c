// A generated text for tests: sentences of pseudo-words, half drawn from one Zipf distribution over
// the whole vocabulary and half from the sentence's topic (its own Zipf over a tenth of the words),
// so neighbouring words co-occur beyond chance. Not natural language; deterministic for a seed.

import { buildAliasTable, sampleAlias } from '../sampling/aliasTable.ts';
import { probabilities } from '../sampling/distributions.ts';
import { draw, sampleKey } from '../sampling/rng.ts';

const TOPICS = 10;

export function sampleText(words: number, vocabulary = 3000, seed = 1): string {
  const all = buildAliasTable(probabilities({ kind: 'zipf', s: 1 }, vocabulary));
  const topic = buildAliasTable(probabilities({ kind: 'zipf', s: 1 }, Math.floor(vocabulary / TOPICS)));
  const name = (k: number) => `w${(Math.imul(k + 1, 0x9e3779b1) >>> 0).toString(36).slice(0, 5)}`;
  const out: string[] = [];
  let t = 0;
  for (let i = 0; i < words; i++) {
    const base = sampleKey(seed, 0x20000, i);
    if (i % 12 === 0) t = draw(base, 5) % TOPICS;
    const k =
      draw(base, 0) < 0x80000000
        ? sampleAlias(all, draw(base, 1), draw(base, 2))
        : t + TOPICS * sampleAlias(topic, draw(base, 3), draw(base, 4));
    out.push(name(k) + (i % 12 === 11 ? '.\n' : ''));
  }
  return out.join(' ');
}
