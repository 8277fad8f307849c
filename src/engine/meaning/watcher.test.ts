// The meaning views through the engine worker's session, on the CPU engine and a small generated
// text: reports arrive while training and once more at the stop step (before "paused"), with k
// neighbours per lane, the agreement per bucket of every lane, the projection, and the followed
// row's life; a new watch while paused is answered at once; nothing is reported for a run nobody
// watches.

import { describe, expect, test } from 'vitest';
import { IMPLICIT_DATA_RATES, lanesWithRates, PRESETS, type RunConfig } from '../config.ts';
import type { GpuResult } from '../gpu/device.ts';
import { dataRef } from '../input/pairData.ts';
import { OTHER, parseText } from '../input/text.ts';
import type { FromWorker } from '../protocol.ts';
import { TrainingSession } from '../session.ts';
import { sampleText } from '../testing/sampleText.ts';
import { CpuEngine } from '../cpu/cpuEngine.ts';
import { prepareRun } from '../workloads/registry.ts';
import { NO_WATCH, type MeaningReport } from './report.ts';
import { PROJECTED_PER_BUCKET } from './projection.ts';

const parsed = parseText(sampleText(30_000, 1500), { vocabulary: 400, window: 2, lowercase: true });
if (!parsed.ok) throw new Error(parsed.error);
const pairs = parsed.corpus.pairs;
const other = parsed.corpus.rows.indexOf(OTHER);
const config: RunConfig = {
  ...PRESETS.data.config,
  rows: pairs.rows,
  items: pairs.items,
  batch: 256,
  lanes: lanesWithRates(IMPLICIT_DATA_RATES),
  data: dataRef(pairs, 'text', 'generated'),
};
const noGpu = async (): Promise<GpuResult> => ({ ok: false, reason: 'No WebGPU here.' });

function session() {
  const seen: FromWorker[] = [];
  const s = new TrainingSession({ requestGpu: noGpu, post: (m) => seen.push(m) });
  const until = async (test: (m: FromWorker) => boolean) => {
    while (!seen.some(test)) await new Promise((r) => setTimeout(r, 5));
  };
  const reports = () => seen.flatMap((m) => (m.type === 'meaning' ? [m.report] : []));
  return { s, seen, until, reports };
}

describe('meaning reports from the engine worker’s session', () => {
  test('a text run: agreement, neighbours, projection and a followed word, the last at the stop step', async () => {
    const { s, seen, until, reports } = session();
    const tail = config.rows - 3;
    const watch = { ...NO_WATCH, query: 1, k: 6, projection: true, follow: tail, exclude: [other] };
    await s.handle({
      type: 'start',
      config,
      pairs,
      runId: 3,
      controls: { stopAt: 200, pace: null },
      paused: false,
      watch,
    });
    await until((m) => m.type === 'paused');
    const types = seen.map((m) => m.type);
    // The stop's report comes just before "paused", and is of the stop step.
    expect(types.at(-1)).toBe('paused');
    expect(types.at(-2)).toBe('meaning');
    const last = reports().at(-1)!;
    expect(last.step).toBe(200);
    expect(seen.every((m) => m.runId === 3)).toBe(true);

    const L = config.lanes.length;
    expect(last.agreement).toHaveLength(L);
    for (const byBucket of last.agreement!) for (const x of byBucket) expect(x).toBeGreaterThanOrEqual(0);
    expect(last.agreementInfo).toMatchObject({ k: 10, among: 100 });
    const n = last.neighbours!;
    expect(n.query).toBe(1);
    expect(n.reference).toHaveLength(6);
    expect(n.lanes).toHaveLength(L);
    for (const lane of n.lanes) {
      expect(lane.rows).toHaveLength(6);
      expect(lane.rows).not.toContain(1);
      expect(lane.rows).not.toContain(other);
      expect(lane.cos).toEqual([...lane.cos].sort((x, y) => y - x));
    }
    const p = last.projection!;
    expect(p.rows.length).toBeLessThanOrEqual(3 * PROJECTED_PER_BUCKET);
    expect(p.rows).not.toContain(other);
    for (const lane of p.lanes) {
      expect(lane.xy).toHaveLength(2 * p.rows.length);
      expect(lane.explained[0]).toBeGreaterThanOrEqual(lane.explained[1]);
    }

    // The followed word, checked against a second engine run to the same step.
    const f = last.follow!;
    const engine = new CpuEngine(prepareRun(config, pairs));
    engine.steps(200);
    expect(f.row).toBe(tail);
    expect(f.count).toBe(engine.counters[tail]);
    expect(f.count).toBeGreaterThan(0);
    expect(f.lastSeen).toBeLessThanOrEqual(200);
    expect(f.loss.every((x) => x > 0 && x < 5)).toBe(true);
    expect(f.effStep).toHaveLength(L);
    // An update was caught on the way: at a step that held the row, no later than the report.
    const caught = reports().find((r) => r.follow?.update)?.follow?.update;
    expect(caught).toBeTruthy();
    expect(caught!.row).toBe(tail);
    expect(caught!.samples).toBeGreaterThan(0);
    expect(caught!.step).toBeLessThanOrEqual(200);

    // Paused at the stop: a new watch is answered at once, from the same tables.
    const before = reports().length;
    await s.handle({ type: 'watch', watch: { ...watch, query: 2, projection: false } });
    await until(() => reports().length > before);
    const again: MeaningReport = reports().at(-1)!;
    expect(again.step).toBe(200);
    expect(again.neighbours!.query).toBe(2);
    expect(again.projection).toBeNull();
    expect(again.agreement).toEqual(last.agreement);
  });

  test('a run nobody watches (no text, nothing asked) reports no meaning', async () => {
    const { s, seen, until } = session();
    const zipf = { ...PRESETS.zipf.config, rows: 300, batch: 64 };
    await s.handle({
      type: 'start',
      config: zipf,
      pairs: null,
      runId: 1,
      controls: { stopAt: 20, pace: null },
      paused: false,
    });
    await until((m) => m.type === 'paused');
    expect(seen.some((m) => m.type === 'meaning')).toBe(false);
    // Following a token works on every workload.
    await s.handle({ type: 'watch', watch: { ...NO_WATCH, follow: 0 } });
    await until((m) => m.type === 'meaning');
    const r = seen.find((m) => m.type === 'meaning')!;
    expect(r.type === 'meaning' && r.report.agreement).toBeNull();
    expect(r.type === 'meaning' && r.report.follow?.loss.every((x) => x > 0)).toBe(true);
  });
});
