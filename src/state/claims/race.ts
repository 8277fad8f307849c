// The race in words: the summary (who leads, who ties, who diverged), why a lane diverged, which
// lanes are at their noise floor by theory, and the head/torso/tail readouts under the charts.

import { OPTIMIZER_LABEL } from '../../engine/optimizers.ts';
import { seedSpread } from '../analysis.ts';
import { say, template, type Said } from './claim.ts';
import { alike, digitsToTell, names, percent, print, printEach } from './numbers.ts';
import {
  divergedAt,
  firstLoss,
  grewAt,
  laneName,
  laneWithRate,
  lossName,
  shownLanes,
  type RunFacts,
  type RunPoint,
} from './run.ts';
import type { BucketKind } from '../series.ts';
import type { LimitFacts } from '../theory.ts';
import { SET_BY } from './limits.ts';

// ---------------------------------------------------------------------------------------------
// The summary: "Step 300: FA-SGD leads with excess loss 0.0565; CF-SGD 0.0571; SGD 0.0930."

interface Entry {
  name: string;
  value: number;
  /** Step it diverged at (null: it did not); a lane that diverged or whose value is not finite is out. */
  diverged: number | null;
}

interface SummaryFacts {
  step: number;
  /** "excess loss", or "mean excess loss over 3 seeds". */
  loss: string;
  entries: Entry[];
}

const out = (e: Entry) => e.diverged !== null || !Number.isFinite(e.value);
/** Lanes still in the race, lowest first. */
const standing = (f: SummaryFacts) => f.entries.filter((e) => !out(e)).sort((a, b) => a.value - b.value);
const tiedAtTop = (f: SummaryFacts) => {
  const s = standing(f);
  return s.length > 1 && alike(s[0].value, s[1].value);
};

/** Each standing lane's value as printed: digits enough to tell it from its neighbours in order. */
const printed = (f: SummaryFacts) => {
  const s = standing(f);
  const words = printEach(s.map((e) => e.value));
  return (e: Entry) => words[s.indexOf(e)];
};

/** The standing lanes after the first group, then those out: "; CF-SGD 0.0571; SGD diverged at step 10". */
function rest(f: SummaryFacts, skip: number): string {
  const value = printed(f);
  const groups: Entry[][] = [];
  for (const e of standing(f).slice(skip))
    if (groups.length && alike(groups.at(-1)![0].value, e.value)) groups.at(-1)!.push(e);
    else groups.push([e]);
  const standingWords = groups.map((g) => `; ${names(g.map((e) => e.name))} ${value(g[0])}`);
  const outWords = f.entries
    .filter(out)
    .map((e) => `; ${e.name} ${e.diverged !== null ? `diverged at step ${e.diverged}` : 'not finite'}`);
  return [...standingWords, ...outWords].join('');
}

const topValue = (f: SummaryFacts) => printed(f)(standing(f)[0]);

export const SUMMARY = template<SummaryFacts>('race.summary', {
  leads: {
    holds: (f) => standing(f).length > 1 && !tiedAtTop(f),
    words: (f) => `Step ${f.step}: ${standing(f)[0].name} leads with ${f.loss} ${topValue(f)}${rest(f, 1)}.`,
  },
  tie: {
    holds: tiedAtTop,
    words: (f) => {
      const s = standing(f);
      const top = s.filter((e) => alike(e.value, s[0].value));
      return `Step ${f.step}: ${names(top.map((e) => e.name))} tie with ${f.loss} ${topValue(f)}${rest(f, top.length)}.`;
    },
  },
  alone: {
    holds: (f) => standing(f).length === 1,
    words: (f) => `Step ${f.step}: ${standing(f)[0].name}, ${f.loss} ${topValue(f)}${rest(f, 1)}.`,
  },
  allDiverged: {
    holds: (f) => standing(f).length === 0,
    words: (f) =>
      f.entries.length === 1
        ? `Step ${f.step}: ${f.entries[0].name} diverged at step ${f.entries[0].diverged}.`
        : `Step ${f.step}: every lane diverged (${names(f.entries.map((e) => `${e.name} at step ${e.diverged}`))}).`,
  },
});

/** The summary of the race at `point` (the latest, or every 10th while running). */
export function summaryClaim(f: RunFacts, point: RunPoint): Said<SummaryFacts> {
  const L = f.config.lanes.length;
  const seeds = f.config.seeds;
  // Several seeds: each lane's geometric mean over them.
  const values = seeds > 1 ? seedSpread(point.excess, L).map((s) => s.mean) : point.excess;
  return say(SUMMARY, {
    step: point.step,
    loss: seeds > 1 ? `mean ${lossName(f.config)} over ${seeds} seeds` : lossName(f.config),
    entries: shownLanes(f).map((l) => ({ name: laneName(f, l), value: values[l], diverged: divergedAt(f, l) })),
  });
}

