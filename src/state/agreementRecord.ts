// The agreement of each lane with a text's own idea of meaning (engine/meaning/agreement.ts), as a
// run record keeps it (JSON) and as its CSV columns: overlap@k by head, torso and tail at the steps
// it was measured (the engine worker measures it now and then, not at every recorded step).

import type { AgreementInfo, MeaningReport } from '../engine/meaning/report.ts';

type Triple = [number | null, number | null, number | null];

/** What a record holds of the agreement (absent for runs without a text, and in older files). */
export interface AgreementRecord {
  /** overlap@k, among the `among` most frequent words. */
  k: number;
  among: number;
  /** [run lane][head, torso, tail] at each measured step; null: not a finite number (no queries). */
  points: { step: number; lanes: Triple[] }[];
}

/** One measured step as the store keeps it. */
export interface AgreementPoint {
  step: number;
  lanes: [number, number, number][];
}

/** Points kept in the store; past this every other old one is dropped (the newest is kept). */
export const MAX_AGREEMENT_POINTS = 1200;

/** The store's agreement points with a new report's (replacing one of the same step). */
export function withReport(points: AgreementPoint[], r: MeaningReport): AgreementPoint[] {
  if (!r.agreement) return points;
  const kept = points.filter((p) => p.step < r.step);
  const all = [...kept, { step: r.step, lanes: r.agreement }];
  return all.length <= MAX_AGREEMENT_POINTS ? all : all.filter((_, i) => i % 2 === 0 || i === all.length - 1);
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

export function agreementRecord(info: AgreementInfo | null, points: AgreementPoint[]): AgreementRecord | undefined {
  if (!info || points.length === 0) return undefined;
  return {
    k: info.k,
    among: info.among,
    points: points.map((p) => ({ step: p.step, lanes: p.lanes.map((b) => b.map(finiteOrNull) as Triple) })),
  };
}

const isTriple = (v: unknown) =>
  Array.isArray(v) && v.length === 3 && v.every((x) => x === null || (typeof x === 'number' && Number.isFinite(x)));

/** Why `v` is not the agreement of a run with `lanes` lanes, or null. */
export function agreementProblem(v: unknown, lanes: number): string | null {
  const o = v as Partial<AgreementRecord> | null;
  if (typeof o !== 'object' || o === null || !Number.isInteger(o.k) || !Number.isInteger(o.among))
    return 'it needs whole numbers k and among';
  if (!Array.isArray(o.points) || o.points.length > 100_000) return 'its points must be a list';
  let last = -1;
  for (const p of o.points) {
    if (typeof p !== 'object' || p === null || !Number.isInteger(p.step) || p.step <= last)
      return 'its steps must increase';
    if (!Array.isArray(p.lanes) || p.lanes.length !== lanes || !p.lanes.every(isTriple))
      return `each point needs head, torso and tail values for each of ${lanes} lanes`;
    last = p.step;
  }
  return null;
}

/** CSV header cells of the agreement: per lane (named), head, torso, tail. */
export function agreementHeader(a: AgreementRecord, laneNames: string[]): string[] {
  return laneNames.flatMap((n) => ['head', 'torso', 'tail'].map((b) => `${n} ${b} agreement@${a.k}`));
}

/** The agreement's cells at `step` (empty where it was not measured then). */
export function agreementCells(a: AgreementRecord | undefined, step: number, lanes: number): (number | null)[] {
  if (!a) return [];
  const p = a.points.find((x) => x.step === step);
  return p ? p.lanes.flat() : new Array<null>(3 * lanes).fill(null);
}
