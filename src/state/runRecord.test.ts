import { describe, expect, test } from 'vitest';
import { PRESETS } from '../engine/config.ts';
import { runTheory } from '../engine/theory.ts';
import { configSummary, makeRecord, parseRunRecord, seriesCsv } from './runRecord.ts';

const config = { ...PRESETS.zipf.config, lanes: PRESETS.zipf.config.lanes.slice(0, 2) };
const points = [
  {
    step: 0,
    excess: [0.5, 0.5],
    buckets: [
      [0.4, 0.5, 0.6],
      [0.4, 0.5, 0.6],
    ] as [number, number, number][],
    itemBuckets: [] as [number, number, number][],
    auc: [],
  },
  {
    step: 10,
    excess: [0.3, Infinity],
    buckets: [
      [0.1, 0.2, NaN],
      [0.1, 0.2, 0.5],
    ] as [number, number, number][],
    itemBuckets: [] as [number, number, number][],
    auc: [],
  },
];
const record = makeRecord('my run', config, points, 'http://localhost/#v=2&seed=3', 'CPU');

describe('run records', () => {
  test('JSON round trip; non-finite values become null', () => {
    const back = parseRunRecord(JSON.stringify(record));
    expect(back).toEqual({ ok: true, record });
    expect(record.points[1].excess).toEqual([0.3, null]);
    expect(record.points[1].buckets[0]).toEqual([0.1, 0.2, null]);
  });

  test('CSV: one row per step, a named column per lane and metric', () => {
    const { theory, ...measured } = record;
    expect(theory).toHaveLength(2);
    const lines = seriesCsv(measured).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'step,SGD (η=10) excess loss,SGD (η=10) head loss,SGD (η=10) torso loss,SGD (η=10) tail loss,' +
        'FA-SGD (η=3) excess loss,FA-SGD (η=3) head loss,FA-SGD (η=3) torso loss,FA-SGD (η=3) tail loss',
    );
    expect(lines.slice(1)).toEqual(['0,0.5,0.4,0.5,0.6,0.5,0.4,0.5,0.6', '10,0.3,0.1,0.2,,,0.1,0.2,0.5']);
  });

  test('CSV and JSON carry the theory curve of each lane it covers, at the recorded steps', () => {
    const [sgd, fasgd] = runTheory(config, [0, 10]);
    const lines = seriesCsv(record).trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(9)).toEqual(
      ['SGD (η=10)', 'FA-SGD (η=3)'].flatMap((n) =>
        ['excess', 'head', 'torso', 'tail'].map((m) => `${n} theory ${m} loss`),
      ),
    );
    const at = (i: number) => lines[1 + i].split(',').slice(9).map(Number);
    for (const i of [0, 1]) expect(at(i)).toEqual([sgd!, fasgd!].flatMap((t) => [t.total[i], ...t.buckets[i]]));
    expect(parseRunRecord(JSON.stringify(record))).toEqual({ ok: true, record });
    expect(parseRunRecord(JSON.stringify({ ...record, theory: [null] }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/theory curves are malformed/),
    });
  });

  test('summary names workload, sizes, distribution, seed and lanes', () => {
    expect(configSummary(config)).toBe(
      'token regression, N=10000 (Zipf s=1.1), d=16, B=1024, seed 1; SGD (η=10), FA-SGD (η=3) β=0.5 c=20',
    );
  });

  test.each([
    ['{', /not a JSON file/],
    ['[]', /not a run exported/],
    [JSON.stringify({ ...record, version: 7 }), /version 7/],
    [JSON.stringify({ ...record, name: 5 }), /name, link or device/],
    [JSON.stringify({ ...record, config: { ...config, dim: -1 } }), /configuration is invalid: Dimension/],
    [JSON.stringify({ ...record, config: { ...config, bucketEnds: 7 } }), /configuration is invalid/],
    [JSON.stringify({ ...record, config: { ...config, lanes: [{ optimizer: 'sgd', lr: 1 }] } }), /invalid/],
    [JSON.stringify({ ...record, points: [record.points[1], record.points[0]] }), /Point 2 .* steps must increase/],
    [JSON.stringify({ ...record, points: [{ ...record.points[0], excess: [1] }] }), /needs 2 losses/],
    [JSON.stringify({ ...record, points: [{ ...record.points[0], excess: ['1', 2] }] }), /needs 2 losses/],
    [
      JSON.stringify({
        ...record,
        points: [
          {
            ...record.points[0],
            buckets: [
              [1, 2],
              [1, 2, 3],
            ],
          },
        ],
      }),
      /3 bucket/,
    ],
  ])('hostile input: a run file is refused: %s', (text, message) => {
    const r = parseRunRecord(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  test('unknown configuration keys are dropped', () => {
    const r = parseRunRecord(JSON.stringify({ ...record, config: { ...config, evil: 'x', ['__proto__']: { a: 1 } } }));
    expect(r.ok && Object.keys(r.record.config)).toEqual(Object.keys(PRESETS.zipf.config));
  });
});
