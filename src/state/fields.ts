// Editable fields of the run form, as text, and their translation to and from a RunConfig.
// Field names are config paths: 'rows', 'dim', 'batch', 'seed', 'items', 'tokens.s', 'lanes.2.lr'.

import type { ConfigError, RunConfig } from '../engine/config.ts';
import type { RunControls } from '../engine/protocol.ts';

export type Fields = Record<string, string>;

export function fieldsFromConfig(c: RunConfig): Fields {
  const f: Fields = { rows: String(c.rows), dim: String(c.dim), batch: String(c.batch), seed: String(c.seed) };
  if (c.workload === 'matrixFactorization') f.items = String(c.items);
  if (c.tokens.kind === 'zipf') f['tokens.s'] = String(c.tokens.s);
  c.lanes.forEach((l, i) => (f[`lanes.${i}.lr`] = String(l.lr)));
  return f;
}

/** A number from text; empty or malformed text gives NaN, which validation reports. */
function parse(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const t = text.trim();
  return t === '' ? NaN : Number(t);
}

export function configFromFields(base: RunConfig, f: Fields): RunConfig {
  return {
    ...base,
    rows: parse(f.rows, base.rows),
    items: parse(f.items, base.items),
    dim: parse(f.dim, base.dim),
    batch: parse(f.batch, base.batch),
    seed: parse(f.seed, base.seed),
    tokens: base.tokens.kind === 'zipf' ? { kind: 'zipf', s: parse(f['tokens.s'], base.tokens.s) } : base.tokens,
    lanes: base.lanes.map((l, i) => ({ ...l, lr: parse(f[`lanes.${i}.lr`], l.lr) })),
  };
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
