import { describe, expect, test } from 'vitest';
import { PRESETS, type RunConfig } from './config.ts';
import { cpuLimitErrors, limitErrors, planBytes } from './limits.ts';
import { validateConfig } from './validate.ts';

const ok = PRESETS.zipf.config;
const fields = (c: RunConfig) => validateConfig(c).map((e) => e.field);

describe('configuration validation', () => {
  test('presets are valid; the data preset asks for data', () => {
    for (const [id, p] of Object.entries(PRESETS)) if (id !== 'data') expect(validateConfig(p.config)).toEqual([]);
    expect(validateConfig(PRESETS.data.config)).toEqual([
      { field: 'data', message: 'Open an interaction log or a text in "Your data" first.' },
    ]);
  });

  test.each([
    ['rows', { rows: 1 }],
    ['rows', { rows: 2.5 }],
    ['dim', { dim: 0 }],
    ['dim', { dim: 257 }],
    ['batch', { batch: 0 }],
    ['batch', { batch: 65537 }],
    ['seed', { seed: -1 }],
    ['noise', { noise: NaN }],
    ['tokens.s', { tokens: { kind: 'zipf', s: -0.5 } }],
    ['tokens.cutoff', { tokens: { kind: 'powerLaw', s: 1, cutoff: 0 } }],
    ['tokens', { tokens: { kind: 'counts', counts: [] } }],
    ['bucketEnds.1', { bucketEnds: [0.5, 0.2] }],
    ['items', { workload: 'matrixFactorization', items: 1 }],
  ] as [string, Partial<RunConfig>][])('%s: %o is refused', (field, over) => {
    expect(fields({ ...ok, ...over })).toContain(field);
  });

  test.each([
    ['lr', { lr: 0 }],
    ['lr', { lr: Infinity }],
    ['lr', { lr: -1 }],
    ['beta', { beta: -0.1 }],
    ['cap', { cap: 0.5 }],
    ['eps', { eps: 0 }],
  ] as const)('lane %s: %o is refused with a message', (name, over) => {
    const lanes = ok.lanes.map((l, i) => (i === 2 ? { ...l, ...over } : l));
    const errors = validateConfig({ ...ok, lanes });
    expect(errors.map((e) => e.field)).toEqual([`lanes.2.${name}`]);
    expect(errors[0].message).toMatch(/got/);
  });

  test('limits: the exceeded device limit and the excess are named', () => {
    const big = { ...ok, rows: 1_000_000, dim: 64 };
    const limits = { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20 };
    const errors = limitErrors(big, limits);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].message).toMatch(
      /table buffer needs 1220\.7 MiB, over this device's maxStorageBufferBindingSize of 128\.0 MiB by 1092\.7 MiB/,
    );
    expect(limitErrors(ok, limits)).toEqual([]);
    expect(planBytes(ok)).toBeGreaterThan(5 * 10_000 * 16 * 4);
    expect(cpuLimitErrors(ok)).toEqual([]);
    expect(cpuLimitErrors(big)[0].message).toMatch(/needs about .* MiB, over the CPU engine's limit of 1024\.0 MiB/);
  });

  test('limits: a buffer of 2^32 words or more is refused even where the device would grant it (u32 indices)', () => {
    const huge = { maxStorageBufferBindingSize: 2 ** 40, maxBufferSize: 2 ** 40 };
    // 40 lanes × 2^22 rows × 32 dims = 5.4e9 table words; 31 lanes: 4.2e9, just under 2^32.
    const wide = { ...ok, rows: 2 ** 22, dim: 32, lanes: Array.from({ length: 40 }, () => ok.lanes[0]) };
    const errors = limitErrors(wide, huge);
    expect(errors.map((e) => e.field)).toContain('rows');
    expect(errors[0].message).toMatch(/table buffer would hold 5\.37e\+9 words; the kernels index at most 2\^32 − 1/);
    const under = { ...wide, lanes: wide.lanes.slice(0, 31) };
    expect(limitErrors(under, huge).filter((e) => /words/.test(e.message))).toEqual([]);
  });
});

test('limits: a data run too big for the device names the data, not the table sizes', () => {
  const data = {
    source: 'log',
    name: 'big.csv',
    fingerprint: '0123abcd',
    pairs: 20_000_000,
    ratings: true,
    heldOut: 0.1,
    rows: 1000,
    items: 1000,
  } as const;
  const config: RunConfig = { ...PRESETS.data.config, rows: 1000, items: 1000, data };
  const errors = limitErrors(config, { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20 });
  expect(errors.map((e) => e.field)).toEqual(['data']);
  expect(errors[0].message).toMatch(/^The trainPairs buffer needs 152\.6 MiB, .* use a smaller log or text\.$/);
});
