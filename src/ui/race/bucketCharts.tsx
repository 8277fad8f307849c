// Head, torso and tail as small multiples (pair workloads add a row by the item's bucket), each on
// its own scale so the tail's gap reads at a glance (or all on one, to compare heights), as loss or
// as each lane's loss relative to SGD's; and the latest values in words under them.

import { useContext, useMemo, useState } from 'react';
import type { LaneConfig } from '../../engine/config.ts';
import { laneLabel } from '../../engine/optimizers.ts';
import { SLOW_REDRAW_MS } from '../chart/redrawPolicy.ts';
import { mustPredict } from '../../state/selectors.ts';
import { Chart } from '../chart/Chart.tsx';
import { PREDICT_FIRST } from './lossCharts.tsx';
import { useLive, usePlayground } from '../parts/storeContext.ts';
import { formatNumber } from '../../state/format.ts';
import { TunedContext, useLaneSeries, useLossName } from './chartSeries.ts';
import { laneKey } from './rows/lanes.ts';
import { bucketRanges, bucketRows, sgdLane, type BucketKind } from './rows/bucketRows.ts';
import { useShownConfig, useTheory } from './useTheory.tsx';

type Kind = BucketKind;
const BUCKET_NAMES = ['Head', 'Torso', 'Tail'];
const SGD_MARK = [{ y: 1, label: 'SGD' }];
/** Plot height of each small multiple: three stack beside the loss race on the first screen. */
const BUCKET_HEIGHT = 128;
const pct = (f: number) => `${+(f * 100).toPrecision(3)}%`;

export function BucketCharts({
  lanes,
  measuring,
  ends,
  rows: rowName,
  items,
  per,
}: {
  lanes: LaneConfig[];
  /** Whether a run is measuring these lanes (before Run, their lines wait empty). */
  measuring: boolean;
  ends: [number, number];
  /** What the first row of charts groups by (tokens, users, words). */
  rows: string;
  /** What the second row groups by (items), or null for one row. */
  items: string | null;
  /** What one evaluation item is: a token, a pair, a sample. */
  per: string;
}) {
  const points = useLive((s) => s.points);
  const series = useLaneSeries(lanes);
  const lossName = useLossName();
  const config = useShownConfig();
  const theory = useTheory();
  const tuned = useContext(TunedContext);
  const predicting = usePlayground(mustPredict);
  // One scale for all by default: the tail's height beside the head's is the point.
  const [ownScales, setOwnScales] = useState(false);
  const [relative, setRelative] = useState(false);
  const sgd = measuring ? sgdLane(lanes, tuned) : -1;
  const relativeTo = relative && sgd >= 0 ? sgd : null;
  // With two rows every title names its table; with one, the head's title does.
  const titles = (of: string) => [
    `Head: top ${pct(ends[0])} of ${of}`,
    `Torso: next ${pct(ends[1] - ends[0])}${items ? ` of ${of}` : ''}`,
    `Tail: the other ${pct(1 - ends[1])}${items ? ` of ${of}` : ''}`,
  ];
  const withItems = items !== null;
  const perBucket = useMemo(
    () =>
      (withItems ? (['buckets', 'itemBuckets'] as const) : (['buckets'] as const)).flatMap((kind) =>
        [0, 1, 2].map((b) => {
          const { rows, expected } = bucketRows(points, kind, b, config, theory, relativeTo);
          const all =
            relativeTo === null ? [...expected, ...series] : series.filter((s) => s.key !== laneKey(relativeTo));
          return { rows, all };
        }),
      ),
    [points, withItems, config, theory, series, relativeTo],
  );
  const ranges = useMemo(
    () => bucketRanges(perBucket, !ownScales, relativeTo !== null),
    [perBucket, ownScales, relativeTo],
  );
  const allTitles = [...titles(rowName), ...(items ? titles(items) : [])];
  // Short: three plots stack beside the race (the heading says per what, where it is not the row).
  const yLabel = relativeTo === null ? lossName : `÷ ${laneLabel(lanes[relativeTo])}`;
  return (
    <section className="buckets" aria-label="Loss by frequency bucket">
      <h3>
        Head, torso and tail{per === rowName.replace(/s$/, '') ? '' : ` (loss per ${per})`}
        {relativeTo !== null ? ' relative to SGD' : ownScales ? ', each on its own scale' : ' on one scale'}
      </h3>
      <div className={withItems ? 'multiples two' : 'multiples'}>
        {perBucket.map(({ rows, all }, b) => (
          <Chart
            key={b}
            title={allTitles[b]}
            xLabel="training step"
            yLabel={yLabel}
            rows={rows}
            series={all}
            yRange={ranges[b]}
            yLinear={relativeTo !== null}
            yMarks={relativeTo !== null ? SGD_MARK : undefined}
            height={BUCKET_HEIGHT}
            legend={false}
            redrawMs={SLOW_REDRAW_MS}
            replay={b === 2 ? 'tail' : 'chart'}
            xTitle={b % 3 === 2}
            emptyNote={predicting ? PREDICT_FIRST : undefined}
          />
        ))}
      </div>
      <div className="chart-options">
        <label>
          <input type="checkbox" checked={ownScales} onChange={(e) => setOwnScales(e.target.checked)} /> Each on its own
          scale
        </label>
        <label>
          <input
            type="checkbox"
            checked={relative && sgd >= 0}
            disabled={sgd < 0}
            onChange={(e) => setRelative(e.target.checked)}
          />{' '}
          Relative to SGD (each lane’s loss ÷ SGD’s; below 1: better)
          {sgd < 0 && (measuring ? ' — no SGD lane in this run' : ' — after Run')}
        </label>
      </div>
    </section>
  );
}

