import { describe, expect, test } from 'vitest';
import { PRESETS, type RunConfig } from './config.ts';
import { CpuEngine } from './cpu/cpuEngine.ts';
import { KERNEL_PATHS, type GpuResult } from './gpu/device.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { TrainingSession, type SessionDeps } from './session.ts';
import { diverged } from './trainer.ts';
import type { Engine, Resumable } from './types.ts';

// SGD and FA-SGD at rates that are stable at this size.
const config: RunConfig = {
  ...PRESETS.zipf.config,
  rows: 300,
  dim: 4,
  batch: 64,
  lanes: PRESETS.zipf.config.lanes.slice(0, 2).map((l) => ({ ...l, lr: 1 })),
};
const noGpu = async (): Promise<GpuResult> => ({ ok: false, reason: 'No WebGPU here.' });
const start = (c: RunConfig, stopAt: number | null, paused = false): ToWorker => ({
  type: 'start',
  config: c,
  pairs: null,
  runId: 7,
  controls: { stopAt, pace: null },
  paused,
});

/** A session whose messages are collected; `until` resolves when a message passes the test. */
function session(deps: Partial<SessionDeps> = {}) {
  const seen: FromWorker[] = [];
  const waiters: { test: (m: FromWorker) => boolean; resolve: () => void }[] = [];
  const s = new TrainingSession({
    requestGpu: noGpu,
    post: (m) => {
      seen.push(m);
      for (const w of waiters.splice(0).filter((w) => !w.test(m) || (w.resolve(), false))) waiters.push(w);
    },
    ...deps,
  });
  const until = (test: (m: FromWorker) => boolean) =>
    new Promise<void>((resolve) => (seen.some(test) ? resolve() : waiters.push({ test, resolve })));
  return { s, seen, until };
}

/** The excess losses of each recorded step, the last report of a step winning (replays repeat steps). */
const curves = (seen: FromWorker[]) => {
  const byStep = new Map<number, number[]>();
  for (const m of seen)
    if (m.type === 'metrics')
      byStep.set(
        m.snapshot.step,
        m.snapshot.lanes.map((l) => l.excess),
      );
  return [...byStep.entries()].sort((a, b) => a[0] - b[0]);
};

