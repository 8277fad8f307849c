import { expect, test } from 'vitest';
import { PRESETS } from './config.ts';
import { CpuEngine } from './cpu/cpuEngine.ts';
import { DIVERGED_FACTOR, RateMeter, Trainer } from './trainer.ts';
import { prepareRun } from './workloads/registry.ts';

test('a run to maxSteps reports every metric before it reports that it stopped', async () => {
  const config = { ...PRESETS.zipf.config, rows: 500, dim: 4, batch: 64 };
  const events: string[] = [];
  const done = new Promise<void>((resolve) => {
    const trainer = new Trainer(new CpuEngine(prepareRun(config)), 10, {
      metrics: (m) => events.push(`metrics ${m.step}`),
      stopped: (reason) => {
        events.push(`stopped ${reason}`);
        resolve();
      },
    });
    trainer.maxSteps = 35;
    trainer.start();
  });
  await done;
  expect(events).toEqual(['metrics 0', 'metrics 10', 'metrics 20', 'metrics 30', 'metrics 35', 'stopped maxSteps']);
});

test('divergence: a lane whose loss grows past DIVERGED_FACTOR times its start (or stops being finite) is frozen; the other lanes go on', async () => {
  const base = PRESETS.zipf.config;
  const lanes = [base.lanes[0], { ...base.lanes[1], beta: 1, cap: 1e6 }];
  const engine = new CpuEngine(prepareRun({ ...base, rows: 2000, lanes }));
  const seen: { step: number; excess: number[] }[] = [];
  await new Promise<void>((resolve) => {
    const trainer = new Trainer(engine, 10, {
      metrics: (m) => seen.push({ step: m.step, excess: m.lanes.map((l) => l.excess) }),
      stopped: () => resolve(),
    });
    trainer.maxSteps = 300;
    trainer.start();
  });
  const first = seen.findIndex((p) => !(p.excess[1] <= DIVERGED_FACTOR * seen[0].excess[1]));
  expect(first).toBeGreaterThan(0);
  // Frozen there (after the steps already in flight): its loss moves no more.
  expect(seen.at(-1)!.excess[1]).toBe(seen.at(-2)!.excess[1]);
  const frozen = await engine.readTables();
  engine.steps(20);
  const later = await engine.readTables();
  expect(Array.from(later[1])).toEqual(Array.from(frozen[1])); // no more updates
  expect(Array.from(later[0])).not.toEqual(Array.from(frozen[0]));
  expect(Number.isFinite(seen.at(-1)!.excess[0])).toBe(true);
  expect(seen.at(-1)!.excess[0]).toBeLessThan(seen[0].excess[0]);
});

test('device lost: the trainer keeps the newest checkpoint, taken at metric steps on its time interval', async () => {
  // Rates stable at this size (a diverging lane would be frozen, which `again` does not know).
  const config = {
    ...PRESETS.zipf.config,
    rows: 500,
    dim: 4,
    batch: 64,
    lanes: PRESETS.zipf.config.lanes.map((l) => ({ ...l, lr: l.lr / 10 })),
  };
  /** The newest checkpoint of a run to step 75 with `checkpointMs` between checkpoints. */
  const newest = async (checkpointMs: number) => {
    let trainer: Trainer | undefined;
    await new Promise<void>((resolve) => {
      trainer = new Trainer(
        new CpuEngine(prepareRun(config)),
        10,
        { metrics: () => {}, stopped: () => resolve() },
        checkpointMs,
      );
      trainer.maxSteps = 75;
      trainer.start();
    });
    return trainer!.checkpoint;
  };
  // No wait between checkpoints: the last metric step that is a multiple of 10 (not 75).
  const often = await newest(0);
  expect(often?.step).toBe(70);
  const again = new CpuEngine(prepareRun(config));
  again.steps(70);
  expect(often?.tables).toEqual(await again.readTables());
  // A long interval: only the first metric step's.
  expect((await newest(60_000))?.step).toBe(10);
  expect(await newest(Infinity)).toBeNull();
});

test('device lost: a detached trainer reports nothing more', async () => {
  const config = { ...PRESETS.zipf.config, rows: 500, dim: 4, batch: 64 };
  const events: string[] = [];
  const trainer = new Trainer(new CpuEngine(prepareRun(config)), 10, {
    metrics: (m) => events.push(`metrics ${m.step}`),
    stopped: (reason) => events.push(`stopped ${reason}`),
  });
  trainer.maxSteps = 1000;
  trainer.start();
  trainer.detach();
  await new Promise((r) => setTimeout(r, 50));
  expect(events).toEqual([]);
  expect(trainer.isRunning).toBe(false);
});

test('steps per second are measured over a quarter second at least: two reports close together (a pause draining its reads) keep the last rate', () => {
  const meter = new RateMeter(0, 0);
  expect(meter.rate(1, 10)).toBe(0); // 10 ms: too soon to say anything
  expect(meter.rate(10, 100)).toBeCloseTo(100, 9); // a first figure from 0.1 s (a short run may end here)
  expect(meter.rate(20, 200)).toBeCloseTo(100, 9); // then only from windows of 0.25 s or more
  expect(meter.rate(120, 1200)).toBeCloseTo(100, 9); // 120 steps in 1.2 s; the window restarts here
  expect(meter.rate(130, 1200.3)).toBeCloseTo(100, 9); // 10 steps 0.3 ms later: not 33,333 steps/s
  expect(meter.rate(170, 1600)).toBeCloseTo(50 / 0.4, 9);
});
