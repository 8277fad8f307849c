// The page: setup on the left, the race on the right; a lesson, when open, above the race.

import { useMemo } from 'react';
import type { LaneConfig } from '../engine/config.ts';
import { workloadOf } from '../engine/workloads/registry.ts';
import { groupsText } from '../state/notices.ts';
import { noTheoryReason } from '../state/theory.ts';
import { TheoryProvider, useShownConfig } from './race/useTheory.tsx';
import { configSummary } from '../state/runRecord.ts';
import { ConfigPanel, StartPanel } from './setup/ConfigPanel.tsx';
import { SharePanel } from './runs/SharePanel.tsx';
import { useShown } from './parts/useShown.ts';
import { SweepChart, SweepProgress, TunedProvider, useSweeping } from './race/SweepView.tsx';
import { Explanations } from './Explanations.tsx';
import { LessonPanel } from './setup/LessonPanel.tsx';
import { DivergenceNotes, FloorNote, RaceSummary } from './race/RaceSummary.tsx';
import { RunControls } from './race/RunControls.tsx';
import { useLive, usePlayground, usePlaygroundStore } from './parts/storeContext.ts';
import { StreamingContext } from './chart/useInView.ts';
import { UpdateStrip } from './race/UpdateStrip.tsx';
import { ExportContext, type ExportSource } from './chart/ExportButtons.tsx';
import { RunsPanel } from './runs/RunsPanel.tsx';
import { absoluteLink } from './parts/absoluteLink.ts';
import { AucChart, LossChart } from './race/lossCharts.tsx';
import { BucketCharts } from './race/bucketCharts.tsx';
import { RankErrorChart, StepSizeChart } from './race/rowCharts.tsx';
import { ChartLookContext, NORMAL_LOOK, PROJECTOR_LOOK } from './chart/chartLook.ts';
// Issue 31: the meaning room (neighbours, agreement, projection, one token's life; the lesson's text).
import { MeaningPanel } from './meaning/MeaningPanel.tsx';
import { LessonText } from './meaning/LessonText.tsx';

/** Where the skip buttons lead: the primary run button, and the current (else the first) lesson link. */
const TARGETS = { run: ['.primary-run'], lessons: ['.lesson-links a[aria-current]', '.lesson-links a'] };

/**
 * Tab stops shown only while focused that jump across the page: at its top (to Run, to the
 * lessons), after the run controls and at the end of the race (back to the lessons, to Run).
 */
function SkipLinks({ to }: { to: { target: keyof typeof TARGETS; label: string }[] }) {
  const lessons = useShown('preset');
  const focus = (selectors: string[]) =>
    selectors
      .map((s) => document.querySelector<HTMLElement>(s))
      .find(Boolean)
      ?.focus();
  return (
    <div className="skip-links">
      {to
        .filter((t) => t.target !== 'lessons' || lessons)
        .map((t) => (
          <button key={t.label} type="button" onClick={() => focus(TARGETS[t.target])}>
            {t.label}
          </button>
        ))}
    </div>
  );
}

/** While the page previews a student link's view: what it hides, and the way back. */
function StudentPreview() {
  const previewing = usePlayground((s) => s.previewing && s.classroom.length > 0);
  const classroom = usePlayground((s) => s.classroom);
  const setPreviewing = usePlayground((s) => s.setPreviewing);
  if (!previewing) return null;
  return (
    <div className="notice preview" role="status" data-testid="student-preview">
      <p>Previewing the student’s view: the student link hides {groupsText(classroom)}.</p>
      <button type="button" onClick={() => setPreviewing(false)}>
        Back to the full view
      </button>
    </div>
  );
}

