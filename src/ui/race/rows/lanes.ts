// What every race chart's rows share, as pure functions: the row key of a lane, the lanes' series
// (each optimizer's best rate in a sweep), chart values, a table of rows by step, the top of a
// training-curve axis, and the theory curves written into rows.
// Rows are {x: step (or frequency, rank), [series key]: value | null}; keys: l<i> lane i, t<i> its
// theory, lo<i>/hi<i> its range over seeds, o<k>_<i> lane i of overlay k, s_<key> a smoothed twin.

import type { LaneConfig, RunConfig } from '../../../engine/config.ts';
import { laneLabel } from '../../../engine/optimizers.ts';
import type { LaneTheory } from '../../../state/theory.ts';
import type { Row, Series } from '../../chart/figure/plot.ts';
import { LANE_STYLE } from '../../parts/laneStyle.ts';

const LANE_KEYS: string[] = [];
/** The row key of lane l's values: "l0", "l1", … (each built once: rows are filled in hot loops). */
export const laneKey = (l: number): string => (LANE_KEYS[l] ??= `l${l}`);

/** Series of the lanes (key laneKey(i) for lane i), only the tuned ones in a sweep (null: all). */
export function laneSeries(
  lanes: LaneConfig[],
  tuned: number[] | null,
  suffix: (l: number) => string = () => '',
): Series[] {
  return lanes.flatMap((lane, l) =>
    tuned && !tuned.includes(l)
      ? []
      : [
          {
            key: laneKey(l),
            name: `${laneLabel(lane)}${tuned ? ', best rate' : ''}${suffix(l)}`,
            ...LANE_STYLE[lane.optimizer],
          },
        ],
  );
}

/** Chart values: a number that is not finite (a diverged lane) is a gap. */
export const finite = (v: number) => (Number.isFinite(v) ? v : null);

/** Rows by x, filled through `row(x)`, read out sorted by x. */
export function rowTable() {
  const byX = new Map<number, Row>();
  return {
    row: (x: number) => byX.get(x) ?? byX.set(x, { x }).get(x)!,
    rows: () => [...byX.values()].sort((a, b) => a.x! - b.x!),
  };
}

/**
 * Top of a training-curve axis: 3× the largest starting value (the first row of each set), so a
 * diverging lane runs off the top instead of squashing every other curve. Infinity: no start yet.
 */
export function curveTop(rowSets: Row[][], keys: string[]): number {
  const starts = rowSets.flatMap((rows) => keys.map((k) => rows[0]?.[k] ?? 0)).filter(Number.isFinite);
  const start = Math.max(0, ...starts);
  return start > 0 ? 3 * start : Infinity;
}

/** The theory curves drawn behind the lanes, and why there are none (said on the chart). */
export interface Theory {
  curves: (LaneTheory | null)[];
  reason: string | null;
}

/**
 * Theory series t<i> of lane i, their values written into rows by step (`value` picks the total or
 * a bucket); a value that is not finite is a gap.
 */
export function theorySeries(
  config: RunConfig | null,
  theory: Theory,
  row: (step: number) => Row,
  value: (t: LaneTheory, i: number) => number,
): Series[] {
  if (!config) return [];
  return theory.curves.flatMap((t, l) => {
    if (!t) return [];
    const key = `t${l}`;
    t.steps.forEach((step, i) => (row(step)[key] = finite(value(t, i))));
    const lane = config.lanes[l];
    return [
      {
        key,
        name: `${laneLabel(lane)}, theory${t.kind === 'plugIn' ? ' (plug-in approximation)' : ''}${config.seeds > 1 ? `, over ${config.seeds} seeds` : ''}`,
        color: LANE_STYLE[lane.optimizer].color,
        dash: '1 5',
        faint: true,
        smooth: true,
        legendGroup: 'theory (dotted)',
      },
    ];
  });
}
