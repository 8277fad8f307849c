// The distribution designer of one table (tokens / users, or items): a shape with its parameters,
// a curve to draw or counts to paste or upload, a live log-log preview with the head/torso/tail
// boundaries, and how many updates a token of each bucket can expect by step T.
// Drawn curves and counts take effect only when valid; otherwise the message says why and the
// last good distribution stays in use.

import { useMemo, useState } from 'react';
import { PRESETS } from '../../engine/config.ts';
import {
  bucketBounds,
  DISTRIBUTION_LABEL,
  DRAWN_KNOTS,
  knotRank,
  probabilityFn,
  type DistributionKind,
  type DistributionSpec,
} from '../../engine/sampling/distributions.ts';
import { MAX_COUNTS_TEXT } from '../../engine/input/parseCounts.ts';
import type { DistParam } from '../../state/fields.ts';
import { mustPredict } from '../../state/selectors.ts';
import { DrawPad, type Knots } from './DrawPad.tsx';
import { FileButton } from '../parts/FileButton.tsx';
import { Chart, type Row } from '../chart/Chart.tsx';
import { NumberField } from '../parts/NumberField.tsx';
import { usePlayground } from '../parts/storeContext.ts';
import { workloadOf } from '../../engine/workloads/registry.ts';
import { sizeField, type DistTarget } from '../../engine/workloads/workload.ts';
import { formatNumber } from '../../state/format.ts';

const PARAMS: Partial<Record<DistributionKind, [Exclude<DistParam, 'kind'>, string][]>> = {
  zipf: [['s', 'Zipf exponent s']],
  headTail: [
    ['headSize', 'Head size (tokens)'],
    ['headShare', 'Head share of samples'],
  ],
  powerLaw: [
    ['s', 'Exponent s'],
    ['cutoff', 'Cutoff rank'],
  ],
};

const PREVIEW_POINTS = 160;
const BUCKET_NAMES = ['head', 'torso', 'tail'];

interface Active {
  spec: DistributionSpec;
  n: number;
  batch: number;
  bounds: [number, number];
}

/** The table's distribution as the form has it, or null while any of its inputs is invalid. */
function useActive(target: DistTarget): Active | null {
  const errors = usePlayground((s) => s.errors);
  const sizeKey = sizeField(target);
  const bad = Object.keys(errors).some(
    (k) => k === target || k.startsWith(`${target}.`) || [sizeKey, 'batch', 'bucketEnds.0', 'bucketEnds.1'].includes(k),
  );
  const c = usePlayground((s) => s.edited);
  const size = c[sizeKey];
  const active = useMemo(
    () => (bad ? null : { spec: c[target], n: size, batch: c.batch, bounds: bucketBounds(size, c.bucketEnds) }),
    [bad, c, target, size],
  );
  // The preview keeps showing the last good distribution while an input is being fixed.
  const [lastGood, setLastGood] = useState(active);
  if (active !== null && active !== lastGood) setLastGood(active);
  return active ?? lastGood;
}

const PREVIEW_SERIES = [{ key: 'p', name: 'p_k', color: '#0072B2', dash: '' }];

function Preview({ active, title }: { active: Active; title: string }) {
  const { spec, n, bounds } = active;
  const marks = useMemo(
    () => [
      { x: bounds[0] + 1, label: 'torso' },
      { x: bounds[1] + 1, label: 'tail' },
    ],
    [bounds],
  );
  const rows = useMemo(() => {
    const p = probabilityFn(spec, n);
    const ks = new Set<number>();
    for (let i = 0; i < PREVIEW_POINTS; i++) ks.add(Math.round(Math.pow(n, i / (PREVIEW_POINTS - 1))) - 1);
    return [...ks].sort((a, b) => a - b).map((k) => ({ x: k + 1, p: p(k) }) as Row);
  }, [spec, n]);
  return (
    <Chart
      title={title}
      xLabel="rank"
      yLabel="frequency p_k"
      rows={rows}
      series={PREVIEW_SERIES}
      xLog
      height={220}
      legend={false}
      xMarks={marks}
    />
  );
}

function ExpectedUpdates({ active }: { active: Active }) {
  const stopAt = usePlayground((s) => s.controls.stopAt);
  const T = stopAt ?? 1000;
  const { spec, n, batch, bounds } = active;
  const lines = useMemo(() => {
    const p = probabilityFn(spec, n);
    const updates = (k: number) => T * batch * p(k);
    const ranges = [
      [0, bounds[0]],
      [bounds[0], bounds[1]],
      [bounds[1], n],
    ];
    const out = ranges.map(([a, e], b) =>
      e > a
        ? `${BUCKET_NAMES[b]} (ranks ${a + 1}–${e}): ${formatNumber(updates(e - 1))} to ${formatNumber(updates(a))}`
        : null,
    );
    const never = Math.exp(T * batch * Math.log1p(-p(n - 1)));
    return { out, rarest: formatNumber(updates(n - 1)), never: `${formatNumber(100 * never)}%` };
  }, [spec, n, batch, bounds, T]);
  return (
    <div className="expected" aria-live="polite">
      <p>
        Updates a token can expect by step {T.toLocaleString('en-US')}
        {stopAt === null ? ', say (no stop step is set)' : ', the stop step'}, {batch.toLocaleString('en-US')} samples
        per step:
      </p>
      <ul>{lines.out.map((l, b) => l && <li key={b}>{l}</li>)}</ul>
      <p>
        The rarest token: {lines.rarest}; the chance it never gets a gradient: {lines.never}.
      </p>
    </div>
  );
}

