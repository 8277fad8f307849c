import { expect, test } from 'vitest';
import { PRESETS, type RunConfig } from './config.ts';
import { CpuEngine } from './cpu/cpuEngine.ts';
import { probabilities } from './sampling/distributions.ts';
import { stableRate } from './theory.ts';
import { Trainer } from './trainer.ts';
import { prepareRun } from './workloads/registry.ts';

test.each([
  [1.1, 'sgd'],
  [1.1, 'fasgd'],
  [1.3, 'sgd'],
  [1.3, 'fasgd'],
] as const)(
  'the stated stable limit predicts divergence (Zipf %s, %s): 0.9× converges, 1.2× is marked diverged',
  async (s, optimizer) => {
    const base = PRESETS.zipf.config;
    const lane = base.lanes.find((l) => l.optimizer === optimizer)!;
    const c0: RunConfig = { ...base, tokens: { kind: 'zipf', s } };
    const { rate } = stableRate(probabilities(c0.tokens, c0.rows), c0, lane);
    const c = { ...c0, lanes: [0.9, 1.2].map((f) => ({ ...lane, lr: rate * f })) };
    const seen: { excess: number[]; diverged: number[] }[] = [];
    await new Promise<void>((resolve) => {
      const t = new Trainer(new CpuEngine(prepareRun(c)), 10, {
        metrics: (m, _, diverged) => seen.push({ excess: m.lanes.map((l) => l.excess), diverged }),
        stopped: () => resolve(),
      });
      t.maxSteps = 1000;
      t.start();
    });
    const last = seen.at(-1)!;
    expect(last.diverged).toEqual([1]);
    expect(last.excess[0]).toBeLessThan(seen[0].excess[0] / 2);
  },
  30_000,
);
