import { describe, expect, test } from 'vitest';
import type { LaneConfig } from '../config.ts';
import { stateOffsets } from '../gpu/layout.ts';
import { rawMetricsWords, scoresOffset } from '../metrics.ts';
import { effectiveStep, excessLoss, scores } from '../hostMetrics.ts';
import { compare, maxMagnitude } from '../testing/compare.ts';
import {
  engineFor,
  f32,
  randomFloats,
  smallConfig,
  smallCtrConfig,
  smallDataRun,
  smallMfConfig,
} from '../testing/gpuHarness.ts';
import { METRIC_GROUPS } from '../workloads/runData.ts';

const lanes: LaneConfig[] = [
  { optimizer: 'sgd', lr: 0.7, beta: 0.5, cap: 10, eps: 1e-8 },
  { optimizer: 'fasgd', lr: 0.5, beta: 0.8, cap: 30, eps: 1e-8 },
  { optimizer: 'cfsgd', lr: 0.3, beta: 0.5, cap: 5, eps: 1e-8 },
  { optimizer: 'adagradRow', lr: 0.1, beta: 0.5, cap: 1, eps: 1e-3 },
  { optimizer: 'adagradCoord', lr: 0.2, beta: 0.5, cap: 1, eps: 1e-6 },
];

const rated = smallDataRun(true, { lanes, dim: 5 });
const implicit = smallDataRun(false, { lanes, dim: 5 });

describe('metrics on the GPU equal the reference', () => {
  for (const [name, config, pairs] of [
    ['token regression', smallConfig({ lanes, rows: 1000, dim: 6 }), undefined],
    ['matrix factorisation', smallMfConfig({ lanes, dim: 5 }), undefined],
    ['rated log (held-out squared loss)', rated.config, rated.pairs],
    ['implicit log (held-out logistic loss)', implicit.config, implicit.pairs],
    ['CTR (excess log loss and scores)', smallCtrConfig({ lanes, dim: 5 }), undefined],
  ] as const)
    test(name, async () => {
      const { engine, data } = await engineFor(config, {}, pairs);
      const R = data.rows;
      const size = R * config.dim;
      const table = randomFloats(lanes.length * size, 8);
      const state = randomFloats(stateOffsets(config).words, 9, 1e-4, 0.01);
      const S = data.tableStarts.length - 1;
      const counters = Uint32Array.from({ length: R + S }, (_, k) => (k >= R ? 80 - (k - R) : k % 9));
      engine.writeNamed('table', table);
      engine.writeNamed('optState', state);
      engine.writeNamed('counters', counters);
      engine.runStages(['metrics']);
      const got = f32(await engine.readNamed('metrics'));
      const words = rawMetricsWords(data);
      const { offsets } = stateOffsets(config);
      lanes.forEach((lane, l) => {
        const loss = excessLoss(data, table.subarray(l * size, (l + 1) * size));
        const c = compare(got.subarray(l * words, l * words + METRIC_GROUPS), loss, 1e-6, 1e-5);
        expect(c.mismatches, `excess loss, lane ${l}`).toEqual([]);
        if (config.workload === 'ctr') {
          // Scores are sums of O(1) products that cancel: errors are relative to the largest score.
          const want = scores(data, table.subarray(l * size, (l + 1) * size));
          const at = scoresOffset(data) + l * want.length;
          expect(
            compare(got.subarray(at, at + want.length), want, maxMagnitude(want), 1e-5).mismatches,
            `scores, lane ${l}`,
          ).toEqual([]);
        }
        const inp = {
          rowFreq: data.rowFreq,
          pmax: data.pmax,
          counters,
          tableStarts: data.tableStarts,
        };
        const eff = effectiveStep(lane, data, state.subarray(offsets[l]), inp);
        const e = compare(got.subarray(l * words + METRIC_GROUPS, (l + 1) * words), eff, 1e-6, 1e-5);
        expect(e.mismatches, `effective step, lane ${l} (${lane.optimizer})`).toEqual([]);
      });
      const counts = got.subarray(lanes.length * words, lanes.length * words + data.effRows.length);
      expect(Array.from(counts)).toEqual(Array.from(data.effRows, (k) => counters[k]));
      engine.destroy();
    });
});
