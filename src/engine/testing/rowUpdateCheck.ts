// The check shared by the CPU unit test and the GPU browser test of meaning/rowUpdate.ts: for a few
// rows, step an engine up to the step before one that holds the row, take its checkpoint, take the
// step, and compare the row the engine wrote in every lane with the update rule evaluated from the
// substituted numbers (applyRule). A 1% larger step must miss by far more than the tolerance, so
// the comparison can tell a wrong number from rounding.

import { DEFAULT_LANES, IMPLICIT_DATA_RATES, lanesWithRates, type RunConfig } from '../config.ts';
import { dataRef, type PairData } from '../input/pairData.ts';
import { parseText } from '../input/text.ts';
import { applyRule, rowUpdate, stepHolds } from '../meaning/rowUpdate.ts';
import { sampleStep } from '../sampling/sampleStep.ts';
import type { Engine, Resumable } from '../types.ts';
import type { RunData } from '../workloads/runData.ts';
import { smallConfig, smallCtrConfig, smallDataRun, smallMfConfig } from './gpuHarness.ts';
import { sampleText } from './sampleText.ts';

/** One small run of every workload (a text among them), two lanes on a schedule: [name, config, pairs]. */
export function rowUpdateCases(): [string, RunConfig, PairData | undefined][] {
  const text = parseText(sampleText(20_000, 800), { vocabulary: 600, window: 2, lowercase: true });
  if (!text.ok) throw new Error(text.error);
  const pairs = text.corpus.pairs;
  const textConfig: RunConfig = {
    ...smallConfig({ workload: 'data', rows: pairs.rows, items: pairs.items, batch: 256 }),
    lanes: lanesWithRates(IMPLICIT_DATA_RATES),
    data: dataRef(pairs, 'text', 'generated'),
  };
  const rated = smallDataRun(true, { dim: 8, batch: 256 });
  // A schedule on two lanes: the rule substitutes η(t), not η.
  const scheduled = DEFAULT_LANES.map((l, i) => (i % 2 ? { ...l, decay: 20 } : l));
  return [
    ['token regression', smallConfig({ rows: 500, dim: 8, batch: 256, lanes: scheduled }), undefined],
    ['matrix factorisation', smallMfConfig({ rows: 300, items: 200, batch: 256 }), undefined],
    ['text (implicit pairs)', textConfig, pairs],
    ['rated log', rated.config, rated.pairs],
    ['CTR', smallCtrConfig({ batch: 256 }), undefined],
  ];
}

export interface RowCheck {
  row: number;
  step: number;
  optimizer: string;
  /** ‖engine − rule‖ / ‖engine − before‖ (the rule's miss relative to the update's size). */
  miss: number;
  /** The same for the rule with a 1% larger step. */
  missOff: number;
  moved: number;
}

/** Checks `rows` one after another (each from `warm` steps past the previous check on). */
export async function checkRowUpdates(
  engine: Engine & Resumable,
  data: RunData,
  rows: number[],
  warm = 5,
): Promise<RowCheck[]> {
  const d = data.config.dim;
  const scratch = sampleStep(data, 1);
  const out: RowCheck[] = [];
  for (const row of rows) {
    let t = engine.stepCount + warm;
    while (!stepHolds(data, t, row, scratch)) t++;
    engine.steps(t - 1 - engine.stepCount);
    const before = await engine.checkpoint();
    engine.steps(1);
    const after = await engine.readTables();
    const u = rowUpdate(data, before, row)!;
    u.lanes.forEach((lane, l) => {
      const got = Array.from({ length: d }, (_, j) => after[l][row * d + j]);
      const norm = (v: number[]) => Math.hypot(...v);
      const moved = norm(got.map((x, j) => x - lane.before[j]));
      const off = applyRule({ ...lane, lr: lane.lr * 1.01 });
      out.push({
        row,
        step: t,
        optimizer: lane.optimizer,
        miss: norm(got.map((x, j) => x - lane.after[j])) / moved,
        missOff: norm(got.map((x, j) => x - off[j])) / moved,
        moved,
      });
    });
  }
  return out;
}
