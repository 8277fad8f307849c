// A finished or running comparison as data: the record that is exported as JSON, saved locally
// and overlaid on the charts; its CSV form; and a one-line summary for captions. Reading a record
// validates everything and never evaluates anything.

import { PRESETS, runLanes, type RunConfig } from '../engine/config.ts';
import { laneLabel } from '../engine/optimizers.ts';
import { validateConfig } from '../engine/validate.ts';
import { workloadOf } from '../engine/workloads/registry.ts';
import { agreementCells, agreementHeader, agreementProblem, type AgreementRecord } from './agreementRecord.ts';
import type { MetricPoint } from './series.ts';
import { EXPORT_BUDGET, theoryAt } from './theory.ts';

export const RECORD_FORMAT = 'fa-sgd-playground/run';
export const RECORD_VERSION = 1;
/** Largest record file read, in characters. */
export const MAX_RECORD_CHARS = 50 * 2 ** 20;
const MAX_RECORD_POINTS = 100_000;

export interface RunRecord {
  format: typeof RECORD_FORMAT;
  version: typeof RECORD_VERSION;
  name: string;
  /** ISO date. */
  savedAt: string;
  /** The permalink of the configuration (opens the same comparison). */
  link: string;
  config: RunConfig;
  /** Where it ran, e.g. "swiftshader (google)" or "CPU". */
  device: string;
  /** Recorded steps; non-finite values (a diverged lane) are stored as null. */
  points: { step: number; excess: (number | null)[]; buckets: Triple[] }[];
  /**
   * The expected curve of each configured lane at the recorded steps (mean over the seeds), where
   * the theory covers it (state/theory.ts), else null. Absent in files made before it existed.
   */
  theory?: ({ kind: 'exact' | 'plugIn'; excess: (number | null)[]; buckets: Triple[] } | null)[];
  /** A text run's agreement with the text's reference of meaning, by bucket (agreementRecord.ts). */
  agreement?: AgreementRecord;
}

type Triple = [number | null, number | null, number | null];

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

export function makeRecord(
  name: string,
  config: RunConfig,
  points: MetricPoint[],
  link: string,
  device: string,
  agreement?: AgreementRecord,
): RunRecord {
  return {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    name,
    savedAt: new Date().toISOString(),
    link,
    config,
    device,
    points: points.map((p) => ({
      step: p.step,
      excess: p.excess.map(finiteOrNull),
      buckets: p.buckets.map((b) => b.map(finiteOrNull) as Triple),
    })),
    theory: theoryAt(
      config,
      points.map((p) => p.step),
      EXPORT_BUDGET,
    ).map((t) =>
      t
        ? {
            kind: t.kind,
            excess: t.total.map(finiteOrNull),
            buckets: t.buckets.map((b) => b.map(finiteOrNull) as Triple),
          }
        : null,
    ),
    ...(agreement ? { agreement } : {}),
  };
}

/** One line that says what was run: workload, sizes, distribution(s), seed, lanes. */
export function configSummary(c: RunConfig): string {
  const sizes = workloadOf(c).words(c).summary;
  const lanes = c.lanes.map((l) => {
    const extra = l.optimizer === 'fasgd' || l.optimizer === 'cfsgd' ? ` β=${l.beta} c=${l.cap}` : '';
    return `${laneLabel(l)}${extra}`;
  });
  const seeds = c.seeds > 1 ? `seeds ${c.seed}–${(c.seed + c.seeds - 1) >>> 0}` : `seed ${c.seed}`;
  return `${sizes}, d=${c.dim}, B=${c.batch}, ${seeds}; ${lanes.join(', ')}`;
}

const BUCKET_NAMES = ['head', 'torso', 'tail'];

/** CSV quoting (RFC 4180): quote fields holding a comma, quote or line break. */
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * One row per recorded step; per lane the excess loss and the head/torso/tail losses, then the
 * same of each lane's theory curve where the record has one, then each lane's agreement by bucket
 * where the record has it (a text run; its steps get rows of their own where no loss was kept).
 * Empty cells: not a finite number (a diverged lane, an empty bucket), or not measured then.
 */
