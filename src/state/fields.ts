// The form's fields: every value a person types or picks, held as text. One table (FIELDS) names
// each field's path, what it holds (a number, free text or a choice), how its text comes from a
// configuration (the defaults of a preset), and how long it may be in a link. Paths are config
// paths, and validateConfig names its errors by the same paths, so a message lands under its field:
//   dim, batch, seed, noise (σ of the labels); rows, items (table sizes); heldOut (a data run's held-out %); fields (a CTR
//   run's "values:exponent, …"); tokens.kind / .s / .headSize / .headShare / .cutoff, and the same
//   for itemTokens; bucketEnds.0 / .1 (% of the ranks); lanes.<i>.lr / .beta / .cap / .eps / .decay
//   (the schedule's t₀; 0: constant η), and
//   lanes.<i>.on ('1' or '0': a lane switched off stays in the form, not in the run); the run
//   controls mode, seeds, stopAt, pace; and view ('', 'projector' or 'embed': how the page is shown).
// A link names lanes by optimizer instead of position (linkName). Drawn curves, counts and the data
// reference are not text: they live in `Custom`, set only when valid.

import {
  PRESETS,
  type ConfigError,
  type CtrField,
  type DataRef,
  type PresetId,
  type RunConfig,
} from '../engine/config.ts';
import { DEFAULT_HELD_OUT } from '../engine/input/pairData.ts';
import type { RunControls } from '../engine/protocol.ts';
import { DRAWN_KNOTS, type DistributionSpec } from '../engine/sampling/distributions.ts';
import { sweepLanes } from '../engine/sweep.ts';
import { workloadOf } from '../engine/workloads/registry.ts';
import { DIST_TARGETS, sizeField, type DistTarget, type SizeInput } from '../engine/workloads/workload.ts';

export type LaneKey = 'lr' | 'beta' | 'cap' | 'eps' | 'decay' | 'on';
export type DistParam = 'kind' | 's' | 'headSize' | 'headShare' | 'cutoff';

/** The path of a form field. */
export type FieldPath =
  | 'dim'
  | 'batch'
  | 'seed'
  | 'noise'
  | SizeInput
  | `${DistTarget}.${DistParam}`
  | `bucketEnds.${0 | 1}`
  | `lanes.${number}.${LaneKey}`
  | 'mode'
  | 'seeds'
  | 'stopAt'
  | 'pace'
  | 'view';

export type Fields = Partial<Record<FieldPath, string>>;

/** Applied drawn curves and counts, by target; the data a data run trains on. */
export type Custom = Partial<Record<DistTarget, Extract<DistributionSpec, { kind: 'drawn' | 'counts' }>>> & {
  data?: DataRef;
};

/**
 * How lanes are made: one per optimizer at its η ('compare'), SWEEP_RATES per optimizer around it
 * ('sweep'), or one per optimizer in each of `seeds` runs with consecutive seeds ('seeds').
 */
export const MODES = ['compare', 'sweep', 'seeds'] as const;

/** Where a run stops unless told otherwise (then "Continue" doubles it; empty: never). */
export const DEFAULT_STOP = '1000';

/** Seeds of a 'seeds' run unless the field says otherwise. */
export const DEFAULT_SEEDS = 4;

/** Run speeds offered (steps per second; '' = as fast as the device goes), with their names. */
export const PACES: [string, string][] = [
  ['', 'full speed'],
  ['100', '100 steps/s'],
  ['20', '20 steps/s'],
  ['5', '5 steps/s'],
];
const PACE_VALUES = PACES.map(([v]) => v);

/** One field, or the family of every lane's fields. */
interface FieldSpec {
  /** The path, or the family's pattern ('lanes.<i>.<key>'). */
  path: string;
  /** A number (decimal text), free text, or one of a list of names. */
  holds: 'number' | 'text' | 'choice';
  /** Longest text a link may set it to. */
  maxChars: number;
  /** Its [path, text] in the form of configuration c; none where c's workload has no such field. */
  format(c: RunConfig): [string, string][];
}

