// Editable fields of the run form, as text, and their translation to and from a RunConfig.
// Field names are config paths: 'rows', 'dim', 'batch', 'seed', 'items', 'tokens.s', 'lanes.2.lr';
// 'lanes.2.on' is '1' or '0' (a lane switched off stays in the form, not in the run).

import type { ConfigError, RunConfig } from '../engine/config.ts';
import type { RunControls } from '../engine/protocol.ts';

export type Fields = Record<string, string>;

export function fieldsFromConfig(c: RunConfig): Fields {
  const f: Fields = { rows: String(c.rows), dim: String(c.dim), batch: String(c.batch), seed: String(c.seed) };
  if (c.workload === 'matrixFactorization') f.items = String(c.items);
  if (c.tokens.kind === 'zipf') f['tokens.s'] = String(c.tokens.s);
  c.lanes.forEach((l, i) => {
    for (const key of ['lr', 'beta', 'cap', 'eps'] as const) f[`lanes.${i}.${key}`] = String(l[key]);
    f[`lanes.${i}.on`] = '1';
  });
  return f;
}

/** A number from text; empty or malformed text gives NaN, which validation reports. */
function parse(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const t = text.trim();
  return t === '' ? NaN : Number(t);
}

/** The configuration the form describes, every lane included (for validation). */
export function configFromFields(base: RunConfig, f: Fields): RunConfig {
  return {
    ...base,
    rows: parse(f.rows, base.rows),
    items: parse(f.items, base.items),
    dim: parse(f.dim, base.dim),
    batch: parse(f.batch, base.batch),
    seed: parse(f.seed, base.seed),
    tokens: base.tokens.kind === 'zipf' ? { kind: 'zipf', s: parse(f['tokens.s'], base.tokens.s) } : base.tokens,
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

/** The configuration to run: only the lanes switched on. */
export function runConfigFromFields(base: RunConfig, f: Fields): RunConfig {
  const c = configFromFields(base, f);
  return { ...c, lanes: c.lanes.filter((_, i) => laneOn(f, i)) };
}

/** Run controls from their fields: 'stopAt' (empty: never) and 'pace' ('' : full speed). */
export function controlsFromFields(f: Fields): { controls: RunControls; errors: ConfigError[] } {
  const stopText = (f.stopAt ?? '').trim();
  const stopAt = stopText === '' ? null : Number(stopText);
  const errors: ConfigError[] = [];
  if (stopAt !== null && !(Number.isInteger(stopAt) && stopAt >= 1 && stopAt <= 1e9))
    errors.push({
      field: 'stopAt',
      message: `Stop at step must be a whole number from 1, or empty (got ${stopText}).`,
    });
  const pace = f.pace ? Number(f.pace) : null;
  return { controls: { stopAt: errors.length ? null : stopAt, pace }, errors };
}

/** The form field that shows a validation error of config path `path`. */
export function fieldOfError(path: string): string {
  return path === 'tokens' ? 'tokens.s' : path;
}
