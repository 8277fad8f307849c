// Run / Pause / Resume / Step / Reset, speed and stop-at-step, and the status line.

import { memo } from 'react';
import { MAX_SEEDS } from '../engine/config.ts';
import { SWEEP_RATES } from '../engine/sweep.ts';
import { useShown } from './ConfigPanel.tsx';
import { PACES, numberOf } from '../state/fields.ts';
import { NumberField } from './NumberField.tsx';
import { usePlayground } from './storeContext.ts';

export const RunControls = memo(function RunControls() {
  const status = usePlayground((s) => s.status);
  const step = usePlayground((s) => s.step);
  const rate = usePlayground((s) => s.stepsPerSecond);
  const device = usePlayground((s) => s.device);
  const pace = usePlayground((s) => s.fields.pace ?? '');
  const hasErrors = usePlayground((s) => Object.keys(s.errors).length > 0 || Object.keys(s.limitErrors).length > 0);
  const limitErrors = usePlayground((s) => s.limitErrors);
  // A lesson asks for a prediction before the first Run.
  const mustPredict = usePlayground((s) => s.lessonId !== null && s.prediction === null);
  const showSpeed = useShown('speed');
  const run = usePlayground((s) => s.run);
  const pause = usePlayground((s) => s.pause);
  const resume = usePlayground((s) => s.resume);
  const stepOnce = usePlayground((s) => s.stepOnce);
  const reset = usePlayground((s) => s.reset);
  const edit = usePlayground((s) => s.editField);
  const mode = usePlayground((s) => s.fields.mode ?? 'compare');
  const modeError = usePlayground((s) => s.errors.mode);
  const stopAt = usePlayground((s) => s.fields.stopAt ?? '');
  const stopped = status === 'idle' || status === 'error';
  // Paused at the stop step: Continue doubles the stop step and resumes.
  const stopStep = numberOf(stopAt);
  const atStop = status === 'paused' && stopAt.trim() !== '' && step >= stopStep;
  const goOn = (next: string) => {
    edit('stopAt', next);
    resume();
  };
  return (
    <div className="run-controls">
      <div className="controls" role="group" aria-label="Run controls">
        {/* One button that changes its word, never disabled while a run starts: a disabled
            button drops the keyboard focus, so Enter, Enter would not pause. */}
        <button
          className="primary-run"
          onClick={stopped ? () => run() : status === 'paused' ? resume : pause}
          disabled={stopped && (hasErrors || mustPredict)}
          aria-disabled={status === 'starting' || undefined}
          title={stopped && mustPredict ? 'Make your prediction first' : undefined}
        >
          {stopped ? 'Run' : status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        {atStop && (
          <button onClick={() => goOn(String(2 * stopStep))} title="Doubles the stop step and resumes">
            Continue to {(2 * stopStep).toLocaleString('en-US')}
          </button>
        )}
        <button onClick={stepOnce} disabled={!(stopped || status === 'paused') || hasErrors || mustPredict}>
          Step
        </button>
        <button onClick={reset} disabled={status === 'idle'}>
          Reset
        </button>
        {showSpeed && (
          <>
            <div className="field inline">
              <label htmlFor="pace">Speed</label>
              <select id="pace" value={pace} onChange={(e) => edit('pace', e.target.value)}>
                {PACES.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <NumberField name="stopAt" label="Stop at step" hint="Pause by itself at this step; empty: never" />
          </>
        )}
        <div className={modeError ? 'field inline invalid' : 'field inline'}>
          <label htmlFor="mode">Mode</label>
          <select
            id="mode"
            value={mode}
            aria-describedby={modeError ? 'mode-error' : undefined}
            onChange={(e) => {
              edit('mode', e.target.value);
              // A sweep reads its result at a stop step.
              if (e.target.value === 'sweep' && stopAt.trim() === '') edit('stopAt', '300');
            }}
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
      {Object.keys(limitErrors).length > 0 && (
        <p className="error" data-testid="limit-errors">
          Too big for this device: {Object.values(limitErrors).join(' ')}
        </p>
      )}
      <output className="status" data-testid="status">
        <span>
          step <b data-testid="step">{step}</b>
        </span>
        <span>
          <b data-testid="rate">{rate.toFixed(1)}</b> steps/s
        </span>
        <span>{status === 'idle' ? 'ready' : status}</span>
        {device && <span title="Where training runs">{device}</span>}
      </output>
    </div>
  );
});
