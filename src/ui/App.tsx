// The page: a compact header, then the race (run controls, the loss race beside head, torso and
// tail) with the setup in a column beside it; a lesson, when open, above the race. On narrow
// screens one column: where to start, the lesson and the race, then the setup.

import { EmbedApp } from './EmbedApp.tsx';
import { Explanations } from './Explanations.tsx';
import { LinkNotices, SkipLinks, StudentPreview } from './PageParts.tsx';
import { usePlayground } from './parts/storeContext.ts';
import { RaceCharts } from './race/RaceCharts.tsx';
import { RunControls } from './race/RunControls.tsx';
import { RunsPanel } from './runs/RunsPanel.tsx';
import { SharePanel } from './runs/SharePanel.tsx';
import { ConfigPanel, StartPanel } from './setup/ConfigPanel.tsx';
import { LessonPanel } from './setup/LessonPanel.tsx';
// The meaning room (neighbours, agreement, projection, one token's life; the lesson's text).
import { LessonText } from './meaning/LessonText.tsx';
import { MeaningPanel } from './meaning/MeaningPanel.tsx';

/** The page, or (view=embed) the race alone as a figure for another page. */
export function App() {
  const embed = usePlayground((s) => s.fields.view === 'embed');
  return embed ? <EmbedApp /> : <FullPage />;
}

function FullPage() {
  const projector = usePlayground((s) => s.fields.view === 'projector');
  const editField = usePlayground((s) => s.editField);
  return (
    <main className={projector ? 'projector' : undefined}>
      <SkipLinks
        to={[
          { target: 'run', label: 'Skip to Run' },
          { target: 'lessons', label: 'Skip to the lessons' },
        ]}
      />
      <header className="top">
        <h1>FA-SGD Playground</h1>
        <p className="lede">
          Rare tokens starve under one shared step size. Race SGD, frequency-aware SGD (FA, CF) and Adagrad on one token
          stream.
        </p>
        <label className="view-toggle" title="Thicker lines and larger text, for a projector; the link keeps it">
          <input
            type="checkbox"
            checked={projector}
            onChange={(e) => editField('view', e.target.checked ? 'projector' : '')}
          />{' '}
          Projector view
        </label>
      </header>
      <LinkNotices />
      <StudentPreview />
      <div className="layout">
        <div className="setup-column">
          <StartPanel />
          <ConfigPanel />
          <SharePanel />
        </div>
        <div className="race-column">
          <LessonPanel />
          <LessonText />
          <section className="panel race" aria-label="Optimizer race">
            <RunControls />
            <SkipLinks to={[{ target: 'lessons', label: 'Back to the lessons' }]} />
            <RaceCharts projector={projector}>
              {/* Meaning and one token's life, with the race's chart look and exports. */}
              <MeaningPanel />
            </RaceCharts>
            <RunsPanel />
            <SkipLinks
              to={[
                { target: 'lessons', label: 'Back to the lessons' },
                { target: 'run', label: 'Back to Run' },
              ]}
            />
          </section>
        </div>
      </div>
      <Explanations />
    </main>
  );
}
