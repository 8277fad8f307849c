// Chart captions that depend on the run, each counting what its chart draws: the theory curves
// behind the loss chart (and why a lane has none), the effective-step chart (its rows, the slopes
// to expect, the fitted slopes in its legend) and the error-by-rank chart.

import type { LaneConfig, RunConfig } from '../../engine/config.ts';
import { OPTIMIZER_LABEL } from '../../engine/optimizers.ts';
import type { TheoryKind } from '../../engine/theory.ts';
import { SLOPE_MIN_SPAN } from '../analysis.ts';
import type { LimitFacts, NoTheory } from '../theory.ts';
import { say, template, type Said } from './claim.ts';
import { cappedAt } from './limits.ts';
import { digitsToTell, names, print, whole } from './numbers.ts';

// ---------------------------------------------------------------------------------------------
// The theory curves behind the loss chart.

interface TheoryLane {
  name: string;
  kind: TheoryKind;
  /** Whether its dotted curve is drawn (and exported). */
  drawn: boolean;
  lane: LaneConfig;
  limit: LimitFacts | null;
}

interface TheoryCaptionFacts {
  /** Why the theory draws nothing of this configuration, or null. */
  reason: NoTheory | null;
  rows: number;
  /** The most rows for live curves (reason 'rows'). */
  mostRows: number;
  lanes: TheoryLane[];
  seeds: number;
  /** A run is on screen (else the setup before Run). */
  ran: boolean;
}

const drawnOf = (f: TheoryCaptionFacts, kind: TheoryKind) =>
  f.lanes.filter((l) => l.drawn && l.kind === kind).map((l) => l.name);

export const THEORY_CAPTION = template<TheoryCaptionFacts>('race.theoryCaption', {
  otherWorkload: {
    holds: (f) => f.reason === 'workload',
    words: () =>
      'No theory curve: the closed form covers token regression only (not factorisation or the logistic workloads).',
  },
  noCoveredLane: {
    holds: (f) => f.reason === 'lanes',
    words: () => 'No theory curve: it covers SGD, FA-SGD and (approximately) CF-SGD, not Adagrad.',
  },
  sweep: { holds: (f) => f.reason === 'sweep', words: () => 'No theory curve in a sweep.' },
  tooManyRows: {
    holds: (f) => f.reason === 'rows',
    words: (f) =>
      `No theory curve: ${whole(f.rows)} rows are too many to draw it live (up to ${whole(f.mostRows)} here).`,
  },
  drawn: {
    holds: (f) => f.reason === null && f.lanes.some((l) => l.drawn),
    words: (f) => {
      const exact = drawnOf(f, 'exact');
      const plugIn = drawnOf(f, 'plugIn');
      const which = [
        exact.length ? `exact for ${names(exact)}` : '',
        plugIn.length ? `a plug-in approximation for ${names(plugIn)}` : '',
      ].filter(Boolean);
      const whose = f.ran ? 'this run’s' : 'this setup’s';
      const teacher = f.seeds > 1 ? `teachers (the mean over its ${f.seeds} seeds)` : 'teacher';
      return `Dotted: the expected excess loss by theory (${which.join('; ')}), from ${whose} own ${teacher}, batch, dimension, noise and rates.`;
    },
  },
  noneDrawn: {
    holds: (f) => f.reason === null && !f.lanes.some((l) => l.drawn),
    words: () => 'No dotted theory curve here:',
  },
});

/** Whether a covered lane's theory diverges (a constant η at or above its limit). */
const divergesFor = (l: TheoryLane) =>
  l.kind !== null && !l.lane.decay && l.limit !== null && l.lane.lr >= l.limit.rate;

export const THEORY_GAP = template<TheoryLane>('race.theoryGap', {
  drawn: { holds: (l) => l.drawn, words: () => '' },
  diverges: {
    holds: (l) => !l.drawn && divergesFor(l),
    words: (l) =>
      `${l.name}: none, since η = ${l.lane.lr} is above its stable limit ≈ ${print(l.limit!.rate, digitsToTell([l.limit!.rate, l.lane.lr]))}, where the expected loss grows without bound.`,
  },
  overBudget: {
    holds: (l) => !l.drawn && l.kind !== null && !divergesFor(l),
    words: (l) => `${l.name}: none, its ${l.lane.decay ? 'schedule' : 'curve'} would take too long to compute live.`,
  },
  noClosedForm: { holds: (l) => !l.drawn && l.kind === null, words: (l) => `${l.name}: no closed form, so no curve.` },
});

/**
 * The loss chart's caption: which theory curves it draws, and for each lane without one, why.
 * `drawn[l]`: lane l's curve is drawn; `kinds`, `limits`: what the theory says of each lane.
 */