const field = (path: string, holds: FieldSpec['holds'], get: (c: RunConfig) => string | null, maxChars = 64) => ({
  path,
  holds,
  maxChars,
  format: (c: RunConfig): [string, string][] => {
    const text = get(c);
    return text === null ? [] : [[path, text]];
  },
});
/** A size input, where the workload's descriptor lists it. */
const size = (input: SizeInput, holds: FieldSpec['holds'], get: (c: RunConfig) => string, maxChars?: number) =>
  field(input, holds, (c) => (workloadOf(c).inputs.sizes.includes(input) ? get(c) : null), maxChars);
type SpecValues = Partial<Record<DistParam, number | string>>;
/**
 * A parameter of a distribution the workload's designer edits. Every parameter gets a value, so
 * switching the kind shows sensible defaults.
 */
const dist = (t: DistTarget, param: DistParam, get: (p: SpecValues, n: number) => string) =>
  field(`${t}.${param}`, param === 'kind' ? 'choice' : 'number', (c) =>
    workloadOf(c).inputs.designers.includes(t) ? get(c[t] as SpecValues, c[sizeField(t)]) : null,
  );

/** Every field, in form order (the order a link writes them). */
export const FIELDS: FieldSpec[] = [
  field('dim', 'number', (c) => String(c.dim)),
  field('batch', 'number', (c) => String(c.batch)),
  field('seed', 'number', (c) => String(c.seed)),
  field('noise', 'number', (c) => (workloadOf(c).labelNoise ? String(c.noise) : null)),
  size('heldOut', 'number', (c) => String(100 * (c.data?.heldOut ?? DEFAULT_HELD_OUT))),
  size('fields', 'text', (c) => fieldsText(c.fields), 200),
  // The first table's size, then its distribution; then the second's.
  ...DIST_TARGETS.flatMap((t) => [
    size(sizeField(t), 'number', (c) => String(c[sizeField(t)])),
    dist(t, 'kind', (p) => String(p.kind)),
    dist(t, 's', (p) => String(p.s ?? 1.1)),
    dist(t, 'headSize', (p, n) => String(p.headSize ?? Math.max(1, Math.round(n * 0.01)))),
    dist(t, 'headShare', (p) => String(p.headShare ?? 0.5)),
    dist(t, 'cutoff', (p, n) => String(p.cutoff ?? Math.max(1, Math.round(n / 10)))),
  ]),
  field('bucketEnds.0', 'number', (c) => String(+(c.bucketEnds[0] * 100).toPrecision(12))),
  field('bucketEnds.1', 'number', (c) => String(+(c.bucketEnds[1] * 100).toPrecision(12))),
  {
    path: 'lanes.<i>.<key>',
    holds: 'number',
    maxChars: 64,
    format: (c) =>
      c.lanes.flatMap((l, i) => [
        ...(['lr', 'beta', 'cap', 'eps'] as const).map((k): [string, string] => [`lanes.${i}.${k}`, String(l[k])]),
        [`lanes.${i}.decay`, String(l.decay ?? 0)],
        [`lanes.${i}.on`, '1'],
      ]),
  },
  field('mode', 'choice', () => 'compare'),
  field('seeds', 'number', () => String(DEFAULT_SEEDS)),
  field('stopAt', 'number', () => DEFAULT_STOP),
  field('pace', 'choice', () => ''),
  field('view', 'choice', () => ''),
];

/** The spec of a path ('lanes.3.lr' belongs to the lanes' family), or undefined for no field. */
export function fieldSpec(path: string): FieldSpec | undefined {
  const pattern = /^lanes\.\d+\.(lr|beta|cap|eps|decay|on)$/.test(path) ? 'lanes.<i>.<key>' : path;
  return FIELDS.find((s) => s.path === pattern);
}

/** The form's fields for configuration c: every field its workload has, in FIELDS order. */
export function fieldsFromConfig(c: RunConfig): Fields {
  return Object.fromEntries(FIELDS.flatMap((s) => s.format(c)));
}

