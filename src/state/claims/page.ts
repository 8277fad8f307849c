// The facts each part of the page hands its claims, read from the store's state, and every
// sentence the page prints for a state at once (pageClaims). The regime sweep says the same
// sentences again from other sources (the run's exported record, brute force over rows, the exact
// recurrence) and requires the same words.

import type { RunConfig } from '../../engine/config.ts';
import type { ReportedRows } from '../../engine/protocol.ts';
import { bucketBounds, probabilityFn, type DistributionSpec } from '../../engine/sampling/distributions.ts';
import { theoryKind } from '../../engine/theory.ts';
import { workloadOf } from '../../engine/workloads/registry.ts';
import { sizeField, type DistTarget } from '../../engine/workloads/workload.ts';
import { effectiveSlopes } from '../analysis.ts';
import { lessonById } from '../lessons.ts';
import { shows, shownConfig } from '../selectors.ts';
import type { BucketKind } from '../series.ts';
import type { PlaygroundState } from '../slices/state.ts';
import {
  floorsAt,
  mostLiveRows,
  noiseFloorSteps,
  noTheoryReason,
  stability,
  theoryAt,
  theoryHorizon,
  theorySteps,
  tokenFrequencies,
  type LaneTheory,
  type LimitFacts,
  type NoTheory,
} from '../theory.ts';
import {
  noSlopeClaim,
  RANK_CAPTION,
  SLOPE_LEGEND,
  stepCaptionClaims,
  theoryClaims,
  type StepRows,
} from './captions.ts';
import { say, type Said } from './claim.ts';
import { updatesClaims } from './designer.ts';
import { laneLimitClaims } from './limits.ts';
import { lessonClaims, type LessonEnd } from './lessons.ts';
import { bucketClaims, divergedClaims, floorClaim, summaryClaim } from './race.ts';
import { sgdLane, shownLanes, tunedLanes, type RunFacts } from './run.ts';

/** Each lane's stable limit by theory (token regression; null elsewhere and for Adagrad). */
export function laneLimits(c: RunConfig): (LimitFacts | null)[] {
  const p = tokenFrequencies(c);
  return c.lanes.map((_, l) => stability(c, p, l));
}

/**
 * The loss chart's caption: `curves` the theory drawn (one per lane once computed), `reason` why
 * there is none; `limits` each lane's stable limit.
 */
export function theoryCaptionClaims(
  c: RunConfig,
  theory: { curves: (LaneTheory | null)[]; reason: NoTheory | null },
  ran: boolean,
  limits = laneLimits(c),
): Said[] {
  const lanes = c.lanes.map((lane, l) => ({ kind: theoryKind(c, lane), drawn: !!theory.curves[l], limit: limits[l] }));
  return theoryClaims(c, theory.reason, mostLiveRows(c), lanes, ran);
}

/** What the effective-step chart draws: the reported rows' frequencies, and which have had a gradient. */
export const stepRowsOf = (reported: ReportedRows | null, latest: { counts: number[] } | null): StepRows | null =>
  reported && latest ? { freq: reported.freq, seen: latest.counts.map((n) => n > 0) } : null;

/** Rank bins the error-by-rank chart draws (those holding a rank; 0 before its first measurement). */
export const rankBinsDrawn = (reported: ReportedRows | null, measured: boolean) =>
  reported && measured
    ? reported.binStarts.slice(0, -1).filter((start, r) => reported.binStarts[r + 1] > start).length
    : 0;

/** The error-by-rank chart's caption. */
export const rankCaptionClaim = (
  reported: ReportedRows | null,
  measured: boolean,
  unit: string,
  per: string,
  loss: string,
) =>
  say(RANK_CAPTION, {
    loss,
    unit,
    per,
    bins: rankBinsDrawn(reported, measured),
    even: !!reported && reported.freq.every((x) => x === reported.freq[0]),
  });

/** A designer's distribution as its readout reads it: the spec, the table's size, its bucket ends, the batch. */
export interface Designed {
  spec: DistributionSpec;
  n: number;
  bounds: [number, number];
  batch: number;
}

/** The designed distribution of `target` in a configuration. */
export const designed = (c: RunConfig, target: DistTarget): Designed => ({
  spec: c[target],
  n: c[sizeField(target)],
  bounds: bucketBounds(c[sizeField(target)], c.bucketEnds),
  batch: c.batch,
});

/** A designer's readout: expected updates by the stop step (or, with none set, by step 1,000). */
export const designerClaims = (d: Designed, stopAt: number | null, unit: string): Said[] =>
  updatesClaims(unit, probabilityFn(d.spec, d.n), d.n, d.bounds, d.batch, stopAt ?? 1000, stopAt !== null);

/** What a designer's rows are: tokens, users (the first table of a factorisation) or items. */
export const designerUnit = (c: RunConfig, target: DistTarget) =>
  target === 'itemTokens' ? 'item' : workloadOf(c).words(c).rowUnit;

/** A said sentence located on the page: its place, then its key. */
const at = (place: string, said: Said[]) => said.map((s) => ({ ...s, key: `${place}${s.key ? `:${s.key}` : ''}` }));

