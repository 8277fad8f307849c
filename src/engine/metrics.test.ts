import { describe, expect, test } from 'vitest';
import { PRESETS, type RunConfig } from './config.ts';
import { auc, decodeMetrics, rawMetricsLength, rawMetricsWords } from './metrics.ts';
import { excessLoss, scores } from './hostMetrics.ts';
import { RANK_BINS } from './sampling/distributions.ts';
import { GROUP, METRIC_GROUPS } from './workloads/runData.ts';
import { prepareRun } from './workloads/registry.ts';

const small: RunConfig = { ...PRESETS.zipf.config, rows: 3000, dim: 4, lanes: PRESETS.zipf.config.lanes.slice(0, 1) };

describe('metric groups', () => {
  test('rank bins split the same loss as the buckets; each is the conditional loss of its tokens', () => {
    const data = prepareRun(small);
    const table = Float64Array.from({ length: data.rows * 4 }, (_, i) => Math.sin(i));
    const sums = excessLoss(data, table);
    const buckets = sums[0] + sums[1] + sums[2];
    const bins = sums.subarray(GROUP.bin).reduce((a, b) => a + b, 0);
    expect(bins).toBeCloseTo(buckets, 12);
    // Tokens have no item buckets.
    expect([...sums.subarray(GROUP.itemBucket, GROUP.bin)]).toEqual([0, 0, 0]);

    const raw = new Float64Array(rawMetricsLength(data));
    raw.set(sums);
    const m = decodeMetrics(data, 0, raw).lanes[0];
    expect(m.excess).toBeCloseTo(buckets, 12);
    expect(m.itemBuckets.every(Number.isNaN)).toBe(true);
    // Directly: Σ p_k ½‖θ_k − θ*_k‖² / Σ p_k over the tokens of bin r.
    for (let r = 0; r < RANK_BINS; r++) {
      const [from, to] = [data.rankBins[r], data.rankBins[r + 1]];
      if (from === to) {
        expect(m.rankError[r]).toBeNaN();
        continue;
      }
      let num = 0;
      let den = 0;
      for (let k = from; k < to; k++) {
        let err = 0;
        for (let j = 0; j < 4; j++) err += (table[k * 4 + j] - data.teacher[k * 4 + j]) ** 2;
        num += (data.rowFreq[k] / 2) * err;
        den += data.rowFreq[k];
      }
      expect(m.rankError[r] / (num / den)).toBeCloseTo(1, 5);
    }
    expect(rawMetricsWords(data)).toBe(METRIC_GROUPS + data.effRows.length);
  });

  test('matrix factorisation: every evaluation pair is in one bucket, one item bucket and one bin', () => {
    const data = prepareRun({ ...PRESETS.mfZipf.config, rows: 500, items: 400, dim: 4 });
    const mass = data.metricItems.groupMass;
    const total = (from: number, to: number) => mass.subarray(from, to).reduce((a, b) => a + b, 0);
    expect(total(GROUP.bucket, GROUP.bucket + 3)).toBeCloseTo(1, 12);
    expect(total(GROUP.itemBucket, GROUP.itemBucket + 3)).toBeCloseTo(1, 12);
    expect(total(GROUP.bin, METRIC_GROUPS)).toBeCloseTo(1, 12);
    for (const g of data.metricItems.chunkGroups) expect(g.toString(2).replace(/0/g, '')).toBe('111');
  });
});

describe('AUC', () => {
  test('the chance that a positive scores above a negative, ties half', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(auc([1, 2, 3], [0, 1, 1])).toBe(1);
    expect(auc([3, 2, 1], [0, 1, 1])).toBe(0);
    expect(auc([5, 5, 5, 5], [0, 1, 0, 1])).toBe(0.5);
    expect(auc([1, 2], [1, 1])).toBeNaN();
    expect(auc([NaN, 2], [0, 1])).toBeNaN();
  });

  test('CTR: the evaluation set has clicks at about the base rate; a perfect model scores the teacher AUC', () => {
    const data = prepareRun({ ...PRESETS.ctr.config, dim: 4 });
    const m = data.metricItems;
    const rate = m.clicks!.reduce((a, b) => a + b, 0) / m.clicks!.length;
    const meanP = m.y.reduce((a, b) => a + b, 0) / m.y.length;
    expect(Math.abs(rate - meanP)).toBeLessThan(0.03);
    // The teacher itself has zero excess log loss and the best AUC any model can expect.
    const sums = excessLoss(data, data.teacher);
    expect(sums[0] + sums[1] + sums[2]).toBeCloseTo(0, 6);
    const teacherAuc = auc(scores(data, data.teacher), m.clicks!);
    expect(teacherAuc).toBeGreaterThan(0.7);
  });
});
