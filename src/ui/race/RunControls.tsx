// Run / Pause / Resume / Continue (one primary button), Step, Reset, speed and stop step;
// why Run cannot start, the data Run trains on (and data read but not in use), the status line, and
// one fixed-height place for the latest message. Which buttons are enabled comes from the run's
// state machine (state/runMachine.ts) through state/selectors.ts.

import { memo, useContext } from 'react';
import { logPairs } from '../../engine/input/pairData.ts';
import { PACES } from '../../state/fields.ts';
import { canAct, continueTo, presetLabel, primaryAction, runBlockers, setupChanged } from '../../state/selectors.ts';
import { noGpuText } from '../../state/notices.ts';
import { isTraining, type Action } from '../../state/runMachine.ts';
import { useShown } from '../parts/useShown.ts';
import { focusRun } from '../parts/focusRun.ts';
import { FileButton } from '../parts/FileButton.tsx';
import { NumberField } from '../parts/NumberField.tsx';
import { ReadersContext } from '../parts/readersContext.ts';
import { usePlayground, usePlaygroundStore } from '../parts/storeContext.ts';
import { useReadJob } from '../parts/useReadJob.tsx';
import type { ParsedLog } from '../../engine/input/interactions.ts';
import type { ParsedText } from '../../engine/input/text.ts';

const WORDS: Record<Action, string> = {
  run: 'Run',
  pause: 'Pause',
  resume: 'Resume',
  continue: 'Continue',
  step: 'Step',
  reset: 'Reset',
};

/** The primary button: the one action the run's phase offers first; it keeps the keyboard focus. */
function PrimaryButton() {
  const action = usePlayground(primaryAction);
  const enabled = usePlayground((s) => canAct(s, primaryAction(s)));
  const pausing = usePlayground((s) => s.status === 'pausing');
  const blocked = usePlayground((s) => primaryAction(s) === 'run' && runBlockers(s).length > 0);
  const to = usePlayground(continueTo);
  const store = usePlaygroundStore();
  const act = () => {
    const s = store.getState();
    const a = primaryAction(s);
    if (!canAct(s, a)) return;
    if (a === 'run') s.run();
    else if (a === 'pause') s.pause();
    else if (a === 'resume') s.resume();
    else if (a === 'continue') s.continueRun();
  };
  // While a run pauses the button stays focusable (a disabled button drops the focus, so Enter,
  // Enter would not resume): aria-disabled says it does nothing for now.
  return (
    <button
      className="primary-run"
      onClick={act}
      disabled={!enabled && !pausing}
      aria-disabled={pausing || undefined}
      aria-describedby={blocked ? 'run-blockers' : undefined}
      title={action === 'continue' ? 'Doubles the stop step and goes on' : undefined}
    >
      {action === 'continue' ? `Continue to ${to.toLocaleString('en-US')}` : pausing ? 'Pausing…' : WORDS[action]}
    </button>
  );
}

/** Why Run cannot start, said beside it (instead of a silently greyed-out button). */
function Blockers({ id }: { id: string }) {
  // One string per change (a selector's new array each time would re-render without end).
  const said = usePlayground((s) => (primaryAction(s) === 'run' ? runBlockers(s).join('\n') : ''));
  if (!said) return null;
  const blockers = said.split('\n');
  return (
    <ul id={id} className="blockers" data-testid="run-blockers">
      {blockers.map((b) => (
        <li key={b}>{b}</li>
      ))}
    </ul>
  );
}

/** That the setup was edited since the run on screen started: the edits take effect at the next Run. */
function SetupChanged() {
  const changed = usePlayground(setupChanged);
  const training = usePlayground((s) => isTraining(s.status));
  if (!changed) return null;
  return (
    <p className="hint" data-testid="setup-changed">
      The setup changed since this run started:{' '}
      {training ? 'the changes take effect at the next Run.' : 'Run starts a new run with it (this one is dropped).'}
    </p>
  );
}

/** What Run trains while data read in "Your data" is not in use, and the way to train on it instead. */
function DataOffer() {
  const read = usePlayground((s) => s.read);
  const label = usePlayground(presetLabel);
  const trainOn = usePlayground((s) => s.trainOn);
  if (!read) return null;
  return (
    <p className="data-offer" data-testid="data-offer">
      Run trains {label}, not “{read.name}”.{' '}
      <button
        type="button"
        onClick={() => {
          trainOn(read.pairs, read.source, read.name, read.options);
          focusRun();
        }}
      >
        Train on “{read.name}”
      </button>
    </p>
  );
}

/**
 * A data run's link without its data: the file to open, beside Run, read as the link says it was
 * read (so the same file gives the same pairs; the fingerprint checks it).
 */