// ---------------------------------------------------------------------------------------------
// Why a lane diverged: its η against its stable limit, where theory has one.

interface DivergedFacts {
  name: string;
  at: number;
  lr: number;
  /** The recorded loss at `at` is what the trainer calls diverged. */
  grew: boolean;
  limit: LimitFacts | null;
  /** Who sets the limit, in words (limit.setBy). */
  setBy: string;
  /** Where a constant step ends by theory (its noise floor; null: no exact theory), and the lane's first loss. */
  floor: number | null;
  first: number;
}

const limitWords = (f: DivergedFacts) => print(f.limit!.rate, digitsToTell([f.limit!.rate, f.lr]));

export const DIVERGED = template<DivergedFacts>('race.diverged', {
  aboveLimit: {
    holds: (f) => f.grew && f.limit !== null && f.lr >= f.limit.rate,
    words: (f) =>
      `${f.name} diverged at step ${f.at}: η = ${f.lr} is above its stable limit ≈ ${limitWords(f)}, set by ${f.setBy}.`,
  },
  pastFloor: {
    holds: (f) => f.grew && f.limit !== null && f.lr < f.limit.rate && f.floor !== null && f.floor > 1000 * f.first,
    words: (f) =>
      `${f.name} was marked diverged at step ${f.at} (its loss past 1,000× where it started) although η = ${f.lr} is below its stable limit ≈ ${limitWords(f)}: its expected loss does not grow without bound, but its noise floor by theory, ≈ ${print(f.floor!)}, is itself past the 1,000× mark (${print(1000 * f.first)}).`,
  },
  belowLimit: {
    holds: (f) => f.grew && f.limit !== null && f.lr < f.limit.rate && !(f.floor !== null && f.floor > 1000 * f.first),
    words: (f) =>
      `${f.name} diverged at step ${f.at} although η = ${f.lr} is below its stable limit ≈ ${limitWords(f)}: theory’s limit is for the expected error${f.floor !== null ? ` (whose noise floor here, ≈ ${print(f.floor)}, is below the 1,000× mark of ${print(1000 * f.first)})` : ''}, and a single run can still blow up close to it.`,
  },
  noLimit: {
    holds: (f) => f.grew && f.limit === null,
    words: (f) => `${f.name} diverged at step ${f.at}: its loss grew past 1,000× where it started.`,
  },
});

/** A rate to try instead: 0.9× the limit, two digits. */
export const saferRate = (limit: LimitFacts) => Number((0.9 * limit.rate).toPrecision(2));

/**
 * Why each diverged lane (of the first seed) diverged; `limits`: each lane's stable limit (null:
 * theory has none); `floors`: where each lane ends by theory (null: unknown). Each note comes with
 * who sets the limit, said on its own.
 */
export function divergedClaims(
  f: RunFacts,
  limits: (LimitFacts | null)[],
  floors: (number | null)[],
): { lane: number; said: Said[] }[] {
  return f.config.lanes.flatMap((lane, l) => {
    const at = f.diverged[l];
    if (at == null) return [];
    const limit = limits[l];
    const setBy = limit ? [say(SET_BY, limit, `lane${l}`)] : [];
    const note = say(
      DIVERGED,
      {
        name: OPTIMIZER_LABEL[lane.optimizer],
        at,
        lr: lane.lr,
        grew: grewAt(f, l, at),
        limit,
        setBy: setBy[0]?.text ?? '',
        floor: floors[l],
        first: firstLoss(f, l) ?? NaN,
      },
      `lane${l}`,
    );
    return [{ lane: l, said: [note, ...setBy] }];
  });
}

// ---------------------------------------------------------------------------------------------
// The noise floor: a constant step stops improving at a distance set by η, σ, d and B.

/** A lane's expected excess loss by theory at the step checked and after any number of steps. */
export interface FloorLane {
  name: string;
  /** Expected loss at the step checked (null: the theory does not cover the lane exactly). */
  now: number | null;
  /** Where a constant step ends (null: no floor: a schedule, or η at or above the stable limit). */
  end: number | null;
  /** The step it diverged at in the run, or null. */
  diverged: number | null;
}

interface FloorFacts {
  at: number;
  lanes: FloorLane[];
  /** The run has an Adagrad lane (whose steps keep shrinking). */
  adagrad: boolean;
}

/** Within 10% of its floor, and still training. */
const atFloor = (l: FloorLane) =>
  l.now !== null && l.end !== null && l.diverged === null && Number.isFinite(l.now) && l.now < 1.1 * l.end;
