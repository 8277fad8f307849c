// Run / Pause / Resume / Reset and the status line.

import { usePlayground } from './storeContext.ts';

export function RunControls() {
  const status = usePlayground((s) => s.status);
  const step = usePlayground((s) => s.step);
  const rate = usePlayground((s) => s.stepsPerSecond);
  const device = usePlayground((s) => s.device);
  const hasErrors = usePlayground((s) => Object.keys(s.errors).length > 0);
  const run = usePlayground((s) => s.run);
  const pause = usePlayground((s) => s.pause);
  const resume = usePlayground((s) => s.resume);
  const reset = usePlayground((s) => s.reset);
  return (
    <div className="controls" role="group" aria-label="Run controls">
      {status === 'idle' || status === 'error' ? (
        <button onClick={run} disabled={hasErrors}>
          Run
        </button>
      ) : status === 'paused' ? (
        <button onClick={resume}>Resume</button>
      ) : (
        <button onClick={pause} disabled={status === 'starting'}>
          Pause
        </button>
      )}
      <button onClick={reset} disabled={status === 'idle'}>
        Reset
      </button>
      <output className="status" aria-live="off" data-testid="status">
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
}
