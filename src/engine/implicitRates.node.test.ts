// The default rates of implicit-data runs hold on real text: on the Brown corpus, SGD at its default
// η trains without the loss spikes that its old default (100) showed.

import { expect, test } from 'vitest';
import { IMPLICIT_DATA_RATES, PRESETS, type RunConfig } from './config.ts';
import { CpuEngine } from './cpu/cpuEngine.ts';
import { dataRef } from './input/pairData.ts';
import { parseText } from './input/text.ts';
import { brownText } from './testing/brownCorpus.node.ts';
import { prepareRun } from './workloads/registry.ts';

/** Largest ratio of a loss to the lowest loss before it (1: it never went back up). */
const worstRise = (curve: number[]) => {
  let low = Infinity;
  let worst = 1;
  for (const v of curve) {
    low = Math.min(low, v);
    worst = Math.max(worst, v / low);
  }
  return worst;
};

test('on the Brown corpus, SGD at its implicit-data default does not spike (its old default 100 did)', async () => {
  const parsed = parseText(brownText(), { vocabulary: 5000, window: 2, lowercase: true });
  if (!parsed.ok) throw new Error(parsed.error);
  const pairs = parsed.corpus.pairs;
  const sgd = PRESETS.data.config.lanes[0];
  const c: RunConfig = {
    ...PRESETS.data.config,
    rows: pairs.rows,
    items: pairs.items,
    lanes: [IMPLICIT_DATA_RATES.sgd, 100].map((lr) => ({ ...sgd, lr })),
    data: dataRef(pairs, 'text', 'Brown corpus'),
  };
  const engine = new CpuEngine(prepareRun(c, pairs));
  const curves: number[][] = [[], []];
  for (let step = 0; step <= 2000; step += 10) {
    if (step > 0) engine.steps(10);
    (await engine.recordMetrics()).lanes.forEach((l, i) => curves[i].push(l.excess));
  }
  const [chosen, old] = curves.map(worstRise);
  expect(parsed.corpus.tokens).toBeGreaterThan(1_000_000);
  expect(chosen).toBeLessThan(1.15);
  expect(old).toBeGreaterThan(1.4);
}, 120_000);
