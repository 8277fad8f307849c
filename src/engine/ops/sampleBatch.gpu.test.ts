import { describe, expect, test } from 'vitest';
import { sampleBatch } from '../reference/sampleBatch.ts';
import { compare } from '../testing/compare.ts';
import {
  contextsOf,
  engineFor,
  f32,
  smallConfig,
  smallCtrConfig,
  smallDataRun,
  smallMfConfig,
  unpair,
} from '../testing/gpuHarness.ts';

const rated = smallDataRun(true, { batch: 300 });
const implicit = smallDataRun(false, { batch: 300 });

describe('sampleBatch on the GPU equals the reference', () => {
  for (const [name, config, pairs] of [
    ['token regression', smallConfig({ dim: 5, batch: 333 }), undefined],
    ['matrix factorisation', smallMfConfig({ batch: 200 }), undefined],
    ['rated log', rated.config, rated.pairs],
    ['implicit log (negatives)', implicit.config, implicit.pairs],
    ['CTR (3 fields)', smallCtrConfig({ batch: 300 }), undefined],
  ] as const)
    test(name, async () => {
      const { engine, data } = await engineFor(config, {}, pairs);
      for (const step of [1, 2, 3]) {
        engine.runStages(['sampleBatch']);
        const want = sampleBatch(data, step);
        const { keys, vals } = unpair(await engine.readNamed('pairs'), data.occurrences);
        // Token ids and contexts are integer-derived: bit-identical on every device.
        expect(keys).toEqual(want.rows);
        expect(vals).toEqual(Uint32Array.from(vals, (_, i) => i));
        if (config.workload === 'tokenRegression')
          expect(contextsOf(await engine.readNamed('contexts'), config.batch, config.dim)).toEqual(want.x);
        // Data labels are copied: bit-identical; teacher labels are sums of products.
        if (pairs) expect(f32(await engine.readNamed('labels'))).toEqual(Float32Array.from(want.y));
        const labels = compare(f32(await engine.readNamed('labels')), want.y, 1e-3, 1e-5);
        expect(labels.mismatches).toEqual([]);
        // The next step (countRows moves the counter on in a whole step).
        engine.writeNamed('control', new Uint32Array([step + 1]));
      }
      engine.destroy();
    });
});
