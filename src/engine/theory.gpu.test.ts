import { expect, test } from 'vitest';
import { PRESETS, type RunConfig } from './config.ts';
import { probabilities } from './sampling/distributions.ts';
import { engineFor } from './testing/gpuHarness.ts';
import { gap, measured, SEEDS, STEPS, windowed } from './testing/theoryCheck.ts';
import { runTheory, stableRate, type TheoryCurve } from './theory.ts';

test('8 seeds on the GPU: the mean excess loss of SGD and FA-SGD is within 5% of the theory curve at steps 50, 300, 2000, total and every bucket', async () => {
  // Fewer rows than the preset (the software adapter is slow), each lane at half its stable limit.
  // (At B = 256 the measured head bucket runs 3–5% above the curve around step 50, even over 32
  // seeds; at the preset's B = 1024 it is within 2%. Not understood yet: see docs/engine.md.)
  const base: RunConfig = { ...PRESETS.zipf.config, rows: 2000, dim: 16, batch: 1024, seeds: SEEDS };
  const p = probabilities(base.tokens, base.rows);
  const lanes = base.lanes.slice(0, 2).map((l) => ({ ...l, lr: 0.5 * stableRate(p, base, l).rate }));
  const c = { ...base, lanes };
  const theory = (runTheory(c, STEPS) as TheoryCurve[]).map(windowed);
  const seen = await measured({ ...c, seeds: 1 }, async (one) => (await engineFor(one)).engine);
  for (const l of [0, 1]) expect(gap(seen[l], theory[l]), `lane ${l}`).toBeLessThan(0.05);
}, 300_000);