export function theoryClaims(
  c: RunConfig,
  reason: NoTheory | null,
  mostRows: number,
  lanes: { kind: TheoryKind; drawn: boolean; limit: LimitFacts | null }[],
  ran: boolean,
): Said[] {
  const all = c.lanes.map((lane, l) => ({ ...lanes[l], lane, name: OPTIMIZER_LABEL[lane.optimizer] }));
  const caption = say(THEORY_CAPTION, { reason, rows: c.rows, mostRows, lanes: all, seeds: c.seeds, ran });
  return reason ? [caption] : [caption, ...all.map((l, i) => say(THEORY_GAP, l, `lane${i}`))];
}

// ---------------------------------------------------------------------------------------------
// The effective-step chart: its rows, the slopes to expect, and the fitted slopes.

/** Ratio of the highest to the lowest of xs (1: one value; 0: fewer than two). */
const span = (xs: number[]) => (xs.length < 2 ? (xs.length === 1 ? 1 : 0) : Math.max(...xs) / Math.min(...xs));

interface StepCaptionFacts {
  unit: string;
  /** Rows tracked, and those drawn (tracked rows that have had a gradient); 0 before Run. */
  tracked: number;
  drawn: number;
  /** Ratio of the highest to the lowest frequency drawn (1: one frequency). */
  span: number;
}

const drawnWords = (f: StepCaptionFacts) =>
  `One optimizer’s step size for ${f.unit}s of each frequency: the ${f.drawn} of ${f.tracked} tracked ${f.unit}s (log-spaced by rank) that have had a gradient; coordinate-wise Adagrad: the geometric mean over coordinates.`;

export const STEP_CAPTION = template<StepCaptionFacts>('race.stepCaption', {
  measured: { holds: (f) => f.drawn > 0 && f.span > 1, words: (f) => `${drawnWords(f)} Expected slopes:` },
  oneFrequency: {
    holds: (f) => f.drawn > 0 && f.span === 1,
    words: (f) => `${drawnWords(f)} All have one frequency, so each lane’s steps are dots over it.`,
  },
  waiting: {
    holds: (f) => f.drawn === 0,
    words: (f) =>
      `One optimizer’s step size for ${f.unit}s of each frequency, for tracked ${f.unit}s (log-spaced by rank) once they have had a gradient; coordinate-wise Adagrad: the geometric mean over coordinates. Expected slopes: SGD 0 (flat); FA-SGD and CF-SGD −β until their cap binds, flat beyond; Adagrad falling, near −½ while label noise dominates its squared gradients.`,
  },
});

interface ExpectedSlopeFacts {
  lane: LaneConfig;
  unit: string;
  /** Frequency of the most frequent row of the table (p_max of the boost). */
  pmax: number;
  /** Frequencies of the drawn rows. */
  freqs: number[];
}

const frequencyLane = (f: ExpectedSlopeFacts) => f.lane.optimizer === 'fasgd' || f.lane.optimizer === 'cfsgd';
const boosting = (f: ExpectedSlopeFacts) => frequencyLane(f) && f.lane.beta > 0 && f.lane.cap > 1;
const cappedRows = (f: ExpectedSlopeFacts) => f.freqs.filter((p) => cappedAt(f.lane, f.pmax, p));
/** "FA-SGD −0.5 (−β)"; CF-SGD, whose boosts come from its counters: "CF-SGD about −0.5 (−β, by its counters)". */
const slopeHead = (f: ExpectedSlopeFacts) =>
  f.lane.optimizer === 'cfsgd'
    ? `${OPTIMIZER_LABEL.cfsgd} about ${print(-f.lane.beta)} (−β, by its counters`
    : `${OPTIMIZER_LABEL.fasgd} ${print(-f.lane.beta)} (−β`;

export const EXPECTED_SLOPE = template<ExpectedSlopeFacts>('race.expectedSlope', {
  flat: { holds: (f) => f.lane.optimizer === 'sgd', words: () => 'SGD 0 (flat).' },
  noBoost: {
    holds: (f) => frequencyLane(f) && !boosting(f),
    words: (f) =>
      `${OPTIMIZER_LABEL[f.lane.optimizer]} 0 (${f.lane.beta === 0 ? 'β = 0' : `cap ×${f.lane.cap}`}: no boost).`,
  },
  capBinds: {
    holds: (f) => boosting(f) && cappedRows(f).length > 0,
    words: (f) =>
      `${slopeHead(f)}), flat below p ≈ ${print(Math.max(...cappedRows(f)), 2)}: the cap ×${f.lane.cap} holds the boost of the ${cappedRows(f).length} rarest of the ${f.freqs.length} ${f.unit}s drawn.`,
  },
  capNever: {
    holds: (f) => boosting(f) && cappedRows(f).length === 0,
    words: (f) =>
      `${slopeHead(f)}; its cap ×${f.lane.cap} holds none of the ${f.unit}s drawn: their largest boost is ×${print((f.pmax / Math.min(...f.freqs)) ** f.lane.beta)}).`,
  },
  adagrad: {
    holds: (f) => f.lane.optimizer === 'adagradRow' || f.lane.optimizer === 'adagradCoord',
    words: (f) =>
      `${OPTIMIZER_LABEL[f.lane.optimizer]} falling: near −½ while label noise dominates its squared gradients (large σ), shallower when it does not.`,
  },
});

