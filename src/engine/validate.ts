// Everything wrong with a run configuration, independent of the device: the workload's own checks
// (its descriptor), then the common ones, the designed distributions and the lanes. Errors name
// their field by its form path (fields.ts), so the page shows each under its control.

import { isInt, MAX_ROWS, MAX_SEEDS, type ConfigError, type RunConfig } from './config.ts';
import { OPTIMIZERS } from './optimizers.ts';
import { bucketEndsErrors, distributionErrors } from './sampling/distributions.ts';
import { WORKLOADS } from './workloads/registry.ts';
import { sizeField } from './workloads/workload.ts';

/** Everything wrong with a configuration (empty when valid). */
export function validateConfig(c: RunConfig): ConfigError[] {
  if (!Object.hasOwn(WORKLOADS, c.workload))
    return [{ field: 'workload', message: `Unknown workload "${String(c.workload).slice(0, 40)}".` }];
  const workload = WORKLOADS[c.workload];
  const errors = workload.validate(c);
  const need = (ok: boolean, field: string, message: string) => ok || errors.push({ field, message });
  need(isInt(c.dim, 1, 256), 'dim', `Dimension must be a whole number from 1 to 256 (got ${c.dim}).`);
  need(isInt(c.batch, 1, 65536), 'batch', `Batch must be a whole number from 1 to 65,536 (got ${c.batch}).`);
  need(
    Number.isFinite(c.noise) && c.noise >= 0 && c.noise <= 10,
    'noise',
    `Noise σ must be a number from 0 to 10 (got ${c.noise}).`,
  );
  need(isInt(c.seed, 0, 0xffffffff), 'seed', `Seed must be a whole number from 0 to 4,294,967,295 (got ${c.seed}).`);
  need(
    isInt(c.metricsEvery, 1, 1e6),
    'metricsEvery',
    `Metrics interval must be a whole number >= 1 (got ${c.metricsEvery}).`,
  );
  for (const e of bucketEndsErrors(c.bucketEnds)) errors.push({ field: `bucketEnds.${e.index}`, message: e.message });
  // A distribution is checked once its table's size is (the size's own error comes first).
  for (const t of workload.inputs.designers) {
    const n = c[sizeField(t)];
    if (isInt(n, 2, MAX_ROWS))
      for (const e of distributionErrors(c[t], n))
        errors.push({ field: e.param ? `${t}.${e.param}` : t, message: e.message });
  }
  need(
    c.lanes.length >= 1 && c.lanes.length <= 64,
    'lanes',
    `Between 1 and 64 optimizer lanes are needed (got ${c.lanes.length}).`,
  );
  need(isInt(c.seeds, 1, MAX_SEEDS), 'seeds', `Seeds must be a whole number from 1 to ${MAX_SEEDS} (got ${c.seeds}).`);
  c.lanes.forEach((lane, i) => {
    const f = (name: string) => `lanes.${i}.${name}`;
    need(OPTIMIZERS.includes(lane.optimizer), f('optimizer'), `Unknown optimizer "${lane.optimizer}".`);
    need(
      Number.isFinite(lane.lr) && lane.lr > 0,
      f('lr'),
      `Learning rate must be a finite number > 0 (got ${lane.lr}).`,
    );
    need(
      Number.isFinite(lane.beta) && lane.beta >= 0 && lane.beta <= 4,
      f('beta'),
      `β must be a number from 0 to 4 (got ${lane.beta}).`,
    );
    // The GPU's boost is exact for caps below 2^126 (common.wgsl cappedExp2).
    need(
      Number.isFinite(lane.cap) && lane.cap >= 1 && lane.cap <= 1e30,
      f('cap'),
      `Cap must be a number from 1 to 1e30 (got ${lane.cap}).`,
    );
    need(Number.isFinite(lane.eps) && lane.eps > 0, f('eps'), `ε must be a finite number > 0 (got ${lane.eps}).`);
    need(
      lane.decay === undefined || (Number.isFinite(lane.decay) && lane.decay >= 0 && lane.decay <= 1e9),
      f('decay'),
      `The decay time t₀ must be a number from 0 (constant η) to 1,000,000,000 steps (got ${lane.decay}).`,
    );
  });
  return errors;
}