function CountsEditor({ target }: { target: DistTarget }) {
  const apply = usePlayground((s) => s.applyCounts);
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const id = `counts-${target}`;
  return (
    <div className="counts-editor">
      <label htmlFor={id}>Counts: one per line, or token,count</label>
      <textarea
        id={id}
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'the,5120\nof,2710\ncat,12'}
      />
      <div className="row">
        <button type="button" onClick={() => apply(target, text)}>
          Use these counts
        </button>
        <FileButton
          label="Upload a file…"
          accept=".txt,.csv,.tsv,text/plain,text/csv"
          onFile={async (file) => {
            if (file.size > MAX_COUNTS_TEXT) {
              setFileError(
                `${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MB; the limit is ${MAX_COUNTS_TEXT / 2 ** 20} MB.`,
              );
              return;
            }
            setFileError(null);
            const content = await file.text();
            setText(content.length > 200_000 ? `${content.slice(0, 200_000)}\n…` : content);
            apply(target, content);
          }}
        />
      </div>
      {fileError && (
        <p className="error" role="alert">
          {fileError}
        </p>
      )}
    </div>
  );
}

function DrawEditor({ target, active }: { target: DistTarget; active: Active | null }) {
  const apply = usePlayground((s) => s.applyDrawn);
  const applied = usePlayground((s) => (s.custom[target]?.kind === 'drawn' ? s.custom[target].knots : null));
  const n = active?.n ?? 2;
  const fromActive = (): Knots => {
    if (!active) return Array(DRAWN_KNOTS).fill(null);
    const p = probabilityFn(active.spec, active.n);
    return Array.from({ length: DRAWN_KNOTS }, (_, i) =>
      Math.max(-8, Math.log10(p(Math.round(knotRank(i, active.n)) - 1) / p(0))),
    );
  };
  const [draft, setDraft] = useState<Knots>(() => applied ?? fromActive());
  return (
    <div className="draw-editor">
      <DrawPad knots={draft} onChange={setDraft} n={n} label="Draw the rank-frequency curve" />
      <div className="row">
        <button type="button" onClick={() => apply(target, draft)}>
          Use this curve
        </button>
        <button type="button" onClick={() => setDraft(fromActive())}>
          Start from current
        </button>
        <button type="button" onClick={() => setDraft(Array(DRAWN_KNOTS).fill(null))}>
          Clear
        </button>
      </div>
    </div>
  );
}

const TITLE: Record<DistTarget, [string, string]> = {
  tokens: ['Token distribution', 'User distribution'],
  itemTokens: ['Item distribution', 'Item distribution'],
};

export function DistributionDesigner({ target }: { target: DistTarget }) {
  // Where users and items are both designed, the first table is the users'.
  const mf = usePlayground((s) => workloadOf(PRESETS[s.presetId].config).inputs.designers.length > 1);
  const kind = usePlayground((s) => s.fields[`${target}.kind`]) as DistributionKind;
  const custom = usePlayground((s) => s.custom[target]);
  const edit = usePlayground((s) => s.editField);
  const error = usePlayground((s) => s.errors[target]);
  const designerError = usePlayground((s) => s.designerErrors[target]);
  const notes = usePlayground((s) => s.designerNotes[target]);
  // In a lesson, how rarely the tail is updated is part of the answer: said after the prediction.
  const predicting = usePlayground(mustPredict);
  const active = useActive(target);
  // Which shape is being edited; drawn curves and counts become the distribution only when
  // applied (the parent remounts this per preset and lesson, so it starts at the form's kind).
  const [shown, setShown] = useState<DistributionKind>(kind);
  const title = TITLE[target][mf ? 1 : 0];
  const id = `shape-${target}`;
  return (
    <section className="designer" aria-label={title}>
      <h3>{title}</h3>
      <div className="field">
        <label htmlFor={id}>Shape</label>
        <select
          id={id}
          value={shown}
          onChange={(e) => {
            const next = e.target.value as DistributionKind;
            setShown(next);
            if ((next !== 'drawn' && next !== 'counts') || custom?.kind === next) edit(`${target}.kind`, next);
          }}
        >
          {(Object.keys(DISTRIBUTION_LABEL) as DistributionKind[]).map((k) => (
            <option key={k} value={k}>
              {DISTRIBUTION_LABEL[k]}
            </option>
          ))}
        </select>
      </div>
      {PARAMS[shown] && (
        <div className="grid">
          {PARAMS[shown].map(([p, label]) => (
            <NumberField key={p} name={`${target}.${p}`} label={label} context={title} />
          ))}
        </div>
      )}
      {shown === 'drawn' && <DrawEditor target={target} active={active} />}
      {shown === 'counts' && <CountsEditor target={target} />}
      {(shown === 'drawn' || shown === 'counts') && shown !== kind && (
        <p className="hint">
          Until you apply one, the {DISTRIBUTION_LABEL[kind].toLowerCase()} distribution stays in use.
        </p>
      )}
      {designerError && (
        <p className="error" role="alert">
          {designerError} The last good distribution is still in use.
        </p>
      )}
      {notes && notes.length > 0 && <p className="hint">{notes.join(' ')}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {active && <Preview active={active} title="Rank–frequency (log-log)" />}
      {active && !predicting && <ExpectedUpdates active={active} />}
      {active && predicting && (
        <p className="hint">How often each bucket’s tokens are updated shows once you have made your prediction.</p>
      )}
    </section>
  );
}
