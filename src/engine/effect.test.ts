// The imbalance effect is real: on Zipf frequencies FA-SGD and CF-SGD clearly beat SGD, each at its
// preset learning rate; on uniform frequencies the gap disappears. Runs on the Float32 CPU engine,
// whose steps match the GPU's to 1e-4 (gpuEngine.gpu.test.ts, cpuEngine.test.ts).

import { expect, test } from 'vitest';
import { CpuEngine } from './cpu/cpuEngine.ts';
import { PRESETS, type LaneConfig, type PresetId } from './config.ts';
import { parseInteractions } from './input/interactions.ts';
import { dataRef, logPairs } from './input/pairData.ts';
import { SAMPLE_LOG, sampleLog } from './input/sampleLog.ts';
import { cfBoost } from './step.ts';
import { prepareRun } from './workloads/registry.ts';

const STEPS = 300;

/** Final excess loss (total, and of the tail bucket) of each optimizer. */
async function finalExcess(preset: PresetId, bucket?: 2): Promise<Record<string, number>> {
  const config = PRESETS[preset].config;
  const engine = new CpuEngine(prepareRun(config));
  engine.steps(STEPS);
  const m = await engine.recordMetrics();
  return Object.fromEntries(
    config.lanes.map((l, i) => [l.optimizer, bucket === undefined ? m.lanes[i].excess : m.lanes[i].buckets[bucket]]),
  );
}

test(`Zipf 1.1: FA-SGD and CF-SGD end at least 30% below SGD after ${STEPS} steps`, async () => {
  const e = await finalExcess('zipf');
  console.log('Zipf excess loss', e);
  expect(e.fasgd).toBeLessThan(0.7 * e.sgd);
  expect(e.cfsgd).toBeLessThan(0.7 * e.sgd);
  // The tail gains too (about 25% by step 300; most of the total's gain is in the torso so far).
  const tail = await finalExcess('zipf', 2);
  expect(tail.fasgd).toBeLessThan(0.8 * tail.sgd);
});

test(`Uniform: FA-SGD equals SGD and CF-SGD is within 10% of it after ${STEPS} steps`, async () => {
  const e = await finalExcess('uniform');
  console.log('Uniform excess loss', e);
  expect(e.fasgd).toBe(e.sgd);
  expect(Math.abs(e.cfsgd / e.sgd - 1)).toBeLessThan(0.1);
});

test('Zipf matrix factorisation: FA-SGD and CF-SGD end at least 30% below SGD', async () => {
  const e = await finalExcess('mfZipf');
  console.log('MF excess loss', e);
  expect(e.fasgd).toBeLessThan(0.7 * e.sgd);
  expect(e.cfsgd).toBeLessThan(0.7 * e.sgd);
});

test('the sample log: at their best rates, FA-SGD and CF-SGD reach a lower held-out loss on tail users than SGD', async () => {
  const parsed = parseInteractions(sampleLog(SAMPLE_LOG), { malformed: 'refuse', duplicates: 'keep' });
  if (!parsed.ok) throw new Error(parsed.error);
  const pairs = logPairs(parsed.log);
  const base = PRESETS.data.config;
  const lanes: LaneConfig[] = (['sgd', 'fasgd', 'cfsgd'] as const).flatMap((optimizer) =>
    [3, 10, 30].map((lr) => ({ ...base.lanes[0], optimizer, lr })),
  );
  const config = { ...base, rows: pairs.rows, items: pairs.items, data: dataRef(pairs, 'log', 'sample'), lanes };
  const engine = new CpuEngine(prepareRun(config, pairs));
  engine.steps(250);
  const m = await engine.recordMetrics();
  // Each optimizer at the rate of its lowest total held-out loss; then its loss on tail users.
  const tail = Object.fromEntries(
    (['sgd', 'fasgd', 'cfsgd'] as const).map((o) => {
      const mine = m.lanes.filter((_, l) => lanes[l].optimizer === o && Number.isFinite(m.lanes[l].excess));
      const best = mine.reduce((a, b) => (b.excess < a.excess ? b : a));
      return [o, best.buckets[2]];
    }),
  );
  console.log('held-out loss of tail users at step 250', tail);
  expect(tail.fasgd).toBeLessThan(0.85 * tail.sgd);
  expect(tail.cfsgd).toBeLessThan(0.85 * tail.sgd);
});

test(`Uniform: CF-SGD's median boost over all tokens is within 5% of 1 at step ${STEPS} (matrix factorisation: each table's own)`, () => {
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  for (const config of [
    PRESETS.uniform.config,
    { ...PRESETS.mfZipf.config, tokens: { kind: 'uniform' as const }, itemTokens: { kind: 'uniform' as const } },
  ]) {
    const data = prepareRun(config);
    const engine = new CpuEngine(data);
    engine.steps(STEPS);
    const lane = config.lanes[2];
    expect(lane.optimizer).toBe('cfsgd');
    for (let t = 0; t + 1 < data.tableStarts.length; t++) {
      const rows = Array.from(
        { length: data.tableStarts[t + 1] - data.tableStarts[t] },
        (_, i) => data.tableStarts[t] + i,
      );
      const boost = median(rows.map((k) => cfBoost(lane, k, engine.counters, data.tableStarts)));
      expect(Math.abs(boost - 1), `${config.workload}, table ${t}`).toBeLessThan(0.05);
    }
  }
});