export function seriesCsv(record: Pick<RunRecord, 'config' | 'points' | 'theory' | 'agreement'>): string {
  const header = ['step'];
  const c = record.config;
  const columns = (name: string) => [`${name} excess loss`, ...BUCKET_NAMES.map((b) => `${name} ${b} loss`)];
  const laneNames = runLanes(c).map(
    (lane, i) => laneLabel(lane) + (c.seeds > 1 ? ` seed ${(c.seed + Math.floor(i / c.lanes.length)) >>> 0}` : ''),
  );
  for (const name of laneNames) header.push(...columns(name));
  const theory = (record.theory ?? []).flatMap((t, l) => (t ? [{ t, l }] : []));
  for (const { t, l } of theory)
    header.push(
      ...columns(`${laneLabel(c.lanes[l])} ${t.kind === 'exact' ? 'theory' : 'theory (plug-in approximation)'}`),
    );
  const agreement = record.agreement;
  if (agreement) header.push(...agreementHeader(agreement, laneNames));
  const L = laneNames.length;
  const lossColumns = L * 4 + theory.length * 4;
  const kept = new Set(record.points.map((p) => p.step));
  const rowsAt = [
    ...record.points.map((p, i) => ({
      step: p.step,
      cells: [
        ...p.excess.flatMap((e, l) => [e, ...p.buckets[l]]),
        ...theory.flatMap(({ t }) => [t.excess[i], ...t.buckets[i]]),
        ...agreementCells(agreement, p.step, L),
      ],
    })),
    ...(agreement?.points ?? [])
      .filter((p) => !kept.has(p.step))
      .map((p) => ({ step: p.step, cells: [...new Array<null>(lossColumns).fill(null), ...p.lanes.flat()] })),
  ].sort((a, b) => a.step - b.step);
  const rows = rowsAt.map((r) => [r.step, ...r.cells].map((v) => (v === null ? '' : String(v))));
  return [header.map(csvField), ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const numberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

/** A record from JSON text, or the first reason it is not one. */
export function parseRunRecord(text: string): { ok: true; record: RunRecord } | { ok: false; error: string } {
  const fail = (error: string) => ({ ok: false as const, error });
  if (text.length > MAX_RECORD_CHARS) return fail(`The file is larger than ${MAX_RECORD_CHARS / 2 ** 20} MB.`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('This is not a JSON file.');
  }
  if (!isObject(data) || data.format !== RECORD_FORMAT)
    return fail('This JSON file is not a run exported by FA-SGD Playground.');
  if (data.version !== RECORD_VERSION)
    return fail(
      `This run file has version ${String(data.version).slice(0, 20)}; this page reads version ${RECORD_VERSION}.`,
    );
  if (typeof data.name !== 'string' || typeof data.link !== 'string' || typeof data.device !== 'string')
    return fail('The run file lacks its name, link or device.');
  if (typeof data.savedAt !== 'string') return fail('The run file lacks its date.');
  const c = data.config;
  if (!isObject(c) || !Array.isArray(c.lanes)) return fail('The run file has no configuration.');
  // Known fields only (a missing one from the defaults), then the whole is validated.
  const base = PRESETS.zipf.config;
  const config = Object.fromEntries(
    Object.entries(base).map(([k, v]) => [k, Object.hasOwn(c, k) ? c[k] : v]),
  ) as unknown as RunConfig;
  let problems;
  try {
    problems = validateConfig(config);
  } catch {
    problems = [{ field: 'config', message: 'malformed' }];
  }
  if (problems.length) return fail(`The run file's configuration is invalid: ${problems[0].message}`);
  const L = runLanes(config).length;
  if (!Array.isArray(data.points) || data.points.length > MAX_RECORD_POINTS)
    return fail(`The run file must hold at most ${MAX_RECORD_POINTS.toLocaleString('en-US')} points.`);
  let last = -1;
  for (const [i, p] of data.points.entries()) {
    const bad = (why: string) => fail(`Point ${i + 1} of the run file is invalid: ${why}.`);
    if (!isObject(p) || !Number.isInteger(p.step) || (p.step as number) <= last) return bad('steps must increase');
    if (!Array.isArray(p.excess) || p.excess.length !== L || !p.excess.every(numberOrNull))
      return bad(`it needs ${L} losses`);
    if (
      !Array.isArray(p.buckets) ||
      p.buckets.length !== L ||
      !p.buckets.every((b) => Array.isArray(b) && b.length === 3 && b.every(numberOrNull))
    )
      return bad(`it needs 3 bucket losses for each of ${L} lanes`);
    last = p.step as number;
  }
  const points = data.points;
  const triples = (v: unknown) =>
    Array.isArray(v) &&
    v.length === points.length &&
    v.every((b) => Array.isArray(b) && b.length === 3 && b.every(numberOrNull));
  const theory = data.theory;
  if (
    theory !== undefined &&
    !(
      Array.isArray(theory) &&
      theory.length === config.lanes.length &&
      theory.every(
        (t) =>
          t === null ||
          (isObject(t) &&
            (t.kind === 'exact' || t.kind === 'plugIn') &&
            Array.isArray(t.excess) &&
            t.excess.length === points.length &&
            t.excess.every(numberOrNull) &&
            triples(t.buckets)),
      )
    )
  )
    return fail(
      `The run file's theory curves are malformed: one per lane (${config.lanes.length}), a value per point.`,
    );
  const agreementWrong = data.agreement === undefined ? null : agreementProblem(data.agreement, L);
  if (agreementWrong) return fail(`The run file's agreement is malformed: ${agreementWrong}.`);
  return {
    ok: true,
    record: {
      format: RECORD_FORMAT,
      version: RECORD_VERSION,
      name: data.name.slice(0, 200),
      savedAt: data.savedAt.slice(0, 40),
      link: data.link.slice(0, 4 * 2 ** 20),
      device: data.device.slice(0, 200),
      config,
      points: data.points as RunRecord['points'],
      ...(theory === undefined ? {} : { theory: theory as RunRecord['theory'] }),
      ...(data.agreement === undefined ? {} : { agreement: data.agreement as AgreementRecord }),
    },
  };
}
