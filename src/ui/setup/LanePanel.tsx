// One card per optimizer lane: on/off, η and its own parameters, its update rule with the
// current values, and its optimizer memory per row.

import { useMemo } from 'react';
import { PRESETS } from '../../engine/config.ts';
import { OPTIMIZER_LABEL, stateWordsPerRow, type OptimizerKind } from '../../engine/optimizers.ts';
import { Formula, texNumber } from '../parts/Formula.tsx';
import { LANE_STYLE } from '../parts/laneStyle.ts';
import { NumberField } from '../parts/NumberField.tsx';
import { formatNumber } from '../../state/format.ts';
import { stability, tokenFrequencies, type Stability } from '../../state/theory.ts';
import { usePlayground } from '../parts/storeContext.ts';

const PARAMS: Record<OptimizerKind, ('beta' | 'cap' | 'eps')[]> = {
  sgd: [],
  fasgd: ['beta', 'cap'],
  cfsgd: ['beta', 'cap'],
  adagradRow: ['eps'],
  adagradCoord: ['eps'],
};
const PARAM_LABEL = { beta: 'β', cap: 'cap c', eps: 'ε' };

/** The update rule of row k as TeX, with the current values where they are numbers. */
function rule(kind: OptimizerKind, v: Record<string, string>): string {
  // With a schedule the rule uses η(t) = η/√(1 + t/t₀).
  const eta =
    Number(v.decay) > 0
      ? `\\tfrac{${texNumber(v.lr, '\\eta')}}{\\sqrt{1 + t/${texNumber(v.decay, 't_0')}}}`
      : texNumber(v.lr, '\\eta');
  const boost = (ratio: string) =>
    `\\min\\!\\Big(\\big(${ratio}\\big)^{${texNumber(v.beta, '\\beta')}},\\ ${texNumber(v.cap, 'c')}\\Big)`;
  const eps = texNumber(v.eps, '\\varepsilon');
  switch (kind) {
    case 'sgd':
      return `\\theta_k \\leftarrow \\theta_k - ${eta}\\, g_k`;
    case 'fasgd':
      return `\\theta_k \\leftarrow \\theta_k - ${eta}\\,${boost('p_{\\max}/p_k')}\\, g_k`;
    case 'cfsgd':
      return `n_k \\mathrel{+}= r_k,\\quad \\theta_k \\leftarrow \\theta_k - ${eta}\\,${boost('n_{\\mathrm{ref}}/n_k')}\\, g_k`;
    case 'adagradRow':
      return `s_k \\mathrel{+}= \\tfrac{1}{d}\\lVert g_k\\rVert^2,\\quad \\theta_k \\leftarrow \\theta_k - ${eta}\\, g_k / (\\sqrt{s_k} + ${eps})`;
    case 'adagradCoord':
      return `s_{kj} \\mathrel{+}= g_{kj}^2,\\quad \\theta_{kj} \\leftarrow \\theta_{kj} - ${eta}\\, g_{kj} / (\\sqrt{s_{kj}} + ${eps})`;
  }
}

/** Optimizer memory per row and in all for `rows` rows (the paper's memory argument). */
function memory(kind: OptimizerKind, d: number, rows: number): string {
  const words = kind === 'cfsgd' ? 1 : stateWordsPerRow(kind, d);
  const per =
    kind === 'cfsgd'
      ? 'one u32 counter per row'
      : words === 0
        ? 'no optimizer memory'
        : words === 1
          ? 'one float per row'
          : `${words} floats per row (d)`;
  return words === 0 || !(rows > 0)
    ? per
    : `${per}, ${formatBytes(4 * words * rows)} for ${rows.toLocaleString('en')} rows`;
}

const formatBytes = (b: number) =>
  b >= 2 ** 30
    ? `${(b / 2 ** 30).toFixed(1)} GiB`
    : b >= 2 ** 20
      ? `${(b / 2 ** 20).toFixed(1)} MiB`
      : `${(b / 2 ** 10).toFixed(1)} KiB`;

function LaneCard({ index, kind, limit }: { index: number; kind: OptimizerKind; limit: Stability | null }) {
  const fields = usePlayground((s) => s.fields);
  const edit = usePlayground((s) => s.editField);
  const on = fields[`lanes.${index}.on`] !== '0';
  const d = Number(fields.dim) || 0;
  // Every table's rows: tokens, or users and items.
  const rows = (Number(fields.rows) || 0) + (fields.items !== undefined ? Number(fields.items) || 0 : 0);
  const values = Object.fromEntries(
    (['lr', 'beta', 'cap', 'eps', 'decay'] as const).map((k) => [k, fields[`lanes.${index}.${k}`] ?? '']),
  );
  const id = `lane-${index}-on`;
  return (
    <div className={on ? 'lane-card' : 'lane-card off'}>
      <div className="lane-head">
        <input
          id={id}
          type="checkbox"
          checked={on}
          onChange={(e) => edit(`lanes.${index}.on`, e.target.checked ? '1' : '0')}
        />
        <span className="swatch" style={{ background: LANE_STYLE[kind].color }} aria-hidden />
        <label htmlFor={id}>{OPTIMIZER_LABEL[kind]}</label>
      </div>
      <div className="lane-params">
        <NumberField name={`lanes.${index}.lr`} label="η" context={OPTIMIZER_LABEL[kind]} />
        <NumberField
          name={`lanes.${index}.decay`}
          label="decay t₀"
          context={OPTIMIZER_LABEL[kind]}
          hint="0: constant η. t₀ > 0: step t uses η/√(1 + t/t₀), which gets below a constant step's noise floor on long runs"
        />
        {PARAMS[kind].map((p) => (
          <NumberField key={p} name={`lanes.${index}.${p}`} label={PARAM_LABEL[p]} context={OPTIMIZER_LABEL[kind]} />
        ))}
      </div>
      {/* Focusable: where the column is narrow the rule scrolls sideways, and the keyboard can too. */}
      <div className="rule" role="group" aria-label={`Update rule of ${OPTIMIZER_LABEL[kind]}`} tabIndex={0}>
        <Formula tex={rule(kind, values)} />
      </div>
      <p className="memory">Memory: {memory(kind, d, rows)}</p>
      {limit && (
        <p className={Number(values.lr) > limit.rate ? 'limit error' : 'limit'} data-testid={`limit-${kind}`}>
          Stable for η below ≈ {formatNumber(limit.rate)} (theory; set by {limit.setBy})
          {Number(values.lr) > limit.rate ? ': this η will diverge.' : '.'}
        </p>
      )}
    </div>
  );
}

/** Each lane's stability limit by theory (token regression), from the form's values. */
function useStability(): (Stability | null)[] {
  const c = usePlayground((s) => s.edited);
  return useMemo(() => {
    const p = tokenFrequencies(c);
    return c.lanes.map((_, l) => stability(c, p, l));
  }, [c]);
}

export function LanePanel() {
  const presetId = usePlayground((s) => s.presetId);
  const error = usePlayground((s) => s.errors.lanes);
  const limits = useStability();
  return (
    <div className="lanes" role="group" aria-label="Optimizers">
      {PRESETS[presetId].config.lanes.map((lane, i) => (
        <LaneCard key={`${presetId}-${i}`} index={i} kind={lane.optimizer} limit={limits[i]} />
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
