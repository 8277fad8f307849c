// "Your data": open a user–item interaction log (or make a sample one) and see its imbalance:
// users and items by rank, how much of the traffic the top 1% make, and every problem line. The
// file is read in a Web Worker, with progress and Cancel, and never leaves the browser.

import { useCallback, useContext, useMemo, useState } from 'react';
import { MAX_LOG_BYTES, type InteractionLog, type ParseOptions } from '../../../engine/input/interactions.ts';
import { logPairs, NEGATIVE_SHARE } from '../../../engine/input/pairData.ts';
import type { LogReadJob } from '../../../state/readers.ts';
import { ReadersContext } from '../../parts/readersContext.ts';
import { focusRun } from '../../parts/focusRun.ts';
import { download } from '../../chart/exportFigure.ts';
import { FileButton } from '../../parts/FileButton.tsx';
import { Chart, type Row, type Series } from '../../chart/Chart.tsx';
import { usePlayground } from '../../parts/storeContext.ts';
import { quoted } from '../../parts/rowNames.ts';
import { useReadJob } from '../../parts/useReadJob.tsx';
import { DataRefusal } from './DataRefusal.tsx';

/** Points drawn per rank-frequency curve (log-spaced ranks). */
const CURVE_POINTS = 200;

/** Share of all interactions made by the top `fraction` of ranks (counts non-increasing). */
export function topShare(counts: ArrayLike<number>, fraction: number): number {
  let total = 0;
  let top = 0;
  const k = Math.max(1, Math.round(counts.length * fraction));
  for (let i = 0; i < counts.length; i++) {
    total += counts[i];
    if (i < k) top += counts[i];
  }
  return total > 0 ? top / total : 0;
}

/** Rank–frequency rows: x = rank (1-based, log-spaced), one key per table: its share of interactions. */
function rankRows(log: InteractionLog): Row[] {
  const byRank = new Map<number, Row>();
  for (const [key, counts] of [
    ['users', log.userCounts],
    ['items', log.itemCounts],
  ] as const) {
    const total = counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < CURVE_POINTS; i++) {
      const r = Math.round(Math.pow(counts.length, i / (CURVE_POINTS - 1)));
      const row = byRank.get(r) ?? byRank.set(r, { x: r }).get(r)!;
      row[key] = counts[r - 1] / total;
    }
  }
  return [...byRank.values()].sort((a, b) => a.x! - b.x!);
}

/** The user and the item of rank k (0-based), where there are that many. */
function rankNames(log: InteractionLog, k: number): string {
  const named = [
    log.users[k] === undefined ? null : `user ${quoted(log.users[k])}`,
    log.items[k] === undefined ? null : `item ${quoted(log.items[k])}`,
  ];
  return `rank ${(k + 1).toLocaleString('en-US')}: ${named.filter(Boolean).join(' · ')}`;
}

const SERIES: Series[] = [
  { key: 'users', name: 'users', color: '#0072B2', dash: '' },
  { key: 'items', name: 'items', color: '#D55E00', dash: '6 3' },
];

/** What a run on a log is told besides its pairs: how it was read, and its users' and items' names. */
const logRun = (log: InteractionLog, duplicates: ParseOptions['duplicates']) => ({
  reading: { source: 'log', duplicates } as const,
  names: { rows: log.users, items: log.items, rowCounts: log.userCounts },
});

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const n = (x: number) => x.toLocaleString('en-US');

