// The whole-step suite: every workload's GPU run against the float64 reference, and the same seed
// giving the same bits. One set of cases and checks for both WebGPU implementations the tests
// reach: Chromium's (Dawn + Tint, on SwiftShader: gpuEngine.gpu.test.ts) and Deno's (wgpu + naga,
// on Mesa's lavapipe: gpu/wholeStep.deno.ts). Each check returns what failed (empty: passed) and
// what it measured, and the callers assert on those.

import { DEFAULT_LANES, type RunConfig } from '../config.ts';
import type { GpuContext } from '../gpu/device.ts';
import type { PairData } from '../input/pairData.ts';
import { OPTIMIZER_LABEL } from '../optimizers.ts';
import { ReferenceEngine } from '../reference/referenceEngine.ts';
import type { MetricsSnapshot } from '../types.ts';
import { workloadOf } from '../workloads/registry.ts';
import { compare } from './compare.ts';
import { engineFor, smallConfig, smallCtrConfig, smallDataRun, smallMfConfig } from './gpuHarness.ts';

/** Steps of a parity run. */
export const PARITY_STEPS = 50;

const rated = smallDataRun(true, { dim: 8, batch: 512 });
const implicit = smallDataRun(false, { dim: 8, batch: 512 });

/** (name, configuration, the pairs of a data run). */
export const WHOLE_STEP_CASES: [string, RunConfig, PairData | undefined][] = [
  ['token regression', smallConfig({ rows: 2000, dim: 16, batch: 1024 }), undefined],
  [
    'token regression, every lane on a schedule',
    smallConfig({ rows: 2000, dim: 16, batch: 1024, lanes: DEFAULT_LANES.map((l) => ({ ...l, decay: 20 })) }),
    undefined,
  ],
  ['matrix factorisation', smallMfConfig({ rows: 600, items: 400, dim: 8, batch: 512 }), undefined],
  ['rated log', rated.config, rated.pairs],
  ['implicit log', implicit.config, implicit.pairs],
  ['CTR', smallCtrConfig({ dim: 8, batch: 512 }), undefined],
  // More occurrences than one workgroup sorts (SORT_IN_WORKGROUP): the tiled sort on GPUs.
  ['token regression, 5,000 samples', smallConfig({ rows: 3000, dim: 16, batch: 5000 }), undefined],
];

/** 32-bit FNV-1a of the tables' bits: equal digests, (almost surely) bitwise-equal tables. */
export function digest(tables: ArrayLike<number>[]): string {
  let h = 0x811c9dc5;
  for (const t of tables) {
    const words = new Uint32Array(Float32Array.from(t).buffer);
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export interface ParityResult {
  /** Per lane: the table's normwise error against the reference, and a line saying it and more. */
  lanes: { normRel: number; line: string }[];
  /** Each lane's table digest after the run, in lane order (compared across implementations by hand). */
  digests: string;
  failures: string[];
}

/**
 * PARITY_STEPS steps on the GPU and in the float64 reference: every table within 1e-4 normwise
 * (docs/engine.md, "Parity and its tolerance"), every metric within 1e-4 elementwise.
 */
export async function wholeStepParity(
  config: RunConfig,
  pairs: PairData | undefined,
  over: Partial<GpuContext>,
): Promise<ParityResult> {
  const { engine, data } = await engineFor(config, over, pairs);
  const reference = new ReferenceEngine(data);
  engine.steps(PARITY_STEPS);
  reference.steps(PARITY_STEPS);
  const [got, want] = [await engine.readTables(), await reference.readTables()];
  const failures: string[] = [];
  const lanes = config.lanes.map((lane, l) => {
    const c = compare(got[l], want[l]);
    if (!(c.normRel <= 1e-4)) failures.push(`lane ${l} (${lane.optimizer}): normwise ${c.normRel}`);
    const line =
      `${OPTIMIZER_LABEL[lane.optimizer]}: normwise rel ${c.normRel.toExponential(2)}, ` +
      `elementwise rel ${c.maxRel.toExponential(2)}, max abs ${c.maxAbs.toExponential(2)}`;
    return { normRel: c.normRel, line };
  });
  const [gm, rm] = [await engine.recordMetrics(), await reference.recordMetrics()];
  if (gm.step !== PARITY_STEPS) failures.push(`metrics of step ${gm.step}`);
  // Tokens have no item buckets (NaN on both sides).
  const groups = (m: MetricsSnapshot['lanes'][number]) => [
    m.excess,
    ...m.buckets,
    ...(workloadOf(config).pairs ? m.itemBuckets : []),
    ...(config.workload === 'ctr' ? [m.auc] : []),
  ];
  gm.lanes.forEach((lane, l) => {
    for (const m of compare(groups(lane), groups(rm.lanes[l]), 1e-6, 1e-4).mismatches)
      failures.push(`lane ${l} loss ${m}`);
    for (const m of compare(lane.effStep, rm.lanes[l].effStep, 1e-6, 1e-4).mismatches)
      failures.push(`lane ${l} effective step ${m}`);
  });
  const result = { lanes, digests: got.map((t) => digest([t])).join(' '), failures };
  engine.destroy();
  return result;
}

/**
 * Two runs of the same seed (3 metric intervals of 7 steps) give bitwise-equal metrics and tables,
 * and a run of another seed differs (so the comparison can fail).
 */
export async function wholeStepDeterminism(
  config: RunConfig,
  pairs: PairData | undefined,
  over: Partial<GpuContext>,
): Promise<string[]> {
  const runs: { metrics: MetricsSnapshot[]; tables: Float32Array[] }[] = [];
  for (let r = 0; r < 2; r++) {
    const { engine } = await engineFor(config, over, pairs);
    const metrics = [];
    for (let k = 0; k < 3; k++) {
      engine.steps(7);
      metrics.push(await engine.recordMetrics());
    }
    runs.push({ metrics, tables: await engine.readTables() });
    engine.destroy();
  }
  const failures: string[] = [];
  if (JSON.stringify(snapshotBits(runs[1].metrics)) !== JSON.stringify(snapshotBits(runs[0].metrics)))
    failures.push('metrics differ between two runs of the same seed');
  if (digest(runs[1].tables) !== digest(runs[0].tables))
    failures.push('tables differ between two runs of the same seed');
  const { engine } = await engineFor({ ...config, seed: config.seed + 1 }, over, pairs);
  engine.steps(7);
  if ((await engine.recordMetrics()).lanes[0].excess === runs[0].metrics[0].lanes[0].excess)
    failures.push('another seed gave the same loss');
  engine.destroy();
  return failures;
}

/** Every number of the snapshots as its float64 bits (NaN included), for a bitwise comparison. */
function snapshotBits(snapshots: MetricsSnapshot[]): number[] {
  const bits = (xs: ArrayLike<number>) => Array.from(new Uint32Array(Float64Array.from(xs).buffer));
  return snapshots.flatMap((s) => [
    s.step,
    ...bits(s.effCounts),
    ...s.lanes.flatMap((l) => bits([l.excess, ...l.buckets, ...l.itemBuckets, ...l.rankError, ...l.effStep, l.auc])),
  ]);
}
