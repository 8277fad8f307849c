import { describe, expect, test } from 'vitest';
import { PRESETS } from '../engine/config.ts';
import { atNoiseFloor, noTheoryReason, theoryAt, theorySteps } from './theory.ts';

describe('theory on the page', () => {
  const zipf = PRESETS.zipf.config;

  test('covered lanes get a curve, Adagrad none; other workloads and sweeps say why', () => {
    const curves = theoryAt(zipf, theorySteps(zipf, 300));
    expect(curves.map((c) => c?.kind ?? null)).toEqual(['exact', 'exact', 'plugIn', null, null]);
    expect(noTheoryReason(zipf)).toBeNull();
    expect(noTheoryReason(PRESETS.mfZipf.config)).toMatch(/token regression only/);
    expect(noTheoryReason({ ...zipf, lanes: zipf.lanes.slice(3) })).toMatch(/not Adagrad/);
    expect(noTheoryReason({ ...zipf, rows: 5_000_000 })).toMatch(/too many to draw it live/);
  });

  test('steps: multiples of the metrics interval up to the horizon, at most 200', () => {
    const steps = theorySteps(zipf, 100_000);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(100_000);
    expect(steps.length).toBeLessThanOrEqual(201);
    expect(steps.every((t) => t % zipf.metricsEvery === 0)).toBe(true);
  });

  test('constant-step lanes reach their noise floor on a long run; a decaying one does not count', () => {
    const c = { ...zipf, lanes: [zipf.lanes[0], zipf.lanes[1], { ...zipf.lanes[1], decay: 100 }] };
    expect(atNoiseFloor(c, 10)).toEqual([]);
    expect(atNoiseFloor(c, 100_000)).toEqual([0, 1]);
  });
});
