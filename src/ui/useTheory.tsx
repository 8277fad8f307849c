// The theory curves the charts draw faint behind the lanes (state/theory.ts): of the run, or before
// Run of the form's configuration, over a horizon that is the stop step or grows with the run.

import { useMemo } from 'react';
import type { RunConfig } from '../engine/config.ts';
import { laneLabel } from '../engine/optimizers.ts';
import { controlsFromFields } from '../state/fields.ts';
import { formConfig, formErrors } from '../state/form.ts';
import { noTheoryReason, theoryAt, theorySteps, type LaneTheory } from '../state/theory.ts';
import type { Row, Series } from './Chart.tsx';
import { LANE_STYLE } from './laneStyle.ts';
import { usePlayground } from './storeContext.ts';

/** The configuration the charts show: the run's, or (before the first Run) the form's when valid. */
export function useShownConfig(): RunConfig | null {
  const running = usePlayground((s) => s.running);
  const presetId = usePlayground((s) => s.presetId);
  const fields = usePlayground((s) => s.fields);
  const custom = usePlayground((s) => s.custom);
  return useMemo(() => {
    if (running) return running;
    const form = { presetId, fields, custom };
    return Object.keys(formErrors(form)).length === 0 ? formConfig(form) : null;
  }, [running, presetId, fields, custom]);
}

export interface Theory {
  curves: (LaneTheory | null)[];
  /** Why there are none (said on the chart), or null. */
  reason: string | null;
}

const NONE: Theory = { curves: [], reason: null };

export function useTheory(): Theory {
  const config = useShownConfig();
  const stopAt = usePlayground((s) => controlsFromFields(s.fields).controls.stopAt);
  // Without a stop step the horizon doubles as the run goes (the curves are recomputed rarely).
  const horizon = usePlayground((s) => stopAt ?? Math.max(300, 2 ** Math.ceil(Math.log2(s.step * 1.25 + 1))));
  return useMemo(() => {
    if (!config) return NONE;
    const reason = noTheoryReason(config);
    return reason ? { curves: [], reason } : { curves: theoryAt(config, theorySteps(config, horizon)), reason: null };
  }, [config, horizon]);
}

/** Theory series t<i> of lane i, and their values written into rows by step (`value` picks total or a bucket). */
export function theorySeries(
  config: RunConfig | null,
  theory: Theory,
  byStep: (step: number) => Row,
  value: (t: LaneTheory, i: number) => number,
): Series[] {
  if (!config) return [];
  return theory.curves.flatMap((t, l) => {
    if (!t) return [];
    t.steps.forEach((step, i) => {
      const v = value(t, i);
      byStep(step)[`t${l}`] = Number.isFinite(v) ? v : null;
    });
    const lane = config.lanes[l];
    return [
      {
        key: `t${l}`,
        name: `${laneLabel(lane)}, theory${t.kind === 'plugIn' ? ' (plug-in approximation)' : ''}${config.seeds > 1 ? `, over ${config.seeds} seeds` : ''}`,
        color: LANE_STYLE[lane.optimizer].color,
        dash: '1 5',
        faint: true,
      },
    ];
  });
}