/** Link name of a form path: lanes.<i>.<key> → <optimizer>.<key> (by the preset's lanes); others unchanged. */
export function linkName(path: string, presetId: PresetId): string {
  const m = /^lanes\.(\d+)\.(\w+)$/.exec(path);
  const lane = m ? PRESETS[presetId].config.lanes[Number(m[1])] : undefined;
  return lane ? `${lane.optimizer}.${m![2]}` : path;
}

/** Form path of a link name (the inverse of linkName); unknown names come back unchanged. */
export function pathOfLinkName(name: string, presetId: PresetId): string {
  const [optimizer, key] = name.split('.');
  const i = PRESETS[presetId].config.lanes.findIndex((l) => l.optimizer === optimizer);
  return i >= 0 && key !== undefined && name.split('.').length === 2 ? `lanes.${i}.${key}` : name;
}

/** CTR fields as text: "values:exponent" per field, comma-separated. */
export const fieldsText = (fields: CtrField[]) => fields.map((x) => `${x.rows}:${x.s}`).join(', ');

/** CTR fields from text; a malformed entry gives NaN values, which validation reports. */
export function parseFieldsText(text: string): CtrField[] {
  return text.split(',').map((part) => {
    const m = /^\s*(\d+)\s*:\s*([+-]?(\d+\.?\d*|\.\d+))\s*$/.exec(part);
    return m ? { rows: Number(m[1]), s: Number(m[2]) } : { rows: NaN, s: NaN };
  });
}

/** Decimal numbers only (no hex, binary or octal forms that Number() would also accept). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Thousands grouped by commas, underscores or (thin) spaces: 10,000 · 1_000_000 · 16 000. */
const GROUPED = /^[+-]?\d{1,3}([,_\u202f\u00a0 ]\d{3})+(\.\d+)?$/;

