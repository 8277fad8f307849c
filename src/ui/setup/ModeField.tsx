// What kind of race Run starts: one lane per optimizer, a learning-rate sweep, or several seeds.

import { MAX_SEEDS } from '../../engine/config.ts';
import { SWEEP_RATES } from '../../engine/sweep.ts';
import { NumberField } from '../parts/NumberField.tsx';
import { usePlayground } from '../parts/storeContext.ts';

export function ModeField() {
  const mode = usePlayground((s) => s.fields.mode ?? 'compare');
  const modeError = usePlayground((s) => s.errors.mode);
  const edit = usePlayground((s) => s.editField);
  return (
    <div className="grid">
      <div className={modeError ? 'field wide invalid' : 'field wide'}>
        <label htmlFor="mode">Mode</label>
        <select
          id="mode"
          value={mode}
          aria-describedby={modeError ? 'mode-error' : undefined}
          onChange={(e) => edit('mode', e.target.value)}
        >
          <option value="compare">compare: one η per optimizer</option>
          <option value="sweep">sweep: {SWEEP_RATES} rates per optimizer</option>
          <option value="seeds">seeds: mean and range over several seeds</option>
        </select>
        {modeError && (
          <p id="mode-error" className="error" role="alert">
            {modeError}
          </p>
        )}
      </div>
      {mode === 'seeds' && (
        <NumberField name="seeds" label="Seeds" hint={`Runs with seeds seed, seed + 1, …: 1 to ${MAX_SEEDS}`} />
      )}
    </div>
  );
}
