// One word's nearest neighbours in every lane's table (cosine of the learned rows), beside the
// text's own (cosine of its positive-PMI rows), each with its count; refreshed while training.
// A neighbour the reference lists too is marked, and each lane's share of them is said.

import { useMemo, useState } from 'react';
import type { LaneConfig } from '../../engine/config.ts';
import { MAX_NEIGHBOURS } from '../../engine/meaning/report.ts';
import { laneLabel } from '../../engine/optimizers.ts';
import { bucketBounds, bucketOf } from '../../engine/sampling/distributions.ts';
import { useLive, usePlayground } from '../parts/storeContext.ts';
import { RowPicker } from './RowPicker.tsx';
import { suggestedRows } from './pickRow.ts';
import { BUCKET_NAMES } from './rows.ts';

const n = (x: number) => x.toLocaleString('en-US');

export function NeighboursView({
  lanes,
  rows,
  ends,
  names,
  counts,
  excluded,
}: {
  lanes: LaneConfig[];
  rows: number;
  ends: [number, number];
  names: string[] | null;
  counts: ArrayLike<number> | null;
  excluded: number[];
}) {
  const watch = usePlayground((s) => s.watch);
  const setWatch = usePlayground((s) => s.setWatch);
  const report = useLive((s) => s.meaning?.neighbours ?? null);
  const step = useLive((s) => s.meaning?.step ?? null);
  const info = useLive((s) => s.agreementInfo);
  const [kText, setKText] = useState(String(watch.k));
  const bounds = useMemo(() => bucketBounds(rows, ends), [rows, ends]);
  const suggested = useMemo(() => suggestedRows(rows, bounds, names, excluded), [rows, bounds, names, excluded]);
  const k = Number(kText);
  const kError =
    /^\d+$/.test(kText.trim()) && k >= 1 && k <= MAX_NEIGHBOURS
      ? null
      : `Neighbours: a whole number from 1 to ${MAX_NEIGHBOURS}.`;
  const word = (r: number) => names?.[r] ?? `#${n(r + 1)}`;
  const count = (r: number) => (counts ? ` (${n(counts[r])})` : '');
  const bucketName = (r: number) => BUCKET_NAMES[bucketOf(r, bounds)];
  const frequent = info?.among ?? Math.min(rows, Math.max(bounds[1], 100));
  const shown = report && report.query === watch.query ? report : null;
  const inReference = new Set(shown?.reference ?? []);
  return (
    <section className="neighbours" aria-labelledby="neighbours-title">
      <h3 id="neighbours-title">Nearest neighbours of one word, in every lane</h3>
      <RowPicker
        label="Word"
        rows={rows}
        names={names}
        excluded={excluded}
        suggested={suggested}
        chosen={watch.query}
        onPick={(query) => setWatch({ query })}
        onClear={() => setWatch({ query: null })}
        testId="neighbour-picker"
      />
      <div className="data-options">
        <label>
          Neighbours{' '}
          <input
            size={3}
            inputMode="numeric"
            value={kText}
            aria-invalid={kError !== null || undefined}
            onChange={(e) => {
              setKText(e.target.value);
              const v = Number(e.target.value);
              if (/^\d+$/.test(e.target.value.trim()) && v >= 1 && v <= MAX_NEIGHBOURS) setWatch({ k: v });
            }}
          />
        </label>{' '}
        <label>
          among{' '}
          <select
            value={watch.among > 0 ? 'all' : 'frequent'}
            onChange={(e) => setWatch({ among: e.target.value === 'all' ? rows : 0 })}
          >
            <option value="frequent">the {n(frequent)} most frequent words (as the agreement)</option>
            <option value="all">all {n(rows)} words</option>
          </select>
        </label>
      </div>
      {kError && (
        <p className="error" role="alert">
          {kError}
        </p>
      )}
      {watch.query === null ? (
        <p className="hint">Pick a word above: its neighbours in each lane appear here and follow the training.</p>
      ) : !shown ? (
        <p className="hint">Computing the neighbours of “{word(watch.query)}”…</p>
      ) : (
        <table className="neighbour-table" data-testid="neighbours">
          <caption>
            Nearest neighbours of <strong>“{word(shown.query)}”</strong> (rank {n(shown.query + 1)}
            {counts ? `, ${n(counts[shown.query])} occurrences` : ''}, {bucketName(shown.query)}) among the{' '}
            {shown.among === rows ? `${n(rows)} words` : `${n(shown.among)} most frequent words`}, at step{' '}
            {n(step ?? 0)}, by cosine; counts in brackets; ✓: the reference lists it too.
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              {shown.reference.length > 0 && <th scope="col">Reference: the text’s own counts</th>}
              {lanes.map((lane, l) => (
                <th scope="col" key={l}>
                  {laneLabel(lane)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from(
              { length: Math.max(shown.reference.length, ...shown.lanes.map((x) => x.rows.length)) },
              (_, i) => (
                <tr key={i}>
                  <th scope="row">{i + 1}</th>
                  {shown.reference.length > 0 && (
                    <td>
                      {shown.reference[i] === undefined
                        ? ''
                        : `${word(shown.reference[i])}${count(shown.reference[i])}`}
                    </td>
                  )}
                  {shown.lanes.map((list, l) => {
                    const r = list.rows[i];
                    if (r === undefined) return <td key={l} />;
                    const shared = inReference.has(r);
                    return (
                      <td key={l} className={shared ? 'shared' : undefined} title={`cosine ${list.cos[i].toFixed(3)}`}>
                        {word(r)}
                        {count(r)}
                        {shared && <span aria-label=" (in the reference)"> ✓</span>}
                      </td>
                    );
                  })}
                </tr>
              ),
            )}
          </tbody>
          {shown.reference.length > 0 && (
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  shared with the reference
                </th>
                {shown.lanes.map((list, l) => (
                  <td key={l}>
                    {list.rows.filter((r) => inReference.has(r)).length} of {shown.reference.length}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </section>
  );
}
