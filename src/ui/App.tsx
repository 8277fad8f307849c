// The page: setup on the left, the race on the right; a lesson, when open, above the race.

import { ConfigPanel } from './ConfigPanel.tsx';
import { BucketCharts, LossChart, RankErrorChart, StepSizeChart } from './charts.tsx';
import { Explanations } from './Explanations.tsx';
import { LessonPanel } from './LessonPanel.tsx';
import { RaceSummary } from './RaceSummary.tsx';
import { RunControls } from './RunControls.tsx';
import { usePlayground } from './storeContext.ts';
import { UpdateStrip } from './UpdateStrip.tsx';

function LinkNotices() {
  const notices = usePlayground((s) => s.linkNotices);
  const dismiss = usePlayground((s) => s.dismissLinkNotices);
  if (notices.length === 0) return null;
  return (
    <div className="notice warn" role="alert">
      <p>Some values in this link could not be used:</p>
      <ul>
        {notices.slice(0, 12).map((n, i) => (
          <li key={i}>{n}</li>
        ))}
        {notices.length > 12 && <li>…and {notices.length - 12} more.</li>}
      </ul>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

export function App() {
  const running = usePlayground((s) => s.running);
  const notice = usePlayground((s) => s.notice);
  const message = usePlayground((s) => s.message);
  return (
    <main>
      <header>
        <h1>FA-SGD Playground</h1>
        <p className="lede">
          Rare tokens starve under one shared step size. Watch SGD, frequency-aware SGD (FA-SGD), counter-based FA-SGD
          (CF-SGD) and Adagrad train the same embedding table on the same token stream.
        </p>
      </header>
      <LinkNotices />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {message && (
        <p className="notice error" role="alert">
          Training stopped: {message}
        </p>
      )}
      <div className="layout">
        <ConfigPanel />
        <div className="race-column">
          <LessonPanel />
          <section className="panel race" aria-label="Optimizer race">
            <RunControls />
            {running ? (
              <>
                <p className="badge" data-testid="fairness">
                  Fair race: every lane starts from the same initial table and sees the same token stream (seed{' '}
                  {running.seed}).
                </p>
                <RaceSummary lanes={running.lanes} />
                <LossChart lanes={running.lanes} />
                <BucketCharts lanes={running.lanes} ends={running.bucketEnds} />
                <div className="pair">
                  <StepSizeChart lanes={running.lanes} />
                  <RankErrorChart lanes={running.lanes} mf={running.workload === 'matrixFactorization'} />
                </div>
                <UpdateStrip />
              </>
            ) : (
              <p className="empty">Choose a preset or a lesson and press Run.</p>
            )}
          </section>
        </div>
      </div>
      <Explanations />
    </main>
  );
}