const floored = (f: FloorFacts) => f.lanes.filter(atFloor);
const floorWords = (f: FloorFacts) => {
  const n = floored(f);
  return `By step ${f.at}, ${names(n.map((l) => l.name))} ${n.length > 1 ? 'have' : 'has'} reached ${n.length > 1 ? 'their' : 'its'} noise floor by theory (within 10% of where ${n.length > 1 ? 'they end' : 'it ends'}): a constant step keeps bouncing around the teacher at a distance set by η, σ, d and B, so it stops improving.`;
};

export const FLOOR = template<FloorFacts>('race.floor', {
  reached: {
    holds: (f) => floored(f).length > 0 && !f.adagrad,
    words: (f) => `${floorWords(f)} A decay t₀ in the lane card lets a lane go on improving.`,
  },
  reachedBesideAdagrad: {
    holds: (f) => floored(f).length > 0 && f.adagrad,
    words: (f) =>
      `${floorWords(f)} That is why Adagrad, whose steps keep shrinking, can overtake on a long run; a decay t₀ in the lane card lets a lane go on improving.`,
  },
  none: { holds: (f) => floored(f).length === 0, words: () => '' },
});

export function floorClaim(f: RunFacts, at: number, lanes: { now: number | null; end: number | null }[]): Said {
  return say(FLOOR, {
    at,
    lanes: lanes.map((x, l) => ({
      ...x,
      name: OPTIMIZER_LABEL[f.config.lanes[l].optimizer],
      diverged: divergedAt(f, l),
    })),
    adagrad: f.config.lanes.some((l) => l.optimizer === 'adagradRow' || l.optimizer === 'adagradCoord'),
  });
}

// ---------------------------------------------------------------------------------------------
// Bucket readouts: "Tail: SGD (η=10) 0.43 · FA-SGD (η=3) 0.32, −26%".

interface BucketLaneFacts {
  label: string;
  value: number;
  diverged: number | null;
  /** SGD's value, where it is a baseline: SGD drawn, still training, with a positive finite value; else null. */
  baseline: number | null;
  isSgd: boolean;
  /** Significant digits of the line (every value in it tells apart from the others). */
  digits: number;
}

const compared = (f: BucketLaneFacts) =>
  f.diverged === null && !f.isSgd && f.baseline !== null && Number.isFinite(f.value);
const valueWords = (f: BucketLaneFacts) => `${f.label} ${print(f.value, f.digits)}`;

export const BUCKET_LANE = template<BucketLaneFacts>('race.bucketLane', {
  diverged: { holds: (f) => f.diverged !== null, words: (f) => `${f.label} diverged at step ${f.diverged}` },
  plain: {
    holds: (f) => f.diverged === null && Number.isFinite(f.value) && (f.isSgd || f.baseline === null),
    words: valueWords,
  },
  sameAsSgd: {
    holds: (f) => compared(f) && alike(f.value, f.baseline!),
    words: (f) => `${valueWords(f)}, same as SGD`,
  },
  lower: {
    holds: (f) => compared(f) && !alike(f.value, f.baseline!) && f.value < f.baseline!,
    words: (f) => `${valueWords(f)}, ${percent(f.value, f.baseline!)}`,
  },
  higher: {
    holds: (f) => compared(f) && !alike(f.value, f.baseline!) && f.value > f.baseline! && f.value < 2 * f.baseline!,
    words: (f) => `${valueWords(f)}, ${percent(f.value, f.baseline!)}`,
  },
  times: {
    holds: (f) => compared(f) && f.value >= 2 * f.baseline!,
    words: (f) => `${valueWords(f)}, ×${print(f.value / f.baseline!, 2)}`,
  },
});

/** The latest bucket values in words, a line per kind and bucket, a claim per lane drawn; `sgd`: the SGD lane drawn (−1: none). */
export function bucketClaims(
  f: RunFacts,
  kinds: BucketKind[],
  sgd: number,
): { kind: BucketKind; bucket: number; said: Said[] }[] {
  const last = f.points.at(-1);
  if (!last) return [];
  const lanes = shownLanes(f);
  return kinds.flatMap((kind) =>
    [0, 1, 2].map((b) => {
      const value = (l: number) => last[kind]?.[l]?.[b] ?? NaN;
      // The charts under the readout draw the first seed: its lanes' divergence.
      const gone = (l: number) => f.diverged[l] ?? null;
      const live = (l: number) => gone(l) === null && Number.isFinite(value(l));
      const ref = sgd >= 0 && live(sgd) && value(sgd) > 0 ? value(sgd) : null;
      const digits = digitsToTell(lanes.filter(live).map(value), 2);
      const said = lanes.map((l) =>
        say(
          BUCKET_LANE,
          { label: laneWithRate(f, l), value: value(l), diverged: gone(l), baseline: ref, isSgd: l === sgd, digits },
          `lane${l}`,
        ),
      );
      return { kind, bucket: b, said };
    }),
  );
}
