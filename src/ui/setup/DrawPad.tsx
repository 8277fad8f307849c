// A pad for drawing a rank-frequency curve on log-log axes: DRAWN_KNOTS knots evenly spaced in log
// rank, each a log10 relative weight from 0 down to DRAWN_FLOOR (null: not drawn). Drag to draw
// (the knots between two pointer positions are filled in); keyboard: ←/→ pick a knot, ↑/↓ move it
// by a quarter decade, Delete clears it.

import { useRef, useState } from 'react';
import { DRAWN_FLOOR, DRAWN_KNOTS, knotRank } from '../../engine/sampling/distributions.ts';
import { formatNumber } from '../../state/format.ts';

const W = 360;
const H = 200;
const PAD = { left: 44, right: 12, top: 10, bottom: 34 };
const x = (i: number) => PAD.left + ((W - PAD.left - PAD.right) * i) / (DRAWN_KNOTS - 1);
const y = (v: number) => PAD.top + ((H - PAD.top - PAD.bottom) * v) / DRAWN_FLOOR;

export type Knots = (number | null)[];

export function DrawPad({
  knots,
  onChange,
  n,
  label,
}: {
  knots: Knots;
  onChange(k: Knots): void;
  n: number;
  label: string;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const last = useRef<{ i: number; v: number } | null>(null);
  const [focus, setFocus] = useState(0);

  const at = (e: React.PointerEvent) => {
    const box = svg.current!.getBoundingClientRect();
    const px = ((e.clientX - box.left) / box.width) * W;
    const py = ((e.clientY - box.top) / box.height) * H;
    const i = Math.round(((px - PAD.left) / (W - PAD.left - PAD.right)) * (DRAWN_KNOTS - 1));
    const v = ((py - PAD.top) / (H - PAD.top - PAD.bottom)) * DRAWN_FLOOR;
    return { i: Math.min(DRAWN_KNOTS - 1, Math.max(0, i)), v: Math.min(0, Math.max(DRAWN_FLOOR, v)) };
  };
  const paint = (e: React.PointerEvent) => {
    const p = at(e);
    const from = last.current ?? p;
    const next = [...knots];
    const [a, b] = from.i <= p.i ? [from, p] : [p, from];
    for (let i = a.i; i <= b.i; i++) next[i] = b.i === a.i ? p.v : a.v + ((b.v - a.v) * (i - a.i)) / (b.i - a.i);
    last.current = p;
    setFocus(p.i);
    onChange(next);
  };
  const key = (e: React.KeyboardEvent) => {
    const next = [...knots];
    const move = (d: number) => (next[focus] = Math.min(0, Math.max(DRAWN_FLOOR, (next[focus] ?? -2) + d)));
    if (e.key === 'ArrowLeft') setFocus(Math.max(0, focus - 1));
    else if (e.key === 'ArrowRight') setFocus(Math.min(DRAWN_KNOTS - 1, focus + 1));
    else if (e.key === 'ArrowUp') move(0.25);
    else if (e.key === 'ArrowDown') move(-0.25);
    else if (e.key === 'Delete' || e.key === 'Backspace') next[focus] = null;
    else return;
    e.preventDefault();
    onChange(next);
  };

  // Segments between neighbouring drawn knots; a gap shows as a break in the line.
  const segments = knots.slice(1).flatMap((v, i) => {
    const u = knots[i];
    return u === null || v === null ? [] : [<line key={i} x1={x(i)} y1={y(u)} x2={x(i + 1)} y2={y(v)} />];
  });
  // Decades of rank, placed by log rank (knot i sits at rank n^(i / (K − 1))).
  const rankTicks = Array.from({ length: Math.floor(Math.log10(n)) + 1 }, (_, e) => 10 ** e);
  const rankX = (r: number) => x((Math.log(r) / Math.log(n)) * (DRAWN_KNOTS - 1));
  const f = knots[focus];
  return (
    <svg
      ref={svg}
      className="draw-pad"
      viewBox={`0 0 ${W} ${H}`}
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={DRAWN_FLOOR}
      aria-valuemax={0}
      aria-valuenow={f ?? undefined}
      aria-valuetext={`rank ${Math.round(knotRank(focus, n))}: ${f === null ? 'not drawn' : `weight 10^${f.toFixed(2)}`}`}
      onKeyDown={key}
      onPointerDown={(e) => {
        svg.current!.setPointerCapture(e.pointerId);
        last.current = null;
        paint(e);
      }}
      onPointerMove={(e) => e.buttons === 1 && paint(e)}
      onPointerUp={() => (last.current = null)}
    >
      <rect
        className="pad-area"
        x={PAD.left}
        y={PAD.top}
        width={W - PAD.left - PAD.right}
        height={y(DRAWN_FLOOR) - PAD.top}
      />
      {[0, -2, -4, -6, -8].map((v) => (
        <g key={v} className="tick">
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
          <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end">
            {v === 0 ? '1' : `1e${v}`}
          </text>
        </g>
      ))}
      {rankTicks.map((r) => (
        <text key={r} className="tick" x={rankX(r)} y={H - PAD.bottom + 14} textAnchor="middle">
          {formatNumber(r)}
        </text>
      ))}
      <text className="axis-label" x={(W + PAD.left) / 2} y={H - 4} textAnchor="middle">
        rank (log)
      </text>
      <text className="axis-label" transform={`translate(11 ${(H - PAD.bottom) / 2}) rotate(-90)`} textAnchor="middle">
        relative frequency
      </text>
      <g className="curve">{segments}</g>
      {knots.map((v, i) =>
        v === null ? null : (
          <circle key={i} cx={x(i)} cy={y(v)} r={i === focus ? 4.5 : 2.5} className={i === focus ? 'focus' : ''} />
        ),
      )}
      {f === null && <line className="focus-mark" x1={x(focus)} x2={x(focus)} y1={PAD.top} y2={y(DRAWN_FLOOR)} />}
    </svg>
  );
}
