// Editable fields of the run form, as text, and their translation to and from a RunConfig.
// Field names are config paths: 'rows', 'dim', 'batch', 'seed', 'items', 'tokens.s', 'lanes.2.lr';
// 'lanes.2.on' is '1' or '0' (a lane switched off stays in the form, not in the run);
// 'tokens.kind' names the distribution; 'bucketEnds.0' / '.1' are percentages of the ranks.
// 'heldOut' is the held-out percentage of a data run; 'fields' the fields of a CTR run
// ("values:exponent, …").
// Drawn curves, counts and the data reference are not text: they live in `Custom`, set only when valid.

import type { ConfigError, CtrField, DataRef, RunConfig } from '../engine/config.ts';
import type { RunControls } from '../engine/protocol.ts';
import { sweepLanes } from '../engine/sweep.ts';
import { DRAWN_KNOTS, type DistributionSpec } from '../engine/workloads/distributions.ts';
import { DEFAULT_HELD_OUT } from '../engine/workloads/pairData.ts';

export type Fields = Record<string, string>;

/** The two distributions of a run: tokens (or users), and items (matrix factorisation). */
export type DistTarget = 'tokens' | 'itemTokens';
export const DIST_TARGETS: DistTarget[] = ['tokens', 'itemTokens'];

/** Applied drawn curves and counts, by target; the data a data run trains on. */
export type Custom = Partial<Record<DistTarget, Extract<DistributionSpec, { kind: 'drawn' | 'counts' }>>> & {
  data?: DataRef;
};

/**
 * How lanes are made: one per optimizer at its η ('compare'), SWEEP_RATES per optimizer around it
 * ('sweep'), or one per optimizer in each of `seeds` runs with consecutive seeds ('seeds').
 */
export const MODES = ['compare', 'sweep', 'seeds'] as const;

/** Seeds of a 'seeds' run unless the field says otherwise. */
export const DEFAULT_SEEDS = 4;

/** Run speeds offered (steps per second; '' = as fast as the device goes). */
export const PACES = ['', '5', '20', '100'];

/** The size field of a distribution's table: 'rows' (tokens or users) or 'items'. */
export const sizeField = (t: DistTarget) => (t === 'tokens' ? 'rows' : 'items');