function DataNeeded() {
  const want = usePlayground((s) => (s.errors.data ? s.custom.data : undefined));
  const refusal = usePlayground((s) => s.dataRefusal);
  const trainOn = usePlayground((s) => s.trainOn);
  const readers = useContext(ReadersContext);
  const job = useReadJob<ParsedLog | ParsedText>('needed');
  if (!want || !readers) return null;
  const open = (file: File) => {
    const r = want.reading;
    if (want.source === 'text') {
      const options = r?.source === 'text' ? r : { vocabulary: 5000, window: 2, lowercase: true };
      job.start(
        file.name,
        (p) => readers.text(file, options, p),
        (t) => {
          if (!('corpus' in t)) return;
          trainOn(t.corpus.pairs, 'text', file.name, {
            reading: { source: 'text', ...options },
            names: { rows: t.corpus.rows, items: t.corpus.rows },
          });
          focusRun();
        },
      );
    } else {
      const duplicates = r?.source === 'log' ? r.duplicates : 'keep';
      job.start(
        file.name,
        (p) => readers.parse(file, { malformed: 'skip', duplicates }, p),
        (l) => {
          if (!('log' in l)) return;
          const pairs = logPairs(l.log);
          if (!want.ratings) pairs.y = null;
          trainOn(pairs, 'log', file.name, {
            reading: { source: 'log', duplicates },
            names: { rows: l.log.users, items: l.log.items },
          });
          focusRun();
        },
      );
    }
  };
  return (
    <div className="data-needed" data-testid="data-needed">
      <p>
        This link trains on “{want.name}”, which is not in this browser.{' '}
        <FileButton
          label={`Open ${want.name}…`}
          accept={want.source === 'text' ? '.txt,.md,text/*' : '.csv,.tsv,.txt,.dat,text/*'}
          onFile={open}
        />
      </p>
      {job.status}
      {refusal && (
        <p className="error" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}

/** The status line: step, speed, phase, and where training runs (from page load). */
function StatusLine() {
  const step = usePlayground((s) => s.step);
  const rate = usePlayground((s) => s.stepsPerSecond);
  const status = usePlayground((s) => s.status);
  const device = usePlayground((s) => s.device);
  const noGpu = usePlayground((s) => s.noGpu);
  const words: Record<string, string> = { idle: 'ready', atStop: 'at its stop step', failed: 'failed' };
  return (
    <output className="status" data-testid="status">
      <span>
        step <b data-testid="step">{step}</b>
      </span>
      <span>
        <b data-testid="rate">{rate.toFixed(1)}</b> steps/s
      </span>
      <span data-testid="phase">{words[status] ?? status}</span>
      {device && (
        <span title="Where training runs" data-testid="device">
          {noGpu && device === 'CPU' ? 'CPU engine (no WebGPU)' : device}
        </span>
      )}
    </output>
  );
}

/**
 * The one place for messages about the run, of a fixed height for one message (a passing one
 * replacing another never pushes the page): a failure and a recovered device while they stand, the
 * latest passing notice, and otherwise (without a GPU) why training runs on the CPU.
 */
function MessageSlot() {
  const failure = usePlayground((s) => s.failure);
  const recovery = usePlayground((s) => s.recovery);
  const passing = usePlayground((s) => s.passing);
  const noGpu = usePlayground((s) => s.noGpu);
  return (
    <div className="message-slot">
      {failure && (
        <p className="notice error" role="alert">
          Training stopped: {failure}
        </p>
      )}
      {recovery && (
        <p className="notice warn" role="status">
          {recovery}
        </p>
      )}
      {passing ? (
        <p className={`notice ${passing.kind}`} role="status" data-testid="passing">
          {passing.text}
        </p>
      ) : (
        noGpu &&
        !failure &&
        !recovery && (
          <p className="notice" data-testid="no-gpu">
            {noGpuText(noGpu)}
          </p>
        )
      )}
    </div>
  );
}

/** `minimal`: Run (Pause, Resume, Continue) and Reset only, for a figure embedded in another page. */
export const RunControls = memo(function RunControls({ minimal = false }: { minimal?: boolean }) {
  const pace = usePlayground((s) => s.fields.pace ?? '');
  const showSpeed = useShown('speed') && !minimal;
  const stepOnce = usePlayground((s) => s.stepOnce);
  const reset = usePlayground((s) => s.reset);
  const canStep = usePlayground((s) => canAct(s, 'step'));
  const canReset = usePlayground((s) => canAct(s, 'reset'));
  const edit = usePlayground((s) => s.editField);
  return (
    <div className="run-controls">
      <div className="controls" role="group" aria-label="Run controls">
        <PrimaryButton />
        {!minimal && (
          <button onClick={stepOnce} disabled={!canStep}>
            Step
          </button>
        )}
        <button onClick={reset} disabled={!canReset}>
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
      </div>
      <Blockers id="run-blockers" />
      <SetupChanged />
      {!minimal && <DataNeeded />}
      {!minimal && <DataOffer />}
      <div className="run-state">
        <StatusLine />
        <MessageSlot />
      </div>
    </div>
  );
});