describe('TrainingSession (CPU engine)', () => {
  test('probe: the limits of the device a run would use (null: the CPU engine, and why), without starting anything', async () => {
    const { s, seen } = session();
    await s.handle({ type: 'probe' });
    expect(seen).toEqual([{ type: 'limits', limits: null, device: 'CPU', reason: 'No WebGPU here.', runId: 0 }]);
  });

  test('prepare: compiles the workload’s kernels on the device a run would use, quietly, and nothing without one', async () => {
    const device = {} as GPUDevice;
    const gpu = async (): Promise<GpuResult> => ({
      ok: true,
      gpu: { device, description: 'test', limits: {} as GPUSupportedLimits, ...KERNEL_PATHS.software },
    });
    const asked: unknown[][] = [];
    const compileKernels = async (...args: unknown[]) => void asked.push(args);
    const failing = async () => Promise.reject(new Error('compile error'));
    const { s, seen } = session({ requestGpu: gpu, compileKernels });
    await s.handle({ type: 'prepare', workload: 'matrixFactorization' });
    expect(asked).toEqual([[device, 'matrixFactorization', expect.objectContaining(KERNEL_PATHS.software)]]);
    const quiet = session({ requestGpu: gpu, compileKernels: failing });
    await quiet.s.handle({ type: 'prepare', workload: 'ctr' });
    const none = session({ compileKernels });
    await none.s.handle({ type: 'prepare', workload: 'ctr' });
    expect(asked).toHaveLength(1);
    expect([...seen, ...quiet.seen, ...none.seen]).toEqual([]); // answers nothing, a failure included
  });

  test('a run to its stop step: ready, every metric, then paused at the stop', async () => {
    const { s, seen, until } = session();
    await s.handle(start(config, 30));
    await until((m) => m.type === 'paused');
    expect(seen.every((m) => m.runId === 7)).toBe(true);
    const ready = seen[0];
    expect(ready.type === 'ready' && ready.backend).toBe('cpu');
    // Without a GPU the probe said why, at load; the run itself has nothing to add.
    expect(ready.type === 'ready' && ready.notice).toBe(null);
    expect(seen.slice(1).map((m) => (m.type === 'metrics' ? m.snapshot.step : m.type))).toEqual([
      0,
      10,
      20,
      30,
      'paused',
    ]);
    expect(seen.at(-1)).toMatchObject({ type: 'paused', reason: 'stopStep' });
  });

  test('resume at the stop step trains nothing and says again that it stopped there (no failure)', async () => {
    const { s, seen, until } = session();
    await s.handle(start(config, 20));
    await until((m) => m.type === 'paused');
    const before = seen.length;
    await s.handle({ type: 'resume' });
    await until((m) => seen.indexOf(m) >= before && m.type === 'paused');
    expect(seen.slice(before)).toEqual([{ type: 'paused', reason: 'stopStep', runId: 7 }]);
    // Raising the stop step lets it go on from there.
    await s.handle({ type: 'controls', controls: { stopAt: 40, pace: null } });
    await s.handle({ type: 'resume' });
    await until((m) => m.type === 'metrics' && m.snapshot.step === 40);
    expect(seen.some((m) => m.type === 'error')).toBe(false);
  });

  test('a Step that reaches the stop step leaves the run at its stop, and says so', async () => {
    const { s, seen } = session();
    await s.handle(start(config, 2, true));
    await s.handle({ type: 'step' });
    expect(seen.filter((m) => m.type === 'paused')).toEqual([{ type: 'paused', reason: 'asked', runId: 7 }]);
    await s.handle({ type: 'step' });
    expect(seen.at(-1)).toEqual({ type: 'paused', reason: 'stopStep', runId: 7 });
    const steps = seen.flatMap((m) => (m.type === 'metrics' ? [m.snapshot.step] : []));
    expect(steps).toEqual([0, 1, 2]);
  });

  test('a run whose every lane diverged stops by itself and says why', async () => {
    const lanes = PRESETS.zipf.config.lanes.slice(0, 2).map((l) => ({ ...l, lr: 1e4 }));
    const { s, seen, until } = session();
    await s.handle(start({ ...config, lanes }, null));
    await until((m) => m.type === 'paused');
    expect(seen.at(-1)).toMatchObject({ type: 'paused', reason: 'diverged' });
    const last = seen.findLast((m) => m.type === 'metrics');
    expect(last?.type === 'metrics' && [...last.diverged].sort()).toEqual([0, 1]);
  });

  test('a failed step is reported as resumable, and resume goes on from where the run stands', async () => {
    let fail = false;
    const { s, seen, until } = session({
      lostGraceMs: 0,
      createEngine: (d) => {
        const e = new CpuEngine(d);
        const steps = e.steps.bind(e);
        e.steps = (n) => {
          if (fail) throw new Error('injected failure');
          steps(n);
        };
        return e;
      },
    });
    await s.handle(start(config, 100));
    await until((m) => m.type === 'metrics' && m.snapshot.step >= 20);
    fail = true;
    await until((m) => m.type === 'error');
    expect(seen.find((m) => m.type === 'error')).toMatchObject({ message: 'injected failure', resumable: true });
    fail = false;
    await s.handle({ type: 'resume' });
    await until((m) => m.type === 'paused');
    expect(seen.at(-1)).toMatchObject({ type: 'paused', reason: 'stopStep' });
    expect(curves(seen).at(-1)![0]).toBe(100);
  });

  test('an invalid configuration is refused before anything is allocated, naming the field', async () => {
    let created = 0;
    const { s, seen } = session({ createEngine: (d) => (created++, new CpuEngine(d)) });
    await s.handle(start({ ...config, dim: 0 }, 30));
    expect(seen).toEqual([{ type: 'invalid', runId: 7, errors: [expect.objectContaining({ field: 'dim' })] }]);
    expect(created).toBe(0);
  });

  test('paused start, single steps, controls changed while paused, resume to the new stop', async () => {
    const { s, seen, until } = session();
    await s.handle(start(config, null, true));
    await s.handle({ type: 'step' });
    await s.handle({ type: 'step' });
    await s.handle({ type: 'controls', controls: { stopAt: 20, pace: null } });
    await s.handle({ type: 'resume' });
    await until((m) => m.type === 'paused' && m.reason === 'stopStep');
    const steps = seen.flatMap((m) => (m.type === 'metrics' ? [m.snapshot.step] : []));
    expect(steps).toEqual([0, 1, 2, 12, 20]);
  });

  test('a diverging lane is reported frozen, at the first step its loss passed DIVERGED_FACTOR times its start', async () => {
    const base = PRESETS.zipf.config;
    const lanes = [base.lanes[0], { ...base.lanes[1], beta: 1, cap: 1e6 }];
    const { s, seen, until } = session();
    await s.handle(start({ ...PRESETS.zipf.config, rows: 2000, lanes }, 300));
    await until((m) => m.type === 'paused');
    const metrics = seen.flatMap((m) => (m.type === 'metrics' ? [m] : []));
    const first = metrics.findIndex((m) => m.diverged.length > 0);
    expect(first).toBeGreaterThan(0);
    expect(metrics[first].diverged).toEqual([1]);
    const first0 = metrics[0].snapshot.lanes[1].excess;
    expect(diverged(metrics[first].snapshot.lanes[1].excess, first0)).toBe(true);
    expect(diverged(metrics[first - 1].snapshot.lanes[1].excess, first0)).toBe(false);
    expect(metrics.at(-1)!.diverged).toEqual([1]);
  });

  test('device lost: the run goes back to its checkpoint on the CPU engine and ends with the same curves', async () => {
    // A stand-in GPU: the engine is the CPU one calling itself 'webgpu' (so it is checkpointed),
    // the device a promise that settles when destroyed. After the loss no GPU is offered.
    let destroy = () => {};
    const device = {
      lost: new Promise((r) => (destroy = () => r({ message: 'test', reason: 'destroyed' }))),
      destroy: () => destroy(),
    };
    const limits = new Proxy({}, { get: () => 2 ** 30 }) as GPUSupportedLimits;
    const gpus: GpuResult[] = [
      {
        ok: true,
        gpu: { device: device as unknown as GPUDevice, description: 'stand-in', limits, ...KERNEL_PATHS.software },
      },
      { ok: false, reason: 'none left' },
    ];
    const asGpu = (e: CpuEngine): Engine & Resumable =>
      new Proxy(e, { get: (t, k) => (k === 'backend' ? 'webgpu' : (Reflect.get(t, k) as unknown)) }) as Engine &
        Resumable;
    const lost = session({
      requestGpu: async () => gpus.shift()!,
      createEngine: (d, gpu) => (gpu ? asGpu(new CpuEngine(d)) : new CpuEngine(d)),
      checkpointMs: 0,
      lostGraceMs: 50,
    });
    await lost.s.handle(start(config, 200, false));
    await lost.until((m) => m.type === 'metrics' && m.snapshot.step >= 90);
    await lost.s.handle({ type: 'loseDevice' });
    await lost.until((m) => m.type === 'paused');
    const recovered = lost.seen.find((m) => m.type === 'recovered');
    expect(recovered).toMatchObject({ backend: 'cpu', runId: 7 });
    expect(recovered?.type === 'recovered' && recovered.message).toMatch(
      /lost \(test\)\. Training went back to its checkpoint at step \d+ and goes on on the CPU engine/,
    );
    expect(lost.seen.some((m) => m.type === 'error')).toBe(false);

    const plain = session();
    await plain.s.handle(start(config, 200));
    await plain.until((m) => m.type === 'paused');
    expect(curves(lost.seen)).toEqual(curves(plain.seen));
    expect(curves(plain.seen).at(-1)![0]).toBe(200);
  });
});
