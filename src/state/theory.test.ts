import { describe, expect, test } from 'vitest';
import { PRESETS } from '../engine/config.ts';
import { floorsAt, noiseFloorSteps, noTheoryReason, theoryAt, theorySteps } from './theory.ts';

describe('theory on the page', () => {
  const zipf = PRESETS.zipf.config;

  test('covered lanes get a curve, Adagrad none; other workloads and sweeps say why', () => {
    const curves = theoryAt(zipf, theorySteps(zipf, 300));
    expect(curves.map((c) => c?.kind ?? null)).toEqual(['exact', 'exact', 'plugIn', null, null]);
    expect(noTheoryReason(zipf)).toBeNull();
    expect(noTheoryReason(PRESETS.mfZipf.config)).toBe('workload');
    expect(noTheoryReason({ ...zipf, lanes: zipf.lanes.slice(3) })).toBe('lanes');
    expect(noTheoryReason({ ...zipf, rows: 5_000_000 })).toBe('rows');
  });

  test('steps: multiples of the metrics interval up to the horizon, at most 200', () => {
    const steps = theorySteps(zipf, 100_000);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(100_000);
    expect(steps.length).toBeLessThanOrEqual(201);
    expect(steps.every((t) => t % zipf.metricsEvery === 0)).toBe(true);
  });

  test('constant-step lanes reach their noise floor on a long run; a decaying one has none', () => {
    const c = { ...zipf, lanes: [zipf.lanes[0], zipf.lanes[1], { ...zipf.lanes[1], decay: 100 }] };
    const floors = (step: number) => floorsAt(c, theoryAt(c, noiseFloorSteps(c, step)!));
    const near = (step: number) => floors(step).map((f) => f.now !== null && f.now < 1.1 * f.end!);
    expect(near(10)).toEqual([false, false, false]);
    expect(near(100_000)).toEqual([true, true, false]);
    expect(floors(10)[2]).toEqual({ now: null, end: null });
  });

  test('beyond a lane’s stable limit its theory diverges: no curve is drawn or exported for it', () => {
    const steep = { ...zipf, tokens: { kind: 'zipf' as const, s: 1.3 } };
    // SGD at η = 10 is above its limit ≈ 7 at Zipf 1.3; FA-SGD at 3 is below its ≈ 5.6.
    const curves = theoryAt(steep, theorySteps(steep, 500));
    expect(curves[0]).toBeNull();
    expect(curves[1]?.total.every(Number.isFinite)).toBe(true);
    expect(floorsAt(steep, theoryAt(steep, noiseFloorSteps(steep, 500)!))[0]).toEqual({ now: null, end: null });
  });
});
