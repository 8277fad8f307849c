// One card per optimizer lane: on/off, η and its own parameters, its update rule with the
// current values, and its optimizer memory per row.

import { PRESETS } from '../engine/config.ts';
import { OPTIMIZER_LABEL, stateWordsPerRow, type OptimizerKind } from '../engine/optimizers.ts';
import { LANE_STYLE } from './laneStyle.ts';
import { NumberField } from './NumberField.tsx';
import { usePlayground } from './storeContext.ts';

const PARAMS: Record<OptimizerKind, ('beta' | 'cap' | 'eps')[]> = {
  sgd: [],
  fasgd: ['beta', 'cap'],
  cfsgd: ['beta', 'cap'],
  adagradRow: ['eps'],
  adagradCoord: ['eps'],
};
const PARAM_LABEL = { beta: 'β', cap: 'cap c', eps: 'ε' };

/** The update rule of row k with the current values substituted, as plain text. */
function rule(kind: OptimizerKind, v: Record<string, string>): string {
  const eta = v.lr || 'η';
  switch (kind) {
    case 'sgd':
      return `θₖ −= ${eta}·gₖ`;
    case 'fasgd':
      return `θₖ −= ${eta}·min((p_max/pₖ)^${v.beta || 'β'}, ${v.cap || 'c'})·gₖ`;
    case 'cfsgd':
      return `nₖ += rₖ;  θₖ −= ${eta}·min((n_max/nₖ)^${v.beta || 'β'}, ${v.cap || 'c'})·gₖ`;
    case 'adagradRow':
      return `sₖ += mean_j gₖⱼ²;  θₖ −= ${eta}·gₖ/(√sₖ + ${v.eps || 'ε'})`;
    case 'adagradCoord':
      return `sₖⱼ += gₖⱼ²;  θₖⱼ −= ${eta}·gₖⱼ/(√sₖⱼ + ${v.eps || 'ε'})`;
  }
}

function memory(kind: OptimizerKind, d: number): string {
  if (kind === 'cfsgd') return 'one u32 counter per row';
  const words = stateWordsPerRow(kind, d);
  return words === 0 ? 'no optimizer memory' : words === 1 ? 'one float per row' : `${words} floats per row (d)`;
}

function LaneCard({ index, kind }: { index: number; kind: OptimizerKind }) {
  const fields = usePlayground((s) => s.fields);
  const edit = usePlayground((s) => s.editField);
  const on = fields[`lanes.${index}.on`] !== '0';
  const d = Number(fields.dim) || 0;
  const values = Object.fromEntries(['lr', 'beta', 'cap', 'eps'].map((k) => [k, fields[`lanes.${index}.${k}`] ?? '']));
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
        {PARAMS[kind].map((p) => (
          <NumberField key={p} name={`lanes.${index}.${p}`} label={PARAM_LABEL[p]} context={OPTIMIZER_LABEL[kind]} />
        ))}
      </div>
      <p className="rule" aria-label={`Update rule of ${OPTIMIZER_LABEL[kind]}`}>
        {rule(kind, values)}
      </p>
      <p className="memory">Memory: {memory(kind, d)}</p>
    </div>
  );
}

export function LanePanel() {
  const presetId = usePlayground((s) => s.presetId);
  const error = usePlayground((s) => s.errors.lanes);
  return (
    <div className="lanes" role="group" aria-label="Optimizers">
      {PRESETS[presetId].config.lanes.map((lane, i) => (
        <LaneCard key={`${presetId}-${i}`} index={i} kind={lane.optimizer} />
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
