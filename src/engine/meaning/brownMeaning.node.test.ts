// The measurement behind the meaning lesson and docs/engine.md ("Meaning"), not part of the unit
// suite (minutes of CPU): on the Brown corpus, every lane's agreement with the PPMI reference by
// bucket, as the page measures it (overlap@10 among the most frequent tenth of the words), at
// several steps, over seeds. A rank correlation (Spearman's ρ between a lane's cosines and the
// reference's over the same candidates) is printed beside it as a cross-check.
//   MEANING_MEASURE=1 [SEEDS=3] [VOCAB=5000] [WORDS=0: all] [EXCERPT=1: the lesson's text]
//   [STEPS=1000,3000,10000] npx vitest run --project unit src/engine/meaning/brownMeaning.node.test.ts

import { test } from 'vitest';
import { IMPLICIT_DATA_RATES, lanesWithRates, PRESETS, type RunConfig } from '../config.ts';
import { CpuEngine } from '../cpu/cpuEngine.ts';
import { dataRef } from '../input/pairData.ts';
import { OTHER, parseText } from '../input/text.ts';
import { brownExcerpt, brownText } from '../testing/brownCorpus.node.ts';
import { prepareRun } from '../workloads/registry.ts';
import { agreement } from './agreement.ts';
import { cosines, unitRows } from './cosine.ts';
import type { PpmiRows } from './ppmi.ts';
import { textReference } from './watcher.ts';

/** Ranks (ties: their mean rank). */
function ranks(x: Float64Array): Float64Array {
  const idx = Array.from(x.keys()).sort((a, b) => x[a] - x[b]);
  const r = new Float64Array(x.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[i]]) j++;
    for (let t = i; t <= j; t++) r[idx[t]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

/** Mean Spearman ρ per bucket between a table's cosines and the reference's, over rows [0, among). */
function spearman(m: PpmiRows, queries: number[][], unit: Float32Array, d: number, among: number, skip: number) {
  return queries.map((qs) => {
    let sum = 0;
    for (const q of qs) {
      const dense = new Float64Array(m.cols);
      for (let i = m.start[q]; i < m.start[q + 1]; i++) dense[m.col[i]] = m.val[i];
      const keep = Array.from({ length: among }, (_, r) => r).filter((r) => r !== q && r !== skip);
      const ref = Float64Array.from(keep, (r) => {
        let s = 0;
        for (let i = m.start[r]; i < m.start[r + 1]; i++) s += dense[m.col[i]] * m.val[i];
        return s;
      });
      const c = cosines(unit, d, q);
      sum += pearson(ranks(Float64Array.from(keep, (r) => c[r])), ranks(ref));
    }
    return sum / qs.length;
  });
}

const stat = (xs: number[]) => {
  const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return `${mean.toFixed(3)}±${sd.toFixed(3)}`;
};

const env = process.env;
test.runIf(env.MEANING_MEASURE)(
  'Brown: agreement with the PPMI reference by bucket and lane, over seeds',
  async () => {
    const vocabulary = Number(env.VOCAB ?? 5000);
    let text = env.EXCERPT ? brownExcerpt() : brownText();
    if (env.WORDS) text = text.split(/\s+/).slice(0, Number(env.WORDS)).join(' ');
    const parsed = parseText(text, { vocabulary, window: 2, lowercase: true });
    if (!parsed.ok) throw new Error(parsed.error);
    const pairs = parsed.corpus.pairs;
    const other = parsed.corpus.rows.indexOf(OTHER);
    const steps = (env.STEPS ?? '1000,3000,10000').split(',').map(Number);
    const lanes = lanesWithRates(IMPLICIT_DATA_RATES);
    const seeds = Number(env.SEEDS ?? 3);
    const results: Record<number, number[][][]> = {};
    console.log(`${parsed.corpus.tokens} words, ${pairs.rows} rows, ${pairs.a.length} pairs`);
    for (let seed = 1; seed <= seeds; seed++) {
      const c: RunConfig = {
        ...PRESETS.data.config,
        rows: pairs.rows,
        items: pairs.items,
        seed,
        lanes,
        data: dataRef(pairs, 'text', 'Brown corpus'),
      };
      const data = prepareRun(c, pairs);
      // The page's own measure: the watcher's reference and queries.
      const { ppmi, setup } = textReference(data, pairs, new Set([other]));
      const engine = new CpuEngine(data);
      for (const step of steps) {
        engine.steps(step - engine.stepCount);
        const tables = await engine.readTables();
        const row = tables.map((t) => {
          const u = unitRows(t, c.dim, 0, c.rows);
          return [...agreement(setup, u, c.dim), ...spearman(ppmi, setup.queries, u, c.dim, setup.candidates, other)];
        });
        (results[step] ??= []).push(row);
      }
      if (seed === 1)
        console.log(
          `queries per bucket ${setup.queries.map((q) => q.length)}, candidates ${setup.candidates}, chance ${(setup.k / (setup.candidates - 1)).toFixed(3)}`,
        );
    }
    for (const step of steps) {
      console.log(
        `step ${step}, mean ± sd over ${seeds} seeds: overlap@10 head / torso / tail | Spearman ρ head / torso / tail`,
      );
      lanes.forEach((lane, l) => {
        const cols = [0, 1, 2, 3, 4, 5].map((b) => stat(results[step].map((r) => r[l][b])));
        console.log(`  ${lane.optimizer.padEnd(13)} ${cols.slice(0, 3).join(' ')} | ${cols.slice(3).join(' ')}`);
      });
    }
  },
  3_600_000,
);
