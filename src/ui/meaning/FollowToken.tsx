// Follow one row through training (every workload): how often it occurred so far, how long ago it
// was last updated, the step each lane would give it next, its own loss per lane over time, and its
// last update in each lane as the update rule with the numbers substituted (ruleTex.ts). The engine
// worker catches that update live, from its state just before the row's step.

import { useMemo } from 'react';
import type { LaneConfig } from '../../engine/config.ts';
import { laneLabel } from '../../engine/optimizers.ts';
import { bucketBounds, bucketOf } from '../../engine/sampling/distributions.ts';
import { formatNumber } from '../../state/format.ts';
import { Chart } from '../chart/Chart.tsx';
import { SLOW_REDRAW_MS } from '../chart/redrawPolicy.ts';
import { Formula } from '../parts/Formula.tsx';
import { useLive, usePlayground } from '../parts/storeContext.ts';
import { RowPicker } from './RowPicker.tsx';
import { suggestedRows } from './pickRow.ts';
import { BUCKET_NAMES, followRows, laneSeries } from './rows.ts';
import { ruleTex } from './ruleTex.ts';

const n = (x: number) => x.toLocaleString('en-US');

export function FollowToken({
  lanes,
  rows,
  ends,
  names,
  excluded,
  unit,
  loss,
}: {
  lanes: LaneConfig[];
  rows: number;
  ends: [number, number];
  names: string[] | null;
  excluded: number[];
  /** What a row is: a token, a word, a user, a field-1 value. */
  unit: string;
  /** What its own loss is called. */
  loss: string;
}) {
  const chosen = usePlayground((s) => s.watch.follow);
  const setWatch = usePlayground((s) => s.setWatch);
  const report = useLive((s) => s.meaning?.follow ?? null);
  const step = useLive((s) => s.meaning?.step ?? 0);
  const followed = useLive((s) => s.followed);
  const bounds = useMemo(() => bucketBounds(rows, ends), [rows, ends]);
  const suggested = useMemo(() => suggestedRows(rows, bounds, names, excluded, 2), [rows, bounds, names, excluded]);
  const series = useMemo(() => laneSeries(lanes), [lanes]);
  const lossRows = useMemo(() => followRows(followed), [followed]);
  const f = report && report.row === chosen ? report : null;
  const name = (r: number) => `rank ${n(r + 1)}${names?.[r] !== undefined ? ` “${names[r]}”` : ''}`;
  const bucket = (r: number) => BUCKET_NAMES[bucketOf(r, bounds)];
  return (
    <section className="follow" aria-labelledby="follow-title">
      <h3 id="follow-title">Follow one {unit}</h3>
      <RowPicker
        label={unit[0].toUpperCase() + unit.slice(1)}
        rows={rows}
        names={names}
        excluded={excluded}
        suggested={suggested}
        chosen={chosen}
        onPick={(follow) => setWatch({ follow })}
        onClear={() => setWatch({ follow: null })}
        testId="follow-picker"
      />
      {chosen === null ? (
        <p className="hint">
          Pick a {unit} to see its life: its updates, its step sizes and its own loss, lane by lane.
        </p>
      ) : !f ? (
        <p className="hint">Following {name(chosen)}…</p>
      ) : (
        <div data-testid="followed">
          <p className="meaning-readout" aria-live="polite">
            <strong>{name(f.row)}</strong> ({bucket(f.row)}), at step {n(step)}: in {n(f.count)} training sample
            {f.count === 1 ? '' : 's'} so far
            {f.count === 0
              ? ', never updated yet.'
              : f.lastSeen === null
                ? '; its last update was too long ago to find.'
                : `; last updated at step ${n(f.lastSeen)}, ${n(step - f.lastSeen)} step${step - f.lastSeen === 1 ? '' : 's'} ago.`}
          </p>
          <table className="follow-table">
            <thead>
              <tr>
                <th scope="col">Lane</th>
                <th scope="col">Its step size now</th>
                <th scope="col">Its {loss} now</th>
              </tr>
            </thead>
            <tbody>
              {lanes.map((lane, l) => (
                <tr key={l}>
                  <th scope="row">{laneLabel(lane)}</th>
                  <td>{formatNumber(f.effStep[l])}</td>
                  <td>{formatNumber(f.loss[l])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Chart
            title={`The ${loss} of ${name(f.row)}, lane by lane`}
            xLabel="training step"
            yLabel={loss}
            rows={lossRows}
            series={series}
            height={220}
            redrawMs={SLOW_REDRAW_MS}
            emptyNote="Waiting for the first values…"
          />
          <div className="update-rules" data-testid="update-rules">
            {f.update ? (
              <>
                <p>
                  Its update at step {n(f.update.step)} ({n(f.update.samples)} sample{f.update.samples === 1 ? '' : 's'}{' '}
                  of that step held it; the engine catches at most one update per report, so a frequent {unit}’s may be
                  a few steps old), lane by lane, with the numbers each rule used:
                </p>
                {f.update.lanes.map((u, l) => (
                  <div key={l} className="update-rule">
                    <p className="update-rule-lane">{laneLabel(lanes[l])}</p>
                    <Formula tex={ruleTex(u)} display />
                  </div>
                ))}
              </>
            ) : (
              <p className="hint">Its next update appears here once training reaches it.</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
