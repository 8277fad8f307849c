// The race's per-row charts: each optimizer's effective step size against token frequency, with
// fitted and reference slopes, and the per-token error against rank.

import { useCallback, useContext, useMemo, useState } from 'react';
import type { LaneConfig } from '../../engine/config.ts';
import { SLOW_REDRAW_MS } from '../chart/redrawPolicy.ts';
import { Chart, type Row } from '../chart/Chart.tsx';
import { useLive, usePlayground } from '../parts/storeContext.ts';
import { TunedContext, useLossName } from './chartSeries.ts';
import { laneSeries } from './rows/lanes.ts';
import { rankErrorRows, stepSizeRows } from './rows/perRowRows.ts';
import { rankName, rankRangeName, useRowNames } from '../parts/rowNames.ts';

/** How to read the effective-step chart, for whoever has not read a log-log slope before. */
function HowToReadSteps() {
  return (
    <details className="how-to-read">
      <summary>How to read this chart</summary>
      <ul>
        <li>
          Each line is one optimizer. Left to right: rarer to more frequent tokens (frequency pₖ, each tick ten times
          the last). Up: a bigger step for those tokens (also ten times per tick).
        </li>
        <li>
          A <b>flat</b> line: every token gets the same step, whatever its frequency (SGD). A line <b>falling</b> to the
          right: rare tokens get bigger steps than frequent ones.
        </li>
        <li>
          The <b>slope</b> in the legend says how much bigger: −½ means a token 100 times rarer gets a step 10 times
          larger (step ∝ pₖ<sup>−½</sup>); −1, 100 times larger. Where FA-SGD’s line turns flat on the left, its cap has
          stopped the boost.
        </li>
      </ul>
    </details>
  );
}

/** In place of a per-row chart before its first measurement (the chart is mounted before Run, so Run draws sooner). */
const AFTER_RUN = 'Measured once training starts: press Run.';

export function StepSizeChart({ lanes }: { lanes: LaneConfig[] }) {
  const reported = usePlayground((s) => s.reported);
  const latest = useLive((s) => s.latestEff);
  const [guides, setGuides] = useState(true);
  const tuned = useContext(TunedContext);
  const { rows, series, noSlope } = useMemo(
    () => stepSizeRows(reported, latest, lanes, tuned, guides),
    [reported, latest, lanes, tuned, guides],
  );
  const names = useRowNames();
  const describe = useCallback((row: Row) => (row.k == null ? null : rankName(row.k, names?.rows)), [names]);
  return (
    <div>
      <HowToReadSteps />
      <Chart
        describe={describe}
        title="Effective step size against token frequency (log-log)"
        xLabel="token frequency p_k"
        yLabel="effective step size"
        rows={rows}
        series={series}
        xLog
        redrawMs={SLOW_REDRAW_MS}
        emptyNote={AFTER_RUN}
      />
      {noSlope && (
        <p className="chart-note" data-testid="no-slope">
          {noSlope}
        </p>
      )}
      <div className="chart-options">
        <label>
          <input type="checkbox" checked={guides} onChange={(e) => setGuides(e.target.checked)} /> Reference slopes
          (dotted grey lines through the middle of the data)
        </label>
      </div>
      <p className="caption">
        One optimizer’s step size for tokens of each frequency (64 tokens, log-spaced by rank, that have had a gradient;
        coordinate-wise Adagrad: the geometric mean over coordinates). Expected slopes: SGD 0 (flat), FA-SGD −β until
        the cap; Adagrad falls too, as it uses frequency implicitly: near −½ when label noise dominates its squared
        gradients (large σ), shallower when it does not. A slope is fitted only over a decade of frequencies or more.
      </p>
    </div>
  );
}

/**
 * `unit`: what a row of the first table is (token, user, word); `per`: what is evaluated (the
 * token itself, a pair, a CTR sample).
 */
export function RankErrorChart({ lanes, unit, per }: { lanes: LaneConfig[]; unit: string; per: string }) {
  const lossName = useLossName();
  const reported = usePlayground((s) => s.reported);
  const latest = useLive((s) => s.latestRankError);
  const step = usePlayground((s) => s.step);
  const rows = useMemo(() => rankErrorRows(reported, latest), [reported, latest]);
  const tuned = useContext(TunedContext);
  const series = useMemo(() => laneSeries(lanes, tuned), [lanes, tuned]);
  const names = useRowNames();
  const describe = useCallback(
    (row: Row) => (row.start == null || row.end == null ? null : rankRangeName(row.start, row.end, names?.rows)),
    [names],
  );
  return (
    <div>
      <Chart
        describe={describe}
        title={`Error against rank, at step ${step} (log-log)`}
        xLabel={`${unit} rank`}
        yLabel={`${lossName} per ${per}`}
        rows={rows}
        series={series}
        xLog
        redrawMs={SLOW_REDRAW_MS}
        emptyNote={AFTER_RUN}
      />
      <p className="caption">
        {lossName[0].toUpperCase() + lossName.slice(1)} of the {unit}s in 16 log-spaced rank bins
        {per !== unit ? ` (evaluation ${per}s by ${unit})` : ''}, redrawn as training goes: frequent {unit}s on the left
        learn first; watch the right end.
      </p>
    </div>
  );
}
