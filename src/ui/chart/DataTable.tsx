// A chart's numbers as a table (at most 40 evenly spaced rows), rendered only when opened.

import { useState } from 'react';
import { formatNumber } from '../../state/format.ts';
import type { PlotInput } from './figure/plot.ts';

export function DataTable({
  rows,
  series: all,
  xLabel,
  title,
}: Pick<PlotInput, 'rows' | 'series' | 'xLabel' | 'title'>) {
  const [open, setOpen] = useState(false);
  // Data only, and only series with a value (before Run, the lanes' lines wait empty).
  const series = open ? all.filter((s) => !s.reference && rows.some((r) => r[s.key] != null)) : [];
  const shown =
    rows.length <= 40 ? rows : Array.from({ length: 40 }, (_, i) => rows[Math.round((i * (rows.length - 1)) / 39)]);
  return (
    <details className="table-view" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Table</summary>
      {open && (
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i}>
                <th scope="row">{formatNumber(r.x ?? NaN)}</th>
                {series.map((s) => (
                  <td key={s.key}>{r[s.key] == null ? '—' : formatNumber(r[s.key]!)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