function distributionFields(c: RunConfig, t: DistTarget): Fields {
  const spec = c[t];
  const n = c[sizeField(t)];
  const p = spec as Partial<Record<'s' | 'headSize' | 'headShare' | 'cutoff', number>>;
  // Every parameter gets a value, so switching the kind shows sensible defaults.
  return {
    [`${t}.kind`]: spec.kind,
    [`${t}.s`]: String(p.s ?? 1.1),
    [`${t}.headSize`]: String(p.headSize ?? Math.max(1, Math.round(n * 0.01))),
    [`${t}.headShare`]: String(p.headShare ?? 0.5),
    [`${t}.cutoff`]: String(p.cutoff ?? Math.max(1, Math.round(n / 10))),
  };
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

export function fieldsFromConfig(c: RunConfig): Fields {
  const f: Fields = { dim: String(c.dim), batch: String(c.batch), seed: String(c.seed) };
  // A data run's sizes and frequencies are its data's; a CTR run's are its fields'.
  if (c.workload === 'data') f.heldOut = String(100 * (c.data?.heldOut ?? DEFAULT_HELD_OUT));
  else if (c.workload === 'ctr') f.fields = fieldsText(c.fields);
  else {
    f.rows = String(c.rows);
    Object.assign(f, distributionFields(c, 'tokens'));
  }
  if (c.workload === 'matrixFactorization') {
    f.items = String(c.items);
    Object.assign(f, distributionFields(c, 'itemTokens'));
  }
  f['bucketEnds.0'] = String(+(c.bucketEnds[0] * 100).toPrecision(12));
  f['bucketEnds.1'] = String(+(c.bucketEnds[1] * 100).toPrecision(12));
  c.lanes.forEach((l, i) => {
    for (const key of ['lr', 'beta', 'cap', 'eps'] as const) f[`lanes.${i}.${key}`] = String(l[key]);
    f[`lanes.${i}.on`] = '1';
  });
  f.mode = 'compare';
  f.seeds = String(DEFAULT_SEEDS);
  f.stopAt = '';
  f.pace = '';
  return f;
}

/** Decimal numbers only (no hex, binary or octal forms that Number() would also accept). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number from text; empty or malformed text gives NaN, which validation reports. */
function parse(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

function distributionFromFields(base: RunConfig, f: Fields, custom: Custom, t: DistTarget): DistributionSpec {
  const num = (name: string) => parse(f[`${t}.${name}`], NaN);
  const kind = (f[`${t}.kind`] ?? base[t].kind) as DistributionSpec['kind'];
  switch (kind) {
    case 'zipf':
      return { kind, s: num('s') };
    case 'headTail':
      return { kind, headSize: num('headSize'), headShare: num('headShare') };
    case 'powerLaw':
      return { kind, s: num('s'), cutoff: num('cutoff') };
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
  const tokens = distributionFromFields(base, f, custom, 'tokens');
  const itemTokens =
    base.workload === 'matrixFactorization' ? distributionFromFields(base, f, custom, 'itemTokens') : base.itemTokens;
  const data =
    base.workload === 'data' && custom.data ? { ...custom.data, heldOut: parse(f.heldOut, NaN) / 100 } : null;
  const fields = base.workload === 'ctr' ? parseFieldsText(f.fields ?? fieldsText(base.fields)) : [];
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
    seeds: f.mode === 'seeds' ? parse(f.seeds, DEFAULT_SEEDS) : 1,
    tokens,
    itemTokens,
    bucketEnds: [parse(f['bucketEnds.0'], NaN) / 100, parse(f['bucketEnds.1'], NaN) / 100],
    ...sizes,
    lanes: base.lanes.map((l, i) => ({
      ...l,
      lr: parse(f[`lanes.${i}.lr`], l.lr),
      beta: parse(f[`lanes.${i}.beta`], l.beta),
      cap: parse(f[`lanes.${i}.cap`], l.cap),
      eps: parse(f[`lanes.${i}.eps`], l.eps),
    })),
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

/** Run controls from their fields: 'stopAt' (empty: never) and 'pace' (one of PACES); 'mode' is checked here too. */
export function controlsFromFields(f: Fields): { controls: RunControls; errors: ConfigError[] } {
  const stopText = (f.stopAt ?? '').trim();
  const stopAt = stopText === '' ? null : DECIMAL.test(stopText) ? Number(stopText) : NaN;
  const errors: ConfigError[] = [];
  if (stopAt !== null && !(Number.isInteger(stopAt) && stopAt >= 1 && stopAt <= 1e9))
    errors.push({
      field: 'stopAt',
      message: `Stop at step must be a whole number from 1 to 1,000,000,000, or empty (got ${stopText}).`,
    });
  const paceText = f.pace ?? '';
  if (!PACES.includes(paceText))
    errors.push({
      field: 'pace',
      message: `Speed must be one of ${PACES.filter(Boolean).join(', ')} steps/s or full.`,
    });
  const pace = paceText && PACES.includes(paceText) ? Number(paceText) : null;
  if (!(MODES as readonly string[]).includes(f.mode ?? 'compare'))
    errors.push({ field: 'mode', message: `Mode must be one of ${MODES.join(', ')}.` });
  else if (f.mode === 'sweep' && stopAt === null)
    errors.push({
      field: 'mode',
      message: 'A sweep compares the rates at a stop step: set "Stop at step" (e.g. 300).',
    });
  return { controls: { stopAt: errors.some((e) => e.field === 'stopAt') ? null : stopAt, pace }, errors };
}
