// Shared set-up of the in-browser GPU tests: one device per test file, small configurations,
// deterministic random contents, and a check that no WebGPU validation error slipped through.

import { DEFAULT_LANES, PRESETS, lanesWithRates, type RunConfig } from '../config.ts';
import { requestGpu, type GpuContext } from '../gpu/device.ts';
import { GpuEngine } from '../gpu/gpuEngine.ts';
import { parseInteractions } from '../input/interactions.ts';
import { dataRef, logPairs, type PairData } from '../input/pairData.ts';
import { pcg } from '../sampling/rng.ts';
import { sampleLog } from '../input/sampleLog.ts';
import { prepareRun } from '../workloads/registry.ts';
import { type RunData } from '../workloads/runData.ts';

let cached: Promise<GpuContext> | null = null;

export function gpu(): Promise<GpuContext> {
  cached ??= requestGpu().then((r) => {
    if (!r.ok) throw new Error(r.reason);
    r.gpu.device.addEventListener('uncapturederror', (e) => {
      throw new Error(`WebGPU error: ${(e as GPUUncapturedErrorEvent).error.message}`);
    });
    return r.gpu;
  });
  return cached;
}

/** A small token-regression configuration with every optimizer lane. */
export function smallConfig(over: Partial<RunConfig> = {}): RunConfig {
  return {
    ...PRESETS.zipf.config,
    rows: 300,
    dim: 8,
    batch: 128,
    lanes: DEFAULT_LANES,
    ...over,
  };
}

/**
 * A small matrix factorisation with every optimizer lane. Learning rates are well inside the
 * stable range: near its edge the dynamics are chaotic and amplify any rounding difference.
 */
export function smallMfConfig(over: Partial<RunConfig> = {}): RunConfig {
  const lanes = lanesWithRates({ sgd: 4, fasgd: 4, cfsgd: 4, adagradRow: 0.1, adagradCoord: 0.1 });
  return smallConfig({ workload: 'matrixFactorization', rows: 200, items: 150, lanes, ...over });
}

/** A small CTR run: three fields of different sizes and skews, every optimizer lane. */
export function smallCtrConfig(over: Partial<RunConfig> = {}): RunConfig {
  const lanes = lanesWithRates({ sgd: 4, fasgd: 4, cfsgd: 4, adagradRow: 0.1, adagradCoord: 0.1 });
  const fields = [
    { rows: 150, s: 1.1 },
    { rows: 60, s: 0.7 },
    { rows: 7, s: 0 },
  ];
  return smallConfig({ workload: 'ctr', rows: 150, fields, lanes, ...over });
}

/**
 * A data run on a small generated log (rated, or implicit: the ratings dropped), every optimizer
 * lane at rates inside the stable range.
 */
export function smallDataRun(
  ratings: boolean,
  over: Partial<RunConfig> = {},
  log = { users: 300, items: 200, interactions: 6000, seed: 3 },
): { config: RunConfig; pairs: PairData } {
  const parsed = parseInteractions(sampleLog(log), { malformed: 'refuse', duplicates: 'keep' });
  if (!parsed.ok) throw new Error(parsed.error);
  const pairs = logPairs(parsed.log);
  if (!ratings) pairs.y = null;
  const lanes = lanesWithRates({ sgd: 4, fasgd: 4, cfsgd: 4, adagradRow: 0.1, adagradCoord: 0.1 });
  const data = dataRef(pairs, 'log', 'test log');
  return {
    config: { ...smallConfig({ workload: 'data', rows: pairs.rows, items: pairs.items, data, lanes }), ...over },
    pairs,
  };
}

/**
 * A GPU engine for `config` (a data run: with its pairs) on the shared device; `over` replaces
 * context settings (e.g. the sort variant).
 */
export async function engineFor(
  config: RunConfig,
  over: Partial<GpuContext> = {},
  pairs?: PairData,
): Promise<{ engine: GpuEngine; data: RunData; device: GPUDevice }> {
  const ctx = { ...(await gpu()), ...over };
  const data = prepareRun(config, pairs);
  ctx.device.pushErrorScope('validation');
  const engine = await GpuEngine.create(data, ctx);
  const error = await ctx.device.popErrorScope();
  if (error) throw new Error(`WebGPU validation: ${error.message}`);
  return { engine, data, device: ctx.device };
}

/** n deterministic values uniform in [lo, hi), rounded to f32. */
export function randomFloats(n: number, seed: number, lo = -1, hi = 1): Float32Array<ArrayBuffer> {
  return Float32Array.from({ length: n }, (_, i) => lo + ((hi - lo) * pcg(pcg(seed) + i)) / 4294967296);
}

export const f32 = (b: ArrayBuffer) => new Float32Array(b);

/** The GPU's contexts buffer ([d, B]: x_ij at j·B + i) as the reference lays them out, [B, d]. */
export function contextsOf(b: ArrayBuffer, batch: number, d: number): Float32Array {
  const t = new Float32Array(b);
  return Float32Array.from({ length: batch * d }, (_, k) => t[(k % d) * batch + Math.floor(k / d)]);
}
export const u32 = (b: ArrayBuffer) => new Uint32Array(b);

/** Splits interleaved (row, occurrence) pairs. */
export function unpair(b: ArrayBuffer, count: number): { keys: Uint32Array; vals: Uint32Array } {
  const p = new Uint32Array(b);
  return {
    keys: Uint32Array.from({ length: count }, (_, i) => p[2 * i]),
    vals: Uint32Array.from({ length: count }, (_, i) => p[2 * i + 1]),
  };
}