/** Where the sentences' facts come from: the store and the page's fast forms, or (the sweep) other sources. */
export interface Sources {
  /** The run on screen (null: none). */
  run(s: PlaygroundState, tuned: number[] | null): RunFacts | null;
  /** Each lane's stable limit. */
  limits(c: RunConfig): (LimitFacts | null)[];
  /** Each lane's expected loss at step `at` and where it ends (floorsAt). */
  floors(c: RunConfig, at: number): { now: number | null; end: number | null }[];
  /** The lesson's run at its stop, once its answer is revealed. */
  lessonEnd(s: PlaygroundState): LessonEnd | null;
}

/** The page's sources: the store's state, stableRate, the closed-form theory. */
export const PAGE_SOURCES: Sources = {
  run: (s, tuned) => (s.running ? { config: s.running, points: s.points, diverged: s.diverged, tuned } : null),
  limits: laneLimits,
  floors: (c, at) => {
    const steps = noiseFloorSteps(c, at);
    return steps ? floorsAt(c, theoryAt(c, steps)) : c.lanes.map(() => ({ now: null, end: null }));
  },
  lessonEnd: (s) => s.answer?.end ?? null,
};

/**
 * Every sentence the page prints about the run or configuration on screen, computed as the page
 * computes it (the theory here and now, where the page asks its worker), from `sources`.
 */
export function pageClaims(s: PlaygroundState, sources = PAGE_SOURCES): Said[] {
  const out: Said[] = [];
  // Setup: the lane cards' limits, the designers' readouts.
  if (shows(s, 'optimizers'))
    sources.limits(s.edited).forEach((limit, l) => out.push(...at('laneCard', laneLimitClaims(limit, `lane${l}`))));
  if (shows(s, 'distribution') && Object.keys(s.errors).length === 0)
    for (const t of workloadOf(s.edited).inputs.designers)
      out.push(
        ...at(`designer.${t}`, designerClaims(designed(s.edited, t), s.controls.stopAt, designerUnit(s.edited, t))),
      );
  // The lesson: its intro, and its answer once revealed.
  const lesson = s.lessonId ? lessonById(s.lessonId) : undefined;
  const config = shownConfig(s);
  if (lesson && config) {
    const stop = Number(lesson.fields.stopAt);
    out.push(...at('lesson.setup', lessonClaims(lesson.id, 'setup', { config, end: null }, stop)));
    if (s.answer)
      out.push(...at('lesson.answer', lessonClaims(lesson.id, 'answer', { config, end: sources.lessonEnd(s) }, stop)));
  }
  // The race: what its charts draw (the run, or before Run a setup the theory covers).
  const reason = config ? noTheoryReason(config) : null;
  if (!config || (!s.running && reason)) return out;
  const sweeping = s.runningForm?.fields.mode === 'sweep';
  const tuned = s.running ? tunedLanes(s.running.lanes, sweeping, s.points.at(-1)) : null;
  const drawn = config.lanes.filter((_, l) => !tuned || tuned.includes(l));
  const theory = {
    curves: reason ? [] : theoryAt(config, theorySteps(config, theoryHorizon(s.controls.stopAt, s.step))),
    reason,
  };
  out.push(...at('lossChart', theoryCaptionClaims(config, theory, s.running !== null, sources.limits(config))));
  const words = workloadOf(config).words(config);
  const rows = s.running ? stepRowsOf(s.reported, s.latestEff) : null;
  out.push(...at('stepChart', stepCaptionClaims(drawn, words.rowUnit, rows)));
  const measured = s.running !== null && s.latestRankError !== null;
  out.push(...at('rankChart', [rankCaptionClaim(s.reported, measured, words.rowUnit, words.itemUnit, words.loss)]));
  const run = sources.run(s, tuned);
  if (!run) return out;
  if (rows && s.latestEff) {
    out.push(...at('stepChart', [noSlopeClaim(words.rowUnit, rows)]));
    const slopes = effectiveSlopes(rows.freq, s.latestEff);
    for (const l of shownLanes(run))
      out.push(...at('stepChart.legend', [say(SLOPE_LEGEND, { slope: slopes[l] }, `lane${l}`)]));
  }
  const last = run.points.at(-1);
  if (last) out.push(...at('summary', [summaryClaim(run, last)]));
  if (last) {
    const ends = sources.floors(run.config, last.step).map((x) => x.end);
    out.push(
      ...at(
        'divergence',
        divergedClaims(run, sources.limits(run.config), ends).flatMap((n) => n.said),
      ),
    );
  }
  const floorAt = Math.floor(s.step / 500) * 500;
  if (floorAt > 0 && noiseFloorSteps(run.config, floorAt))
    out.push(...at('floor', [floorClaim(run, floorAt, sources.floors(run.config, floorAt))]));
  const kinds: BucketKind[] = words.bucketItems ? ['buckets', 'itemBuckets'] : ['buckets'];
  for (const line of bucketClaims(run, kinds, sgdLane(run.config.lanes, tuned)))
    out.push(...at(`buckets.${line.kind}${line.bucket}`, line.said));
  return out;
}
