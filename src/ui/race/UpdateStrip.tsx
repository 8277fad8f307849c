// Sparse updates made visible: for the 64 tracked tokens (rows, most frequent at the top) and the
// last recorded intervals (columns, oldest on the left), a dark cell means the token got at least
// one gradient in that interval. Drawn on a canvas; a sentence says the same for screen readers.

import { useEffect, useMemo, useRef, useState } from 'react';
import { ExportButtons } from '../chart/ExportButtons.tsx';
import { rankName, useRowNames } from '../parts/rowNames.ts';
import { useLive, usePlayground } from '../parts/storeContext.ts';

const CELL_H = 4;

/** `unit`: what a tracked row is (token, user, word, field-1 value). */
export function UpdateStrip({ unit }: { unit: string }) {
  const history = useLive((s) => s.updateHistory);
  const reported = usePlayground((s) => s.reported);
  const canvas = useRef<HTMLCanvasElement>(null);
  const names = useRowNames();
  /** The tracked row under the pointer, or null. */
  const [pointed, setPointed] = useState<number | null>(null);
  const columns = history.length - 1;
  const rowsN = reported?.rank.length ?? 0;

  // hit[c][r]: token r got a gradient between snapshots c and c + 1.
  const hit = useMemo(
    () => history.slice(1).map((h, c) => h.counts.map((n, r) => n > history[c].counts[r])),
    [history],
  );

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const w = el.clientWidth || 600;
    el.width = w * devicePixelRatio;
    el.height = rowsN * CELL_H * devicePixelRatio;
    ctx.scale(devicePixelRatio, devicePixelRatio);
    ctx.fillStyle = '#f2f2f2';
    ctx.fillRect(0, 0, w, rowsN * CELL_H);
    ctx.fillStyle = '#0b3d66';
    const cw = w / Math.max(1, columns);
    hit.forEach((col, c) =>
      col.forEach((got, r) => got && ctx.fillRect(c * cw, r * CELL_H, Math.max(1, cw - 1), CELL_H - 1)),
    );
  }, [hit, rowsN, columns]);

  if (!reported || columns < 1) return null;
  const first = history[0].step;
  const last = history[history.length - 1].step;
  const updated = reported.rank.filter((_, r) => hit.some((col) => col[r]));
  const rarestUpdated = updated.length ? Math.max(...updated) + 1 : 0;
  const half = Math.floor(rowsN / 2);
  const starvedTail = reported.rank.slice(half).filter((_, i) => !hit.some((col) => col[half + i])).length;
  const summary =
    `Steps ${first}–${last}: ${updated.length} of ${rowsN} tracked ${unit}s got a gradient` +
    (updated.length ? `; the rarest of them is rank ${rarestUpdated.toLocaleString('en-US')}` : '') +
    `. ${starvedTail} of the ${rowsN - half} rarest tracked ${unit}s got none.`;
  const exportTitle = `Which ${unit}s got a gradient, steps ${first}–${last}`;
  return (
    <figure className="chart strip" aria-label={`Which ${unit}s got a gradient in recent steps`}>
      <figcaption>
        Which {unit}s got a gradient (sparse updates), steps {first}–{last}
      </figcaption>
      <div className="strip-body">
        <div className="strip-y" aria-hidden>
          <span>rank 1</span>
          <span>rank {(reported.rank[rowsN - 1] + 1).toLocaleString('en-US')}</span>
        </div>
        <canvas
          ref={canvas}
          style={{ height: rowsN * CELL_H }}
          role="img"
          aria-label={summary}
          onPointerMove={(e) => {
            const r = Math.floor((e.clientY - e.currentTarget.getBoundingClientRect().top) / CELL_H);
            setPointed(r >= 0 && r < rowsN ? r : null);
          }}
          onPointerLeave={() => setPointed(null)}
        />
      </div>
      <p className="strip-pointed" data-testid="strip-pointed" aria-live="polite">
        {pointed === null || pointed >= rowsN
          ? `Point at a row to see which ${unit} it is.`
          : `${rankName(reported.rank[pointed], names?.rows)}: a gradient in ${hit.filter((col) => col[pointed]).length} of ${hit.length} intervals.`}
      </p>
      <ExportButtons
        title={exportTitle}
        figure={() => ({
          panel: {
            title: exportTitle,
            cells: hit,
            rows: rowsN,
            color: '#0b3d66',
            background: '#f2f2f2',
            rowLabels: ['rank 1', `rank ${reported.rank[rowsN - 1] + 1}`],
            meaning: 'at least one gradient in the interval',
          },
          width: 680,
          plotHeight: rowsN * 5,
        })}
      />
      <p className="caption">
        Each row is one of {rowsN} {unit}s, log-spaced by rank (frequent at the top); each column one interval of{' '}
        {hit.length ? Math.round((last - first) / hit.length) : 0} steps, oldest on the left. Dark: at least one
        gradient in that interval. {summary}
      </p>
    </figure>
  );
}
