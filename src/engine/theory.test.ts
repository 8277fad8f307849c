import { describe, expect, test } from 'vitest';
import { PRESETS, type LaneConfig, type RunConfig } from './config.ts';
import { CpuEngine } from './cpu/cpuEngine.ts';
import { gap, measured, STEPS, windowed } from './testing/theoryCheck.ts';
import { probabilities } from './sampling/distributions.ts';
import { CONTEXT_KURTOSIS, runTheory, stableRate, teacherNorms, theoryCurve, type TheoryCurve } from './theory.ts';
import { boost } from './optimizers.ts';
import type { DistributionSpec } from './sampling/distributions.ts';
import { prepareRun } from './workloads/registry.ts';

describe('theory of token regression', () => {
  const base = PRESETS.zipf.config;
  // SGD and FA-SGD at the preset's rates, 8 seeds: the curve of the expected loss.
  const c: RunConfig = { ...base, lanes: base.lanes.slice(0, 2), seeds: 8 };

  test("the initial errors are the run's own teacher's row norms", () => {
    const small = { ...base, rows: 300, dim: 5 };
    const teacher = prepareRun(small).teacher;
    const norms = teacherNorms(small);
    for (const k of [0, 7, 299]) expect(norms[k]).toBe(teacher.slice(k * 5, k * 5 + 5).reduce((s, v) => s + v * v, 0));
  });

  test('8 seeds on the CPU engine: the mean excess loss of SGD and FA-SGD is within 5% of the curve at steps 50, 300, 2000, in total and every bucket; a perturbed formula or rate is not', async () => {
    const theory = (runTheory(c, STEPS) as TheoryCurve[]).map(windowed);
    const cpu = (c: RunConfig) => new CpuEngine(prepareRun(c));
    const seen = await measured({ ...c, seeds: 1 }, cpu);
    for (const l of [0, 1]) expect(gap(seen[l], theory[l]), `lane ${l}`).toBeLessThan(0.05);
    // The test can fail: the formula with half the batch …
    const p = probabilities(c.tokens, c.rows);
    const e0 = teacherNorms(c);
    const wrong = windowed(theoryCurve({ ...c, batch: c.batch / 2 }, c.lanes[0], STEPS, p, e0));
    expect(gap(seen[0], wrong)).toBeGreaterThan(0.05);
    // … or run the engine 20% faster than the curve assumes.
    const fast = await measured({ ...c, seeds: 1, lanes: c.lanes.map((l) => ({ ...l, lr: l.lr * 1.2 })) }, cpu, 2);
    expect(gap(fast[1], theory[1])).toBeGreaterThan(0.05);
  }, 120_000);

  test('a schedule η/√(1 + t/t₀): the step-by-step recursion equals the closed form when t₀ is huge, and 8 seeds follow it', async () => {
    const p = probabilities(c.tokens, c.rows);
    const e0 = teacherNorms(c);
    const steps = [0, 50, 300];
    const flat = theoryCurve(c, c.lanes[0], steps, p, e0);
    const almost = theoryCurve(c, { ...c.lanes[0], decay: 1e12 }, steps, p, e0);
    almost.total.forEach((v, i) => expect(v).toBeCloseTo(flat.total[i], 8));
    // A real schedule, fewer rows (the recursion runs every step), each lane at its preset rate.
    const small: RunConfig = { ...c, rows: 2000, lanes: c.lanes.map((l) => ({ ...l, decay: 100 })) };
    const theory = (runTheory(small, STEPS) as TheoryCurve[]).map(windowed);
    const seen = await measured({ ...small, seeds: 1 }, (one) => new CpuEngine(prepareRun(one)));
    for (const l of [0, 1]) expect(gap(seen[l], theory[l]), `lane ${l}`).toBeLessThan(0.05);
    // Without the schedule the curve is another one.
    const constant = (runTheory({ ...small, lanes: c.lanes }, STEPS) as TheoryCurve[]).map(windowed);
    expect(gap(seen[0], constant[0])).toBeGreaterThan(0.05);
  }, 120_000);

  test('the stable limit is set by the most frequent token for SGD; 0.9× converges, 1.2× diverges (in theory)', () => {
    for (const s of [1.1, 1.3]) {
      const z: RunConfig = { ...base, tokens: { kind: 'zipf', s } };
      const p = probabilities(z.tokens, z.rows);
      const e0 = teacherNorms(z);
      for (const lane of base.lanes.slice(0, 2) as LaneConfig[]) {
        const { rate, row } = stableRate(p, z, lane);
        if (lane.optimizer === 'sgd') expect(row).toBe(0);
        const at = (f: number) => theoryCurve(z, { ...lane, lr: rate * f }, [0, 1000], p, e0).total;
        expect(at(0.9)[1]).toBeLessThan(at(0.9)[0]);
        expect(at(1.2)[1]).toBeGreaterThan(1e3 * at(1.2)[0]);
      }
    }
  });

  test('stableRate (three candidate rows) equals the limit scanned over every row', () => {
    // The definition: the smallest 2 / (m_k q_k) over all rows, the first row that attains it.
    const scan = (p: Float64Array, cfg: RunConfig, lane: LaneConfig) => {
      let [rate, row] = [Infinity, 0];
      p.forEach((pk, k) => {
        const m = lane.optimizer === 'sgd' ? 1 : boost(p[0] / pk, lane.beta, lane.cap);
        const q = (CONTEXT_KURTOSIS + cfg.dim - 1) / cfg.batch + ((cfg.batch - 1) * pk) / cfg.batch;
        if (2 / (m * q) < rate) [rate, row] = [2 / (m * q), k];
      });
      return { rate, row };
    };
    const specs: DistributionSpec[] = [
      { kind: 'uniform' },
      { kind: 'zipf', s: 0.6 },
      { kind: 'zipf', s: 1.1 },
      { kind: 'zipf', s: 2.5 },
      { kind: 'headTail', headSize: 30, headShare: 0.9 },
      { kind: 'powerLaw', s: 1, cutoff: 500 },
    ];
    let compared = 0;
    for (const tokens of specs)
      for (const [dim, batch] of [
        [16, 1024],
        [4, 64],
        [128, 8192],
      ])
        for (const [optimizer, beta, cap] of [
          ['sgd', 0.5, 20],
          ['fasgd', 0.5, 20],
          ['fasgd', 0.2, 1e6],
          ['fasgd', 1, 3],
          ['cfsgd', 2, 50],
          ['fasgd', 4, 1e30],
        ] as const) {
          const cfg: RunConfig = { ...base, rows: 3000, dim, batch, tokens };
          const p = probabilities(tokens, cfg.rows);
          const lane: LaneConfig = { optimizer, lr: 1, beta, cap, eps: 1e-8 };
          expect(
            stableRate(p, cfg, lane),
            `${JSON.stringify(tokens)} d ${dim} B ${batch} ${optimizer} β ${beta} c ${cap}`,
          ).toEqual(scan(p, cfg, lane));
          compared++;
        }
    expect(compared).toBe(108);
  });
});