/** What a data run trains on, and what is missing before it can (shown in place of the size fields). */
export function DataSummary() {
  const ref = usePlayground((s) => s.custom.data);
  const problem = usePlayground((s) => s.errors.data);
  const text = ref?.source === 'text';
  return (
    <div className="data-summary" data-testid="data-summary">
      {ref && (
        <p>
          Training on <b>{ref.name}</b>: {n(ref.rows)} {text ? 'words' : 'users'} × {n(ref.items)}{' '}
          {text ? 'contexts' : 'items'}, {n(ref.pairs)} {text ? 'word–context pairs' : 'interactions'}.{' '}
          {ref.ratings
            ? 'Squared loss on the ratings (centred on the training mean).'
            : `Implicit: logistic loss, ${Math.round(NEGATIVE_SHARE / (1 - NEGATIVE_SHARE))} sampled negatives per positive.`}{' '}
          The charts show the loss on held-out pairs; FA-SGD counts frequencies on the training part only.
        </p>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

export function DataPanel() {
  const parser = useContext(ReadersContext);
  const [options, setOptions] = useState<ParseOptions>({ malformed: 'skip', duplicates: 'keep' });
  const [result, setResult] = useState<{
    name: string;
    log: InteractionLog;
    text?: string;
    duplicates: ParseOptions['duplicates'];
  } | null>(null);
  const [useRatings, setUseRatings] = useState(true);
  const trainOn = usePlayground((s) => s.trainOn);
  const dataRead = usePlayground((s) => s.dataRead);
  const read = useReadJob<Awaited<LogReadJob['done']>>('log');
  const rows = useMemo(() => (result ? rankRows(result.log) : []), [result]);
  const describe = useCallback(
    (row: Row) => (result && row.x != null ? rankNames(result.log, row.x - 1) : null),
    [result],
  );
  if (!parser) return null;
  const train = (replace = false) => {
    if (!result) return;
    const pairs = logPairs(result.log);
    if (!useRatings) pairs.y = null;
    trainOn(pairs, 'log', result.name, { replace, ...logRun(result.log, result.duplicates) });
    if (!replace) focusRun();
  };
  const start = (name: string, make: (o: ParseOptions, progress: (f: number) => void) => LogReadJob) =>
    read.start(
      name,
      (progress) => make(options, progress),
      (r) => {
        setResult({ name, log: r.log, text: r.text, duplicates: options.duplicates });
        // Offered beside Run too (with its ratings, if any), until it is trained on.
        dataRead({ pairs: logPairs(r.log), source: 'log', name, options: logRun(r.log, options.duplicates) });
      },
    );
  const log = result?.log;
  return (
    <section className="data" aria-labelledby="data-title">
      <h3 id="data-title">Your data: an interaction log</h3>
      <p className="hint">
        A CSV or TSV of <code>user,item[,rating][,timestamp]</code> lines (MovieLens <code>::</code> works, a header
        too), up to {MAX_LOG_BYTES / 2 ** 20} MB. The file is read in this browser and never leaves it.
      </p>
      <div className="data-options">
        <label>
          Malformed lines{' '}
          <select
            value={options.malformed}
            onChange={(e) => setOptions({ ...options, malformed: e.target.value as ParseOptions['malformed'] })}
          >
            <option value="skip">skip and list them</option>
            <option value="refuse">refuse the file</option>
          </select>
        </label>
        <label>
          Repeated pairs{' '}
          <select
            value={options.duplicates}
            onChange={(e) => setOptions({ ...options, duplicates: e.target.value as ParseOptions['duplicates'] })}
          >
            <option value="keep">keep (each is an interaction)</option>
            <option value="drop">keep the first only</option>
          </select>
        </label>
      </div>
      <div className="buttons">
        <FileButton
          label="Open an interaction log…"
          accept=".csv,.tsv,.txt,.dat,text/*"
          onFile={(file) => start(file.name, (o, p) => parser.parse(file, o, p))}
        />
        <button onClick={() => start('sample log', (o, p) => parser.sample(o, p))}>Make a sample log</button>
      </div>
      {read.status}
      {log && result && (
        <div data-testid="log-summary">
          <p>
            <b>{result.name}</b>: {n(log.users.length)} users, {n(log.items.length)} items, {n(log.user.length)}{' '}
            interactions{log.rating ? ' with ratings' : ''}
            {log.header ? '; a header line was read' : ''}; {n(log.malformed)} malformed line
            {log.malformed === 1 ? '' : 's'} skipped; {n(log.duplicates)} repeated pair
            {log.duplicates === 1 ? '' : 's'} {log.duplicatesDropped ? 'dropped' : 'kept'}.
          </p>
          <p>
            The top 1% of users make {pct(topShare(log.userCounts, 0.01))} of the interactions; the top 1% of items get{' '}
            {pct(topShare(log.itemCounts, 0.01))}.
          </p>
          {log.problems.length > 0 && (
            <ul className="problems" aria-label="Malformed lines">
              {log.problems.map((p) => (
                <li key={p.line}>
                  Line {p.line}: {p.reason}
                </li>
              ))}
              {log.malformed > log.problems.length && <li>… and {n(log.malformed - log.problems.length)} more</li>}
            </ul>
          )}
          <Chart
            describe={describe}
            title="Interactions by rank (log-log)"
            xLabel="rank"
            yLabel="share of interactions"
            xLog
            rows={rows}
            series={SERIES}
            height={260}
          />
          {result.text && (
            <button
              onClick={() => download(new Blob([result.text!], { type: 'text/csv' }), 'fa-sgd-sample-interactions.csv')}
            >
              Download the sample log
            </button>
          )}
          <div className="buttons">
            {log.rating && (
              <label>
                Ratings{' '}
                <select value={useRatings ? 'use' : 'ignore'} onChange={(e) => setUseRatings(e.target.value === 'use')}>
                  <option value="use">predict them (squared loss)</option>
                  <option value="ignore">ignore: implicit feedback (logistic loss, negatives)</option>
                </select>
              </label>
            )}
            <button onClick={() => train()}>Train on this log</button>
          </div>
          <DataRefusal replace={() => train(true)} />
          <p className="hint">
            Training factorises the log: one embedding per user and per item, compared on held-out pairs. It sets up the
            “Your data” preset; press Run.
          </p>
        </div>
      )}
    </section>
  );
}
