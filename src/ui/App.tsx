// The page: setup on the left, the race on the right.

import { ConfigPanel } from './ConfigPanel.tsx';
import { BucketCharts, DistributionChart, LossChart, StepSizeChart } from './charts.tsx';
import { Explanations } from './Explanations.tsx';
import { RaceSummary } from './RaceSummary.tsx';
import { RunControls } from './RunControls.tsx';
import { usePlayground } from './storeContext.ts';

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
        <section className="panel race" aria-label="Optimizer race">
          <RunControls />
          {running ? (
            <>
              <RaceSummary lanes={running.lanes} />
              <LossChart lanes={running.lanes} />
              <BucketCharts lanes={running.lanes} />
              <div className="pair">
                <StepSizeChart lanes={running.lanes} />
                <DistributionChart />
              </div>
            </>
          ) : (
            <p className="empty">Choose a preset and press Run.</p>
          )}
        </section>
      </div>
      <Explanations />
    </main>
  );
}