/** What the effective-step chart draws: the tracked rows' frequencies and which have had a gradient. */
export interface StepRows {
  /** Frequency of each tracked row (the first is the most frequent row of its table). */
  freq: number[];
  /** Whether each tracked row has had a gradient. */
  seen: boolean[];
}

/** The effective-step caption: what it draws, then the slope each drawn lane should show. */
export function stepCaptionClaims(lanes: LaneConfig[], unit: string, rows: StepRows | null): Said[] {
  const freqs = rows ? rows.freq.filter((_, r) => rows.seen[r]) : [];
  const caption = say(STEP_CAPTION, { unit, tracked: rows?.freq.length ?? 0, drawn: freqs.length, span: span(freqs) });
  if (caption.variant !== 'measured') return [caption];
  return [
    caption,
    ...lanes.map((lane, l) => say(EXPECTED_SLOPE, { lane, unit, pmax: rows!.freq[0], freqs }, `lane${l}`)),
  ];
}

interface NoSlopeFacts {
  unit: string;
  /** Ratio of the highest to the lowest frequency: of the tracked rows, of those drawn (0: fewer than 2 drawn). */
  trackedSpan: number;
  drawnSpan: number;
}

export const NO_SLOPE = template<NoSlopeFacts>('race.noSlope', {
  oneFrequency: {
    holds: (f) => f.trackedSpan === 1,
    words: (f) => `Slope: n/a — every ${f.unit} is equally frequent, so no optimizer’s step can depend on frequency.`,
  },
  narrow: {
    holds: (f) => f.trackedSpan > 1 && f.drawnSpan > 0 && f.drawnSpan < SLOPE_MIN_SPAN,
    words: () => 'Slope: n/a — the frequencies drawn span less than a decade.',
  },
  none: { holds: (f) => f.trackedSpan !== 1 && !(f.drawnSpan > 0 && f.drawnSpan < SLOPE_MIN_SPAN), words: () => '' },
});

/** Why the effective-step chart fits no slope ('' where it fits them). */
export function noSlopeClaim(unit: string, rows: StepRows): Said {
  return say(NO_SLOPE, {
    unit,
    trackedSpan: span(rows.freq),
    drawnSpan: span(rows.freq.filter((_, r) => rows.seen[r])),
  });
}

export const SLOPE_LEGEND = template<{ slope: number }>('race.slopeLegend', {
  fitted: {
    holds: (f) => Number.isFinite(f.slope),
    // Two decimals, and no "−0.00": a slope that rounds to zero is 0.00.
    words: (f) => `, slope ${(Math.abs(f.slope) < 0.005 ? 0 : f.slope).toFixed(2).replace('-', '−')}`,
  },
  none: { holds: (f) => !Number.isFinite(f.slope), words: () => '' },
});

// ---------------------------------------------------------------------------------------------
// The error-by-rank chart.

interface RankCaptionFacts {
  loss: string;
  unit: string;
  per: string;
  /** Rank bins drawn (those holding a rank; 0 before Run). */
  bins: number;
  /** Every tracked row is equally frequent. */
  even: boolean;
}

const rankStart = (f: RankCaptionFacts) =>
  `${f.loss[0].toUpperCase()}${f.loss.slice(1)} of the ${f.unit}s in ${f.bins > 0 ? `${f.bins} ` : ''}log-spaced rank bins${f.per !== f.unit ? ` (evaluation ${f.per}s by ${f.unit})` : ''}`;

export const RANK_CAPTION = template<RankCaptionFacts>('race.rankCaption', {
  skewed: {
    holds: (f) => f.bins > 0 && !f.even,
    words: (f) =>
      `${rankStart(f)}, redrawn as training goes: under one step size the frequent ${f.unit}s on the left learn first; watch the right end.`,
  },
  even: {
    holds: (f) => f.bins > 0 && f.even,
    words: (f) =>
      `${rankStart(f)}, redrawn as training goes: every ${f.unit} is equally frequent, so no bin is favoured.`,
  },
  waiting: { holds: (f) => f.bins === 0, words: (f) => `${rankStart(f)}, drawn once training starts.` },
});
