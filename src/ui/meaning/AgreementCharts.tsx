// The live curve of the measure: for head, torso and tail, each lane's overlap@k with the text's
// own neighbours (engine/meaning/agreement.ts) over training steps, with the chance level marked,
// and the latest values in words.

import { useMemo } from 'react';
import type { LaneConfig } from '../../engine/config.ts';
import { laneLabel } from '../../engine/optimizers.ts';
import { formatNumber } from '../../state/format.ts';
import { Chart } from '../chart/Chart.tsx';
import { SLOW_REDRAW_MS } from '../chart/redrawPolicy.ts';
import { useLive } from '../parts/storeContext.ts';
import { LaneLegend } from './LaneLegend.tsx';
import { agreementRange, agreementRows, laneSeries } from './rows.ts';
import { agreementChance } from '../../engine/meaning/report.ts';

const BUCKETS = ['Head', 'Torso', 'Tail'];
const pct = (f: number) => `${+(f * 100).toPrecision(3)}%`;

export function AgreementCharts({ lanes, ends }: { lanes: LaneConfig[]; ends: [number, number] }) {
  const points = useLive((s) => s.agreement);
  const info = useLive((s) => s.agreementInfo);
  const series = useMemo(() => laneSeries(lanes), [lanes]);
  const chance = info ? agreementChance(info) : 0;
  const rows = useMemo(() => [0, 1, 2].map((b) => agreementRows(points, b, lanes.length)), [points, lanes.length]);
  const range = useMemo(() => agreementRange(rows, chance), [rows, chance]);
  const marks = useMemo(() => (info ? [{ y: chance, label: 'chance' }] : undefined), [info, chance]);
  // Short: a third of the race's width holds the title and the chart's tools on one line.
  const titles = [`top ${pct(ends[0])}`, `next ${pct(ends[1] - ends[0])}`, `other ${pct(1 - ends[1])}`];
  const last = points.at(-1);
  return (
    <section className="agreement" aria-labelledby="agreement-title">
      <h3 id="agreement-title">Do the neighbours make sense? Agreement with the text’s own neighbours, by bucket</h3>
      <p className="caption">
        {info
          ? `For ${info.queries.join(', ')} words of the head, torso and tail: the share of each word’s ${info.k} nearest neighbours among the ${info.among.toLocaleString('en-US')} most frequent words that a lane’s table lists too, the reference being the text’s own counts (cosine of positive-PMI rows). 1: the same neighbours; ${formatNumber(chance)}: chance.`
          : 'Measured a moment after Run: the reference is built from the text’s counts first.'}
      </p>
      <LaneLegend lanes={lanes} />
      <div className="multiples">
        {rows.map((r, b) => (
          <Chart
            key={b}
            title={`${BUCKETS[b]}: ${titles[b]}`}
            xLabel="training step"
            yLabel={info ? `agreement@${info.k}` : 'agreement'}
            rows={r}
            series={series}
            yLinear
            yRange={range}
            yMarks={marks}
            height={200}
            legend={false}
            redrawMs={SLOW_REDRAW_MS}
            emptyNote="Waiting for the first measurement…"
          />
        ))}
      </div>
      {last && info && (
        <p className="meaning-readout" data-testid="agreement-readout" aria-live="polite">
          At step {last.step.toLocaleString('en-US')}:{' '}
          {BUCKETS.map((name, b) => (
            <span key={b}>
              {b > 0 && ' · '}
              <strong>{name}</strong>{' '}
              {lanes.map((lane, l) => `${laneLabel(lane)} ${formatNumber(last.lanes[l][b])}`).join(', ')}
            </span>
          ))}{' '}
          (chance {formatNumber(chance)}).
        </p>
      )}
    </section>
  );
}
