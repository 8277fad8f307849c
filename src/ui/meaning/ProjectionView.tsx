// A picture of each lane's table: a sample of its rows (words) on the table's first two principal
// components, coloured by bucket. Rows that learnt little stay in a huddle in the middle; the
// spread of each bucket (root-mean-square distance from the centre) is said in words beside it.
// The engine computes the projection only while this view asks for it.

import { memo, useMemo, useState } from 'react';
import type { LaneConfig } from '../../engine/config.ts';
import { laneLabel } from '../../engine/optimizers.ts';
import { bucketBounds, bucketOf } from '../../engine/sampling/distributions.ts';
import { formatNumber } from '../../state/format.ts';
import { useLive, usePlayground } from '../parts/storeContext.ts';
import { BUCKET_NAMES, spreadByBucket } from './rows.ts';

/** Okabe–Ito colours for head, torso, tail (none of them a lane's). */
export const BUCKET_COLOURS = ['#E69F00', '#56B4E9', '#6b6b6b'];
const SIZE = 220;

export function ProjectionView({
  lanes,
  rows,
  ends,
  names,
}: {
  lanes: LaneConfig[];
  rows: number;
  ends: [number, number];
  names: string[] | null;
}) {
  const on = usePlayground((s) => s.watch.projection);
  const setWatch = usePlayground((s) => s.setWatch);
  const projection = useLive((s) => s.meaning?.projection ?? null);
  const step = useLive((s) => s.meaning?.step ?? 0);
  const bounds = useMemo(() => bucketBounds(rows, ends), [rows, ends]);
  const buckets = useMemo(() => projection?.rows.map((r) => bucketOf(r, bounds)) ?? [], [projection, bounds]);
  return (
    <section className="projection" aria-labelledby="projection-title">
      <h3 id="projection-title">A picture of each lane’s table</h3>
      <label>
        <input type="checkbox" checked={on} onChange={(e) => setWatch({ projection: e.target.checked })} /> Draw a
        sample of each lane’s rows on its first two principal components
      </label>
      {on && !projection && <p className="hint">Computing the projection…</p>}
      {on && projection && (
        <>
          <ul className="lane-legend" aria-label="Buckets">
            {BUCKET_NAMES.map((b, i) => (
              <li key={b}>
                <svg width="10" height="10" aria-hidden="true">
                  <circle cx="5" cy="5" r="4" fill={BUCKET_COLOURS[i]} />
                </svg>
                {b} ({buckets.filter((x) => x === i).length} rows)
              </li>
            ))}
          </ul>
          <div className="projection-grid" data-testid="projection">
            {projection.lanes.map((p, l) => (
              <LanePlot
                key={l}
                name={laneLabel(lanes[l])}
                xy={p.xy}
                explained={p.explained}
                rows={projection.rows}
                buckets={buckets}
                names={names}
                step={step}
              />
            ))}
          </div>
          <p className="caption">
            Point at a dot to name its {names ? 'word' : 'row'}. Each lane on its own axes (same scale across and up;
            principal components have no common orientation across tables), at step {step.toLocaleString('en-US')}. PC1
            and PC2: the share of the sample’s variance each axis shows. Spread: the root-mean-square distance of a
            bucket’s dots from their own centre; rows that barely moved from their small random start stay in a tight
            huddle.
          </p>
        </>
      )}
    </section>
  );
}

/** Dots of one bucket as one path (hundreds of circles as elements would cost every report a long render). */
function dots(xy: number[], buckets: number[], b: number, at: (v: number) => number, r: number): string {
  let d = '';
  buckets.forEach((x, i) => {
    if (x !== b) return;
    const cx = at(xy[2 * i]);
    const cy = at(-xy[2 * i + 1]);
    d += `M${(cx - r).toFixed(1)} ${cy.toFixed(1)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
  });
  return d;
}

/** One lane's projection: the dots by bucket, the axes, the spread in words; a pointed dot is named. */
const LanePlot = memo(function LanePlot({
  name,
  xy,
  explained,
  rows,
  buckets,
  names,
  step,
}: {
  name: string;
  xy: number[];
  explained: [number, number];
  rows: number[];
  buckets: number[];
  names: string[] | null;
  step: number;
}) {
  const [pointed, setPointed] = useState<number | null>(null);
  const spread = spreadByBucket(xy, buckets);
  const scale = Math.max(1e-12, ...xy.map(Math.abs));
  const at = (v: number) => SIZE / 2 + (v / scale) * (SIZE / 2 - 8);
  const said = `${name} at step ${step.toLocaleString('en-US')}: spread of the head ${formatNumber(spread[0])}, torso ${formatNumber(spread[1])}, tail ${formatNumber(spread[2])} (tail ÷ head ${formatNumber(spread[2] / spread[0])}).`;
  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const [px, py] = [((e.clientX - box.left) / box.width) * SIZE, ((e.clientY - box.top) / box.height) * SIZE];
    let best = -1;
    let bestD = 36; // within 6 units
    rows.forEach((_, i) => {
      const d = (at(xy[2 * i]) - px) ** 2 + (at(-xy[2 * i + 1]) - py) ** 2;
      if (d < bestD) [best, bestD] = [i, d];
    });
    setPointed(best >= 0 ? best : null);
  };
  return (
    <figure className="chart projection-plot" aria-label={said}>
      <figcaption>{name}</figcaption>
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={said}
        onPointerMove={onMove}
        onPointerLeave={() => setPointed(null)}
      >
        <rect x="0.5" y="0.5" width={SIZE - 1} height={SIZE - 1} fill="#fff" stroke="#ccc" />
        <line x1={SIZE / 2} y1="4" x2={SIZE / 2} y2={SIZE - 4} stroke="#e3e3e3" />
        <line x1="4" y1={SIZE / 2} x2={SIZE - 4} y2={SIZE / 2} stroke="#e3e3e3" />
        {/* The tail first, so the head is drawn on top. */}
        {[2, 1, 0].map((b) => (
          <path key={b} d={dots(xy, buckets, b, at, 2.6)} fill={BUCKET_COLOURS[b]} fillOpacity={0.8} />
        ))}
        {pointed !== null && (
          <circle cx={at(xy[2 * pointed])} cy={at(-xy[2 * pointed + 1])} r={5} fill="none" stroke="#000" />
        )}
        <text x={SIZE - 6} y={SIZE / 2 - 4} textAnchor="end" className="axis-label">
          PC1 {Math.round(100 * explained[0])}%
        </text>
        <text x={SIZE / 2 + 4} y="12" className="axis-label">
          PC2 {Math.round(100 * explained[1])}%
        </text>
      </svg>
      <p className="chart-note">
        {pointed !== null
          ? `${names?.[rows[pointed]] !== undefined ? `“${names[rows[pointed]]}”` : ''} rank ${(rows[pointed] + 1).toLocaleString('en-US')} (${BUCKET_NAMES[buckets[pointed]]})`
          : `Spread: head ${formatNumber(spread[0])}, tail ${formatNumber(spread[2])} (tail ÷ head ${formatNumber(spread[2] / spread[0])})`}
      </p>
    </figure>
  );
});
