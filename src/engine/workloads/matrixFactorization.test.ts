import { expect, test } from 'vitest';
import { PRESETS, type RunConfig } from '../config.ts';
import { CpuEngine } from '../cpu/cpuEngine.ts';
import { bucketBounds, bucketOf } from '../sampling/distributions.ts';
import { prepareRun } from './registry.ts';

test('the exact MF excess loss equals the sum over every (user, item) pair, in total and by bucket', async () => {
  const c: RunConfig = { ...PRESETS.mfZipf.config, rows: 120, items: 90, dim: 6, batch: 256 };
  const data = prepareRun(c);
  const engine = new CpuEngine(data);
  engine.steps(40);
  const m = await engine.recordMetrics();
  const [table] = await engine.readTables();
  const d = c.dim;
  const ub = bucketBounds(c.rows, c.bucketEnds);
  const ib = bucketBounds(c.items, c.bucketEnds);
  const sums = [0, 0, 0];
  const mass = [0, 0, 0];
  let total = 0;
  for (let u = 0; u < c.rows; u++)
    for (let v = 0; v < c.items; v++) {
      const pu = data.rowFreq[u];
      const qv = data.rowFreq[c.rows + v];
      let dot = 0;
      let star = 0;
      for (let j = 0; j < d; j++) {
        dot += table[u * d + j] * table[(c.rows + v) * d + j];
        star += data.teacher[u * d + j] * data.teacher[(c.rows + v) * d + j];
      }
      const e = 0.5 * pu * qv * (dot - star) ** 2;
      const b = Math.max(bucketOf(u, ub), bucketOf(v, ib));
      total += e;
      sums[b] += e;
      mass[b] += pu * qv;
    }
  // Relative 1e-6: the items' weights and teacher terms are f32 values.
  expect(m.lanes[0].excess / total - 1).toBeCloseTo(0, 6);
  m.lanes[0].buckets.forEach((v, b) => expect(v / (sums[b] / mass[b]) - 1).toBeCloseTo(0, 6));
});
