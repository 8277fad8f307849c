// The benchmark's configurations and how it times them: steps per second over a few seconds,
// waiting for the device. Shared by the page (page.ts, in Chromium) and the Deno figures (deno.ts).

import { DEFAULT_LANES, PRESETS, type LaneConfig, type RunConfig } from '../src/engine/config.ts';
import type { CpuEngine } from '../src/engine/cpu/cpuEngine.ts';
import type { GpuEngine } from '../src/engine/gpu/gpuEngine.ts';
import { OPTIMIZERS } from '../src/engine/optimizers.ts';

/** Anything that runs steps and can wait for them. */
export interface Stepper {
  steps(n: number): void;
  finish(): Promise<unknown>;
}

export const SIZES = {
  small: { rows: 10_000, dim: 16, batch: 1024 },
  medium: { rows: 100_000, dim: 32, batch: 4096 },
  large: { rows: 1_000_000, dim: 32, batch: 4096 },
};
export type Size = keyof typeof SIZES;

export const SGD_ONLY: LaneConfig[] = [DEFAULT_LANES[0]];

export const configFor = (size: Size, lanes: LaneConfig[]): RunConfig => ({
  ...PRESETS.zipf.config,
  ...SIZES[size],
  lanes,
});

/** 8 learning rates per optimizer (its default × 2^-4 … 2^3): 40 lanes. */
export const FORTY_LANES: LaneConfig[] = OPTIMIZERS.flatMap((o) => {
  const base = DEFAULT_LANES.find((l) => l.optimizer === o)!;
  return Array.from({ length: 8 }, (_, k) => ({ ...base, lr: base.lr * 2 ** (k - 4) }));
});

/** Steps per second over at least `minSeconds` (after one warm-up step), waiting for the device. */
export async function time(s: Stepper, minSeconds: number, maxChunk = 64): Promise<{ steps: number; seconds: number }> {
  s.steps(1);
  await s.finish();
  let steps = 0;
  let chunk = 1;
  const t0 = performance.now();
  for (;;) {
    s.steps(chunk);
    await s.finish();
    steps += chunk;
    const seconds = (performance.now() - t0) / 1000;
    if (seconds >= minSeconds) return { steps, seconds };
    chunk = Math.min(chunk * 2, maxChunk);
  }
}

export const gpuStepper = (e: GpuEngine): Stepper => ({ steps: (n) => e.steps(n), finish: () => e.finish() });
export const cpuStepper = (e: CpuEngine): Stepper => ({ steps: (n) => e.steps(n), finish: async () => {} });