function LinkNotices() {
  const notices = usePlayground((s) => s.linkNotices);
  const info = usePlayground((s) => s.linkInfo);
  const dismiss = usePlayground((s) => s.dismissLinkNotices);
  if (notices.length === 0 && info.length === 0) return null;
  // Values that could not be used are a warning; what else there is to know, information.
  const problems = notices.length > 0;
  return (
    <div
      className={problems ? 'notice warn' : 'notice'}
      role={problems ? 'alert' : 'status'}
      data-testid={problems ? undefined : 'link-info'}
    >
      {problems && (
        <>
          <p>Some values in this link could not be used:</p>
          <ul>
            {notices.slice(0, 12).map((n, i) => (
              <li key={i}>{n}</li>
            ))}
            {notices.length > 12 && <li>…and {notices.length - 12} more.</li>}
          </ul>
        </>
      )}
      {info.map((n, i) => (
        <p key={i}>{n}</p>
      ))}
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** Captions of exported charts: what ran, where, when, and the link that reproduces it. */
function useExportSource(): ExportSource {
  const store = usePlaygroundStore();
  return useMemo(
    () => ({
      async caption() {
        const s = store.getState();
        if (!s.running || !s.runningForm) return [];
        return [
          `FA-SGD Playground: ${configSummary(s.running)}.`,
          `Step ${s.step} on ${s.device || 'this device'}, ${new Date().toISOString().slice(0, 10)}.`,
          `Link: ${await absoluteLink(s.runningForm)}`,
        ];
      },
      suffix: () => `step${store.getState().step}`,
      charts: new Map(), // the race's charts over steps register here for "Export replay…"
    }),
    [store],
  );
}

const NO_LANES: LaneConfig[] = [];

export function App() {
  // The race's charts mount in a deferred render (React splits it between frames), so pressing Run
  // never blocks the page while eight charts appear.
  const running = useLive((s) => s.running);
  const overlaid = usePlayground((s) => s.overlays.length > 0);
  const exportSource = useExportSource();
  const sweeping = useSweeping();
  const words = useMemo(() => (running ? workloadOf(running).words(running) : null), [running]);
  // Before the first Run, a setup the theory covers shows its expected curves.
  const shown = useShownConfig();
  // What the race's charts draw: the run, or before Run the setup it will race (when the theory
  // covers it). The lanes' lines mount empty before Run, so Run only fills them in and the
  // legend keeps its size; item buckets are measured only.
  const drawn = useMemo(() => {
    if (running) return { lanes: running.lanes, ends: running.bucketEnds, words: words!, measuring: true };
    if (!shown || noTheoryReason(shown)) return null;
    return { lanes: shown.lanes, ends: shown.bucketEnds, words: workloadOf(shown).words(shown), measuring: false };
  }, [running, words, shown]);
  const lanes = drawn?.lanes ?? NO_LANES;
  // Deferred like the charts' data: a change re-renders every chart, never in the click's own task.
  const streaming = useLive((s) => s.status === 'running');
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
      <header>
        <label className="view-toggle">
          <input
            type="checkbox"
            checked={projector}
            onChange={(e) => editField('view', e.target.checked ? 'projector' : '')}
          />{' '}
          Projector view (thicker lines, larger text; the link keeps it)
        </label>
        <h1>FA-SGD Playground</h1>
        <p className="lede">
          Rare tokens starve under one shared step size. Watch SGD, frequency-aware SGD (FA-SGD), counter-based FA-SGD
          (CF-SGD) and Adagrad train the same embedding table on the same token stream.
        </p>
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
            <ExportContext.Provider value={exportSource}>
              <ChartLookContext.Provider value={projector ? PROJECTOR_LOOK : NORMAL_LOOK}>
                <StreamingContext.Provider value={streaming}>
                  <TheoryProvider>
                    {/* The charts keep their places (and their Recharts instances, the lanes' lines
                        included) from the preview before Run to the run itself: Run mounts no chart. */}
                    {running ? (
                      <p className="badge" data-testid="fairness">
                        {running.seeds > 1
                          ? `Fair race, ${running.seeds} times: in each of seeds ${running.seed}–${(running.seed + running.seeds - 1) >>> 0}, every lane starts from the same initial table and sees the same token stream. The loss chart shows the mean and range over the seeds; the other charts, seed ${running.seed}.`
                          : `Fair race: every lane starts from the same initial table and sees the same token stream (seed ${running.seed}).`}
                      </p>
                    ) : drawn ? (
                      <p className="badge" data-testid="preview">
                        Before Run: the dotted curves are what theory expects this setup to do. Press Run to measure it.
                      </p>
                    ) : (
                      !overlaid && <p className="empty">Choose a preset or a lesson and press Run.</p>
                    )}
                    <TunedProvider lanes={running?.lanes ?? NO_LANES}>
                      {running && sweeping && (
                        <>
                          <SweepProgress lanes={running.lanes.length} />
                          <SweepChart lanes={running.lanes} />
                        </>
                      )}
                      {running && (
                        <>
                          <RaceSummary lanes={running.lanes} />
                          <DivergenceNotes lanes={running.lanes} />
                          <FloorNote lanes={running.lanes} />
                        </>
                      )}
                      {(drawn || overlaid) && <LossChart lanes={lanes} />}
                      {running && workloadOf(running).auc && <AucChart lanes={running.lanes} />}
                      {drawn && (
                        <>
                          <BucketCharts
                            lanes={drawn.lanes}
                            measuring={drawn.measuring}
                            ends={drawn.ends}
                            rows={drawn.words.bucketRows}
                            items={drawn.measuring ? drawn.words.bucketItems : null}
                            per={drawn.words.itemUnit}
                          />
                          <div className="pair">
                            <StepSizeChart lanes={lanes} />
                            <RankErrorChart lanes={lanes} unit={drawn.words.rowUnit} per={drawn.words.itemUnit} />
                          </div>
                        </>
                      )}
                    </TunedProvider>
                    {running && <UpdateStrip unit={words!.rowUnit} />}
                    {/* Issue 31: meaning and one token's life (src/ui/meaning/). */}
                    <MeaningPanel />
                  </TheoryProvider>
                </StreamingContext.Provider>
              </ChartLookContext.Provider>
            </ExportContext.Provider>
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