/** "−26%" / "+5%": how much lower or higher a is than b; "×40" past twice as high. */
const change = (a: number, b: number) => {
  if (a >= 2 * b) return `×${formatNumber(+(a / b).toPrecision(2))}`;
  const d = Math.round((a / b - 1) * 100);
  return `${d < 0 ? '−' : '+'}${Math.abs(d)}%`;
};
const two = (x: number) => (Number.isFinite(x) ? formatNumber(+x.toPrecision(2)) : 'not a number');

/** The latest bucket values in words: "Tail: SGD (η=10) 0.43 · FA-SGD (η=3) 0.32, −26% …". */
export function BucketReadout({ lanes, kinds, names }: { lanes: LaneConfig[]; kinds: Kind[]; names: string[] }) {
  const last = useLive((s) => s.points.at(-1));
  const diverged = usePlayground((s) => s.diverged);
  const tuned = useContext(TunedContext);
  if (!last || lanes.length === 0) return null;
  const shown = lanes.map((_, i) => i).filter((i) => !tuned || tuned.includes(i));
  const sgd = sgdLane(lanes, tuned);
  return (
    <div className="bucket-readout" data-testid="bucket-readout" aria-live="polite">
      <span className="readout-step">At step {last.step.toLocaleString('en-US')}</span>
      {kinds.map((kind, k) =>
        BUCKET_NAMES.map((name, b) => (
          <p key={`${kind}${b}`} data-bucket={name.toLowerCase()}>
            <b>
              {name}
              {kinds.length > 1 ? ` (${names[k]})` : ''}:
            </b>{' '}
            {shown.map((l, i) => {
              const v = last[kind][l][b];
              const ref = sgd >= 0 ? last[kind][sgd][b] : NaN;
              const words =
                diverged[l] != null
                  ? `diverged at step ${diverged[l]}`
                  : `${two(v)}${l !== sgd && Number.isFinite(v) && Number.isFinite(ref) && ref > 0 ? `, ${change(v, ref)}` : ''}`;
              return (
                <span key={l}>
                  {i > 0 && ' · '}
                  {laneLabel(lanes[l])} {words}
                </span>
              );
            })}
          </p>
        )),
      )}
    </div>
  );
}
