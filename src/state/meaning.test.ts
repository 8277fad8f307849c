// The store's side of the meaning views: what is watched reaches the engine (with each run and on
// every change, rows it lacks dropped), reports accumulate (agreement by step, the followed row's
// losses, each reset where it should be), and the agreement travels in run records (JSON and CSV),
// a malformed one refused.

import { describe, expect, test } from 'vitest';
import { PRESETS } from '../engine/config.ts';
import type { MeaningReport } from '../engine/meaning/report.ts';
import type { ToWorker } from '../engine/protocol.ts';
import { agreementRecord, withReport } from './agreementRecord.ts';
import { defaultForm } from './form.ts';
import { makeRecord, parseRunRecord, seriesCsv } from './runRecord.ts';
import { createPlaygroundStore } from './store.ts';

const report = (step: number, over: Partial<MeaningReport> = {}): MeaningReport => ({
  step,
  agreement: [
    [0.2, 0.1, 0.05],
    [0.25, 0.15, 0.1],
  ],
  agreementInfo: { k: 10, among: 200, queries: [19, 60, 60] },
  neighbours: null,
  projection: null,
  follow: { row: 7, count: 3, lastSeen: step - 1, effStep: [1, 2], loss: [0.7, 0.6], update: null },
  ...over,
});

describe('store: meaning views', () => {
  test('the watch goes with Run and with every change while a run is on; k is clamped', () => {
    const sent: ToWorker[] = [];
    const store = createPlaygroundStore((m) => sent.push(m), defaultForm('zipf'));
    const s = () => store.getState();
    s().setWatch({ follow: 3, k: 99 });
    expect(s().watch).toMatchObject({ follow: 3, k: 30 });
    expect(sent).toEqual([]); // no run: nothing to tell
    s().run();
    expect(sent.at(-1)).toMatchObject({ type: 'start', watch: { follow: 3, k: 30, exclude: [] } });
    s().setWatch({ query: 5, projection: true });
    expect(sent.at(-1)).toEqual({ type: 'watch', watch: { ...s().watch, query: 5, projection: true, exclude: [] } });
    // A row the run does not have is not sent.
    s().setWatch({ query: 1_000_000 });
    expect(sent.at(-1)).toMatchObject({ type: 'watch', watch: { query: null } });
    // Another preset: the watched rows belonged to the old data.
    s().choosePreset('uniform');
    expect(s().watch).toMatchObject({ query: null, follow: null, projection: true, k: 30 });
  });

  test('reports: the newest kept, agreement by step (a repeated step replaced), the followed row’s losses', () => {
    const store = createPlaygroundStore(() => {}, defaultForm('zipf'));
    const s = () => store.getState();
    s().receiveMeaning(report(10));
    expect(s().meaning).toBeNull(); // no run: ignored
    s().run();
    s().setWatch({ follow: 7 });
    for (const step of [10, 20, 20, 30]) s().receiveMeaning(report(step));
    expect(s().agreement.map((p) => p.step)).toEqual([10, 20, 30]);
    expect(s().followed.map((p) => p.step)).toEqual([10, 20, 30]);
    expect(s().agreementInfo).toEqual({ k: 10, among: 200, queries: [19, 60, 60] });
    // Another followed row starts its own history.
    s().setWatch({ follow: 8 });
    expect(s().followed).toEqual([]);
    s().receiveMeaning(report(40, { follow: { ...report(40).follow!, row: 8 } }));
    expect(s().followed.map((p) => p.step)).toEqual([40]);
    // A new run starts empty.
    s().reset();
    expect([s().meaning, s().agreement, s().followed]).toEqual([null, [], []]);
  });

  test('withReport: no agreement leaves the points; long series keep every other old point and the newest', () => {
    expect(withReport([], report(5, { agreement: null }))).toEqual([]);
    let points = withReport([], report(1));
    for (let i = 2; i <= 1300; i++) points = withReport(points, report(i));
    expect(points.length).toBeLessThanOrEqual(1200);
    expect(points.at(-1)!.step).toBe(1300);
    expect(points[0].step).toBe(1);
  });
});

describe('run records: the agreement', () => {
  const config = { ...PRESETS.zipf.config, lanes: PRESETS.zipf.config.lanes.slice(0, 2) };
  const points = [0, 10, 20].map((step) => ({
    step,
    excess: [0.5, 0.4],
    buckets: [
      [0.4, 0.5, 0.6],
      [0.3, 0.4, 0.5],
    ] as [number, number, number][],
    itemBuckets: [],
    auc: [],
  }));
  const agreement = agreementRecord(
    { k: 10, among: 200, queries: [19, 60, 60] },
    [10, 15, 20].map((step) => ({
      step,
      lanes: [
        [0.2, 0.1, step / 100],
        [0.3, NaN, 0.1],
      ] as [number, number, number][],
    })),
  )!;
  const record = makeRecord('text run', config, points, 'http://localhost/#v=4', 'CPU', agreement);

  test('JSON round trip, a non-finite value as null', () => {
    expect(record.agreement!.points[0].lanes[1]).toEqual([0.3, null, 0.1]);
    expect(parseRunRecord(JSON.stringify(record))).toEqual({ ok: true, record });
    expect(agreementRecord(null, [])).toBeUndefined();
  });

  test('CSV: head, torso and tail agreement per lane; a measured step without kept losses gets its own row', () => {
    const { theory: _, ...measured } = record;
    const lines = seriesCsv(measured).trimEnd().split('\r\n');
    const header = lines[0].split(',');
    expect(header.slice(9)).toEqual(
      ['SGD (η=10)', 'FA-SGD (η=3)'].flatMap((n) => ['head', 'torso', 'tail'].map((b) => `${n} ${b} agreement@10`)),
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '10', '15', '20']);
    expect(lines[1].split(',').slice(9)).toEqual(['', '', '', '', '', '']);
    expect(lines[2].split(',').slice(9)).toEqual(['0.2', '0.1', '0.1', '0.3', '', '0.1']);
    expect(lines[3].split(',')).toEqual(['15', ...Array(8).fill(''), '0.2', '0.1', '0.15', '0.3', '', '0.1']);
  });

  test.each([
    [{ ...agreement, k: 'ten' }, /whole numbers k and among/],
    [{ ...agreement, points: 'x' }, /must be a list/],
    [{ ...agreement, points: [agreement.points[1], agreement.points[0]] }, /steps must increase/],
    [{ ...agreement, points: [{ step: 1, lanes: [[0.1, 0.2, 0.3]] }] }, /each of 2 lanes/],
    [
      {
        ...agreement,
        points: [
          {
            step: 1,
            lanes: [
              [0.1, 0.2, '0.3'],
              [0, 0, 0],
            ],
          },
        ],
      },
      /each of 2 lanes/,
    ],
  ])('a malformed agreement is refused: %j', (bad, message) => {
    const r = parseRunRecord(JSON.stringify({ ...record, agreement: bad }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
