// The race's charts, laid out so the first screen tells the story: the loss race beside head,
// torso and tail on one scale (where the tail's starvation under SGD shows at a glance), then the
// race in words, and below the fold the per-row charts and the sparse-update strip. Before Run
// they show what the setup will race (its theory curves, the lanes' lines mounted empty), so Run
// mounts no chart; in a lesson, nothing answers its question before the prediction is made.

import { useMemo, type ReactNode } from 'react';
import type { LaneConfig } from '../../engine/config.ts';
import { workloadOf } from '../../engine/workloads/registry.ts';
import { configSummary } from '../../state/runRecord.ts';
import { mustPredict } from '../../state/selectors.ts';
import type { BucketKind } from '../../state/series.ts';
import { noTheoryReason } from '../../state/theory.ts';
import { ChartLookContext, NORMAL_LOOK, PROJECTOR_LOOK } from '../chart/chartLook.ts';
import { ExportContext, type ExportSource } from '../chart/ExportButtons.tsx';
import { StreamingContext } from '../chart/useInView.ts';
import { absoluteLink } from '../parts/absoluteLink.ts';
import { useLive, usePlayground, usePlaygroundStore } from '../parts/storeContext.ts';
import { BucketCharts, BucketReadout } from './bucketCharts.tsx';
import { AucChart, LossChart } from './lossCharts.tsx';
import { DivergenceNotes, FloorNote, RaceSummary } from './RaceSummary.tsx';
import { RankErrorChart, StepSizeChart } from './rowCharts.tsx';
import { SweepChart, SweepProgress, TunedProvider, useSweeping } from './SweepView.tsx';
import { UpdateStrip } from './UpdateStrip.tsx';
import { TheoryProvider, useShownConfig } from './useTheory.tsx';

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
const ONE_TABLE: BucketKind[] = ['buckets'];
const TWO_TABLES: BucketKind[] = ['buckets', 'itemBuckets'];

/** What is said above the charts: the run is a fair race, or what the charts show before it. */
function Badge({ drawn, overlaid }: { drawn: boolean; overlaid: boolean }) {
  const running = usePlayground((s) => s.running);
  const predicting = usePlayground(mustPredict);
  if (running)
    return (
      <p className="badge" data-testid="fairness">
        {running.seeds > 1
          ? `Fair race, ${running.seeds} times: in each of seeds ${running.seed}–${(running.seed + running.seeds - 1) >>> 0}, every lane starts from the same initial table and sees the same token stream. The loss chart shows the mean and range over the seeds; the other charts, seed ${running.seed}.`
          : `Fair race: every lane starts from the same initial table and sees the same token stream (seed ${running.seed}).`}
      </p>
    );
  if (predicting)
    return (
      <p className="badge" data-testid="preview">
        Make your prediction in the lesson first: the charts stay empty until then.
      </p>
    );
  if (drawn)
    return (
      <p className="badge" data-testid="preview">
        Before Run: the dotted curves are what the maths predicts for this setup. Press Run to measure it.
      </p>
    );
  return overlaid ? null : <p className="empty">Choose a preset or a lesson and press Run.</p>;
}

/** `minimal`: the first screen alone (the race and head, torso, tail, with the race in words), for an embedded figure. */
export function RaceCharts({
  projector,
  minimal = false,
  children,
}: {
  projector: boolean;
  minimal?: boolean;
  /** More of the page drawn with the race's chart look and exports (App composes the meaning room here). */
  children?: ReactNode;
}) {
  // The race's charts mount in a deferred render (React splits it between frames), so pressing Run
  // never blocks the page while eight charts appear.
  const running = useLive((s) => s.running);
  const overlaid = usePlayground((s) => s.overlays.length > 0);
  const exportSource = useExportSource();
  const sweeping = useSweeping();
  const words = useMemo(() => (running ? workloadOf(running).words(running) : null), [running]);
  const shown = useShownConfig();
  // What the race's charts draw: the run, or before Run the setup it will race (when the theory
  // covers it). The lanes' lines mount empty before Run, so Run only fills them in and the legend
  // keeps its size; item buckets are measured only.
  const drawn = useMemo(() => {
    if (running) return { lanes: running.lanes, ends: running.bucketEnds, words: words!, measuring: true };
    if (!shown || noTheoryReason(shown)) return null;
    return { lanes: shown.lanes, ends: shown.bucketEnds, words: workloadOf(shown).words(shown), measuring: false };
  }, [running, words, shown]);
  const lanes = drawn?.lanes ?? NO_LANES;
  // Deferred like the charts' data: a change re-renders every chart, never in the click's own task.
  const streaming = useLive((s) => s.status === 'running');
  const buckets = drawn && {
    lanes: drawn.lanes,
    measuring: drawn.measuring,
    ends: drawn.ends,
    rows: drawn.words.bucketRows,
    items: drawn.measuring ? drawn.words.bucketItems : null,
    per: drawn.words.itemUnit,
  };
  return (
    <ExportContext.Provider value={exportSource}>
      <ChartLookContext.Provider value={projector ? PROJECTOR_LOOK : NORMAL_LOOK}>
        <StreamingContext.Provider value={streaming}>
          <TheoryProvider>
            <TunedProvider lanes={running?.lanes ?? NO_LANES}>
              {running && sweeping && (
                <>
                  <SweepProgress lanes={running.lanes.length} />
                  <SweepChart lanes={running.lanes} />
                </>
              )}
              {/* The charts keep their places (and their Recharts instances) from the preview
                  before Run to the run itself: Run mounts no chart. */}
              {(drawn || overlaid) && (
                <div className="first-screen">
                  <div className="race-main">
                    <LossChart lanes={lanes} />
                  </div>
                  {buckets && (
                    <div className="race-side">
                      <BucketCharts {...buckets} />
                    </div>
                  )}
                </div>
              )}
              <Badge drawn={!!drawn} overlaid={overlaid} />
              {running && (
                <>
                  <RaceSummary lanes={running.lanes} />
                  <DivergenceNotes lanes={running.lanes} />
                  <FloorNote lanes={running.lanes} />
                </>
              )}
              {buckets && (
                <BucketReadout
                  lanes={buckets.lanes}
                  kinds={buckets.items ? TWO_TABLES : ONE_TABLE}
                  names={[buckets.rows, buckets.items ?? '']}
                />
              )}
              {running && !minimal && workloadOf(running).auc && <AucChart lanes={running.lanes} />}
              {drawn && !minimal && (
                <div className="pair">
                  <StepSizeChart lanes={lanes} />
                  <RankErrorChart lanes={lanes} unit={drawn.words.rowUnit} per={drawn.words.itemUnit} />
                </div>
              )}
            </TunedProvider>
            {running && !minimal && <UpdateStrip unit={words!.rowUnit} />}
            {children}
          </TheoryProvider>
        </StreamingContext.Provider>
      </ChartLookContext.Provider>
    </ExportContext.Provider>
  );
}
