import { describe, expect, test } from 'vitest';
import { PRESETS, type RunConfig } from './config.ts';
import { decodeMetrics, METRIC_GROUPS, rawMetricsLength, rawMetricsWords } from './metrics.ts';
import { excessLoss } from './reference/metrics.ts';
import { RANK_BINS } from './workloads/distributions.ts';
import { prepareRun } from './workloads/task.ts';

const small: RunConfig = { ...PRESETS.zipf.config, rows: 3000, dim: 4, lanes: PRESETS.zipf.config.lanes.slice(0, 1) };

describe('metric groups', () => {
  test('rank bins split the same loss as the buckets; each is the conditional loss of its tokens', () => {
    const data = prepareRun(small);
    const table = Float64Array.from({ length: data.rows * 4 }, (_, i) => Math.sin(i));
    const sums = excessLoss(data, table);
    const buckets = sums[0] + sums[1] + sums[2];
    const bins = sums.subarray(3).reduce((a, b) => a + b, 0);
    expect(bins).toBeCloseTo(buckets, 12);

    const raw = new Float64Array(rawMetricsLength(data));
    raw.set(sums);
    const m = decodeMetrics(data, 0, raw).lanes[0];
    expect(m.excess).toBeCloseTo(buckets, 12);
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

  test('matrix factorisation: every evaluation pair is in one bucket and one bin', () => {
    const data = prepareRun({ ...PRESETS.mfZipf.config, rows: 500, items: 400, dim: 4 });
    const mass = data.metricItems.groupMass;
    expect(mass[0] + mass[1] + mass[2]).toBeCloseTo(1, 12);
    expect(mass.subarray(3).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