/** The number a field's text says (thousands separators allowed), or NaN. */
export function numberOf(text: string): number {
  const t = text.trim();
  if (GROUPED.test(t)) return Number(t.replace(/[,_\u202f\u00a0 ]/g, ''));
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/** A number field's value; missing text gives the fallback, empty or malformed text NaN (validation reports it). */
function parse(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : numberOf(text);
}

function distributionFromFields(base: RunConfig, f: Fields, custom: Custom, t: DistTarget): DistributionSpec {
  const value = (name: Exclude<DistParam, 'kind'>) => parse(f[`${t}.${name}`], NaN);
  const kind = (f[`${t}.kind`] ?? base[t].kind) as DistributionSpec['kind'];
  switch (kind) {
    case 'zipf':
      return { kind, s: value('s') };
    case 'headTail':
      return { kind, headSize: value('headSize'), headShare: value('headShare') };
    case 'powerLaw':
      return { kind, s: value('s'), cutoff: value('cutoff') };
    case 'drawn':
      return custom[t]?.kind === 'drawn'
        ? custom[t]
        : base[t].kind === 'drawn'
          ? base[t]
          : { kind, knots: Array(DRAWN_KNOTS).fill(null) };
    case 'counts':
      return custom[t]?.kind === 'counts' ? custom[t] : base[t].kind === 'counts' ? base[t] : { kind, counts: [] };
    default:
      // 'uniform', or an unknown kind from a link, which validation names.
      return { kind } as DistributionSpec;
  }
}

/** The configuration the form describes, every lane included (for validation). */
export function configFromFields(base: RunConfig, f: Fields, custom: Custom = {}): RunConfig {
  const { sizes: inputs, designers } = workloadOf(base).inputs;
  // The first distribution is always read (an unused one is never checked); the second only where designed.
  const tokens = distributionFromFields(base, f, custom, 'tokens');
  const itemTokens = designers.includes('itemTokens')
    ? distributionFromFields(base, f, custom, 'itemTokens')
    : base.itemTokens;
  const data =
    inputs.includes('heldOut') && custom.data ? { ...custom.data, heldOut: parse(f.heldOut, NaN) / 100 } : null;
  const fields = inputs.includes('fields') ? parseFieldsText(f.fields ?? fieldsText(base.fields)) : [];
  // A data run's sizes are its data's; a CTR run's first table is its first field.
  const sizes = data ? { rows: data.rows, items: data.items } : fields.length > 0 ? { rows: fields[0].rows } : {};
  return {
    ...base,
    data,
    fields,
    // A counts distribution fixes its table's size.
    rows: tokens.kind === 'counts' && tokens.counts.length > 0 ? tokens.counts.length : parse(f.rows, base.rows),
    items:
      itemTokens.kind === 'counts' && itemTokens.counts.length > 0
        ? itemTokens.counts.length
        : parse(f.items, base.items),
    dim: parse(f.dim, base.dim),
    batch: parse(f.batch, base.batch),
    seed: parse(f.seed, base.seed),
    noise: parse(f.noise, base.noise),
    seeds: f.mode === 'seeds' ? parse(f.seeds, DEFAULT_SEEDS) : 1,
    tokens,
    itemTokens,
    bucketEnds: [parse(f['bucketEnds.0'], NaN) / 100, parse(f['bucketEnds.1'], NaN) / 100],
    ...sizes,
    lanes: base.lanes.map((l, i) => {
      // A constant η (t₀ = 0) is left out of the configuration, as in every run made before schedules.
      const decay = parse(f[`lanes.${i}.decay`], l.decay ?? 0);
      return {
        ...l,
        lr: parse(f[`lanes.${i}.lr`], l.lr),
        beta: parse(f[`lanes.${i}.beta`], l.beta),
        cap: parse(f[`lanes.${i}.cap`], l.cap),
        eps: parse(f[`lanes.${i}.eps`], l.eps),
        ...(decay === 0 ? {} : { decay }),
      };
    }),
  };
}

/** Whether lane i is switched on. */
export const laneOn = (f: Fields, i: number) => f[`lanes.${i}.on`] !== '0';

/** The configuration to run: only the lanes switched on, each at SWEEP_RATES rates in a sweep. */
export function runConfigFromFields(base: RunConfig, f: Fields, custom: Custom = {}): RunConfig {
  const c = configFromFields(base, f, custom);
  const lanes = c.lanes.filter((_, i) => laneOn(f, i));
  return { ...c, lanes: f.mode === 'sweep' ? sweepLanes(lanes) : lanes };
}

/**
 * How the page is shown: '' normal, 'projector' thicker lines and larger text (chartLook.ts),
 * 'embed' the race alone, for a frame in another page (docs/embed.md).
 */
export const VIEWS = ['', 'projector', 'embed'];

/** Run controls from their fields: 'stopAt' (empty: never) and 'pace' (one of PACES); 'mode' is checked here too. */
export function controlsFromFields(f: Fields): { controls: RunControls; errors: ConfigError[] } {
  const stopText = (f.stopAt ?? '').trim();
  const stopAt = stopText === '' ? null : numberOf(stopText);
  const errors: ConfigError[] = [];
  if (stopAt !== null && !(Number.isInteger(stopAt) && stopAt >= 1 && stopAt <= 1e9))
    errors.push({
      field: 'stopAt',
      message: `Stop at step must be a whole number from 1 to 1,000,000,000, or empty (got ${stopText}).`,
    });
  const paceText = f.pace ?? '';
  if (!PACE_VALUES.includes(paceText))
    errors.push({
      field: 'pace',
      message: `Speed must be one of ${PACE_VALUES.filter(Boolean).reverse().join(', ')} steps/s or full.`,
    });
  const pace = paceText && PACE_VALUES.includes(paceText) ? Number(paceText) : null;
  if (!VIEWS.includes(f.view ?? ''))
    errors.push({ field: 'view', message: 'View must be projector, embed or empty (the normal view).' });
  if (!(MODES as readonly string[]).includes(f.mode ?? 'compare'))
    errors.push({ field: 'mode', message: `Mode must be one of ${MODES.join(', ')}.` });
  else if (f.mode === 'sweep' && stopAt === null)
    errors.push({
      field: 'mode',
      message: 'A sweep compares the rates at a stop step: set "Stop at step" (e.g. 300).',
    });
  return { controls: { stopAt: errors.some((e) => e.field === 'stopAt') ? null : stopAt, pace }, errors };
}
