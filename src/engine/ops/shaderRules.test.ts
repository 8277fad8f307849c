// Rules the WGSL must keep for real GPUs, checked on the source (SwiftShader, the adapter the tests
// run on, hides both: it returns +inf where a GPU may return anything, and has no D3D12 atomics).

import { describe, expect, test } from 'vitest';

const shaders = import.meta.glob('../../../shaders/*.wgsl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const named = Object.entries(shaders).map(([path, code]) => [path.split('/').pop()!, code] as const);

/** The body of `fn name(…) { … }` (braces balanced). */
function body(code: string, name: string): string {
  const start = code.indexOf(`fn ${name}(`);
  if (start < 0) throw new Error(`no fn ${name}`);
  let depth = 0;
  for (let i = code.indexOf('{', start); i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return code.slice(start, i + 1);
  }
  throw new Error(`fn ${name} does not end`);
}

/** Code without // comments. */
const uncommented = (code: string) => code.replace(/\/\/.*$/gm, '');

describe('the shaders never rely on an infinity (WGSL may assume there are none)', () => {
  test('every exp2 clamps its exponent to MAX_EXP2 first (boosts go through cappedExp2)', () => {
    expect(named.length).toBeGreaterThanOrEqual(7);
    for (const [file, code] of named)
      for (const line of uncommented(code)
        .split('\n')
        .filter((l) => /\bexp2\(/.test(l)))
        expect(line, file).toMatch(/\bexp2\(min\(.*, MAX_EXP2\)\)/);
    expect(body(shaders['../../../shaders/common.wgsl'], 'frequencyMultiplier')).not.toMatch(/\bexp2\(/);
  });

  test('exp is only ever taken of −|s| (a value ≤ 0)', () => {
    for (const [file, code] of named)
      for (const call of uncommented(code).match(/\bexp\([^)]*\)?/g) ?? []) expect(call, file).toMatch(/^exp\(-abs\(/);
  });
});

test('no storage atomics: the per-run kernel reads the run list plainly (an atomic load of one address read by every thread is serialised on D3D12), countRows adds to each counter once per run', () => {
  const reduce = uncommented(shaders['../../../shaders/reduceRows.wgsl']);
  const optimizer = uncommented(shaders['../../../shaders/optimizerStep.wgsl']);
  expect(optimizer).not.toMatch(/atomic/);
  expect(optimizer).toMatch(/var<storage, read> runs: array<u32>/);
  expect(body(reduce, 'segmentSums')).not.toMatch(/atomic/);
  // countRows' only atomics are in workgroup memory: each table's largest counter.
  expect(reduce).toMatch(/var<workgroup> largest: array<atomic<u32>/);
  expect(reduce).not.toMatch(/var<storage[^>]*>\s*\w+\s*:\s*array<atomic/);
});
