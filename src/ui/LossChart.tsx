// Excess loss against step, log scale, one curve per optimizer lane.

import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LaneConfig } from '../engine/config.ts';
import { OPTIMIZER_LABEL } from '../engine/optimizers.ts';
import type { MetricPoint } from '../state/store.ts';
import { LANE_STYLE } from './laneStyle.ts';

/** Log-axis ticks covering [lo, hi]: powers of ten, plus 2× and 5× when few decades show. */
function logTicks(lo: number, hi: number): number[] {
  const [e0, e1] = [Math.floor(Math.log10(lo)), Math.ceil(Math.log10(hi))];
  const steps = e1 - e0 <= 2 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = e0; e <= e1; e++) for (const m of steps) out.push(Number((m * 10 ** e).toPrecision(1)));
  const first = out.findLastIndex((t) => t <= lo);
  const last = out.findIndex((t) => t >= hi);
  return out.slice(Math.max(0, first), last < 0 ? out.length : last + 1);
}

const formatLoss = (v: number) => (v >= 0.01 && v < 1000 ? String(Number(v.toPrecision(3))) : v.toExponential(1));

export const LossChart = memo(function LossChart({ points, lanes }: { points: MetricPoint[]; lanes: LaneConfig[] }) {
  const { rows, ticks, domain } = useMemo(() => {
    let lo = Infinity;
    let hi = 0;
    const rows = points.map((p) => {
      const row: Record<string, number | null> = { step: p.step };
      p.excess.forEach((v, l) => {
        const ok = Number.isFinite(v) && v > 0;
        row[`l${l}`] = ok ? v : null;
        if (ok) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      });
      return row;
    });
    if (!(hi > 0)) [lo, hi] = [0.01, 1];
    const ticks = logTicks(lo, hi);
    return { rows, ticks, domain: [ticks[0], ticks[ticks.length - 1]] as [number, number] };
  }, [points]);

  return (
    <figure className="chart" aria-label="Excess loss against training step, log scale">
      <figcaption>Excess loss (log scale) — lower is better</figcaption>
      <ResponsiveContainer width="100%" height={360}>
        <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 24, left: 16 }}>
          <CartesianGrid stroke="#e3e3e3" />
          <XAxis
            dataKey="step"
            type="number"
            domain={[0, 'dataMax']}
            label={{ value: 'training step', position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            scale="log"
            domain={domain}
            ticks={ticks}
            allowDataOverflow
            tickFormatter={formatLoss}
            label={{ value: 'excess loss', angle: -90, position: 'insideLeft', offset: 0 }}
            width={72}
          />
          <Tooltip formatter={(v) => formatLoss(Number(v))} labelFormatter={(s) => `step ${s}`} />
          <Legend verticalAlign="top" itemSorter={null} />
          {lanes.map((lane, l) => (
            <Line
              key={l}
              dataKey={`l${l}`}
              name={`${OPTIMIZER_LABEL[lane.optimizer]} (η=${lane.lr})`}
              stroke={LANE_STYLE[lane.optimizer].color}
              strokeDasharray={LANE_STYLE[lane.optimizer].dash}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
              legendType="plainline"
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});
