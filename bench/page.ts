// Benchmark page (npm run bench opens it in headless Chromium; one page, one adapter): this
// engine against TensorFlow.js on WebGPU (the same workload written idiomatically) and against the
// Float32 JavaScript step (the fast CPU engine: same sampler and RNG, same sparse work), at three
// sizes; the other kernel path; 40 lanes against 1; a skewed batch; the roofline; the commands a
// step asks of the GPU on each kernel path, and what the step-time model makes of them.
// bench/run.js adds the app's main-thread long tasks and the Deno figures (deno.ts).

import { DEFAULT_LANES, PRESETS } from '../src/engine/config.ts';
import { CpuEngine } from '../src/engine/cpu/cpuEngine.ts';
import { KERNEL_PATHS, requestGpu, type GpuContext } from '../src/engine/gpu/device.ts';
import { GpuEngine, TRAINING_STAGES } from '../src/engine/gpu/gpuEngine.ts';
import { limitErrors } from '../src/engine/limits.ts';
import { radixSortPasses } from '../src/engine/ops/radixSort.ts';
import { sampleStep } from '../src/engine/sampling/sampleStep.ts';
import { copyBandwidth, cpuCopyBandwidth, stageBytes, type StepShape } from './roofline.ts';
import { compare } from '../src/engine/testing/compare.ts';
import { parseInteractions } from '../src/engine/input/interactions.ts';
import { dataRef, logPairs } from '../src/engine/input/pairData.ts';
import { SAMPLE_LOG, sampleLog } from '../src/engine/input/sampleLog.ts';
import { DEFAULT_TEXT_OPTIONS, parseText } from '../src/engine/input/text.ts';
import { sampleText } from '../src/engine/testing/sampleText.ts';
import type {
  BenchResult,
  BenchRow,
  CommandsResult,
  PathCommands,
  RooflineResult,
  RooflineRow,
  SkewedResult,
  StageTimes,
} from './result.ts';
import { commandsPerStep, MODEL_GPU, modelMicroseconds } from './stepModel.ts';
import { TfjsTokenRegression, tfjsReady } from './tfjsBaseline.ts';
import {
  configFor,
  cpuStepper,
  FORTY_LANES,
  gpuStepper,
  SGD_ONLY,
  SIZES,
  time,
  type Size,
  type Stepper,
} from './timing.ts';
import { prepareRun } from '../src/engine/workloads/registry.ts';
import { type RunData } from '../src/engine/workloads/runData.ts';

/** Zipf 1.5 over 100k rows, d 32, B 65,536: the head row holds about 38% of a batch (~25k occurrences). */
const SKEWED = { rows: 100_000, dim: 32, batch: 65_536, tokens: { kind: 'zipf', s: 1.5 } } as const;

/** Steps per second and the stages' GPU time on the skewed large batch. */
async function skewedBatch(gpu: GpuContext): Promise<SkewedResult> {
  document.getElementById('out')!.textContent = 'timing a skewed large batch…';
  const e = await GpuEngine.create(prepareRun({ ...PRESETS.zipf.config, ...SKEWED, lanes: SGD_ONLY }), gpu);
  const t = await time(gpuStepper(e), 3, 8);
  const ms = await e.profile(2);
  e.destroy();
  return { stepsPerSecond: t.steps / t.seconds, ms };
}

/** The step's shape for the byte counts: U from the sampler (identical on every engine). */
function shapeOf(data: RunData, sort: GpuContext['sort']): StepShape {
  const lanes = data.config.lanes;
  return {
    lanes: lanes.length,
    rowLanes: lanes.filter((l) => l.optimizer === 'adagradRow').length,
    coordLanes: lanes.filter((l) => l.optimizer === 'adagradCoord').length,
    batch: data.config.batch,
    dim: data.config.dim,
    occurrences: data.occurrences,
    unique: new Set(sampleStep(data, 1).rows).size,
    sortPasses: radixSortPasses(sort, data.occurrences, data.rows),
  };
}

/** The sum over a step's stages. */
const total = (o: StageTimes) => TRAINING_STAGES.reduce((a, s) => a + o[s], 0);

/** Copy bandwidth, then each stage's bandwidth at medium and large, 1, 5 and 40 lanes. */
async function roofline(gpu: GpuContext): Promise<RooflineResult> {
  const status = document.getElementById('out')!;
  status.textContent = 'roofline: copy bandwidth…';
  const copyGBs = await copyBandwidth(gpu.device);
  const rows: RooflineRow[] = [];
  const skipped: string[] = [];
  for (const size of ['medium', 'large'] as const)
    for (const lanes of [SGD_ONLY, DEFAULT_LANES, FORTY_LANES]) {
      const config = configFor(size, lanes);
      const over = limitErrors(config, gpu.limits);
      if (over.length) {
        skipped.push(`${size}, ${lanes.length} lanes: ${over[0].message}`);
        continue;
      }
      status.textContent = `roofline: ${size}, ${lanes.length} lanes…`;
      const data = prepareRun(config);
      const e = await GpuEngine.create(data, gpu);
      e.steps(2);
      await e.finish();
      const ms = await e.profile(6);
      e.destroy();
      if (!ms)
        return {
          copyGBs,
          rows,
          skipped: ['no timestamp queries on this adapter'],
          cpu: cpuRoofline(gpu),
          stepBandwidthFraction: NaN,
        };
      rows.push({
        size,
        lanes: lanes.length,
        unique: shapeOf(data, gpu.sort).unique,
        ms,
        bytes: stageBytes(shapeOf(data, gpu.sort)),
      });
    }
  const five = rows.find((r) => r.size === 'medium' && r.lanes === DEFAULT_LANES.length)!;
  const stepGBs = total(five.bytes) / (total(five.ms) / 1000) / 1e9;
  return { copyGBs, rows, skipped, cpu: cpuRoofline(gpu), stepBandwidthFraction: stepGBs / copyGBs };
}

/** The CPU engine's step (medium, 5 lanes) against a typed-array copy: it moves the same minimal bytes but sorts nothing. */
function cpuRoofline(gpu: GpuContext): RooflineResult['cpu'] {
  const data = prepareRun(configFor('medium', DEFAULT_LANES));
  const e = new CpuEngine(data);
  e.steps(1);
  const t0 = performance.now();
  let steps = 0;
  for (; performance.now() - t0 < 3000; steps++) e.steps(1);
  const bytes = { ...stageBytes(shapeOf(data, gpu.sort)), radixSort: 0 };
  return {
    copyGBs: cpuCopyBandwidth(),
    stepsPerSecond: steps / ((performance.now() - t0) / 1000),
    bytesPerStep: total(bytes),
  };
}

/** The kernel path `gpu` runs (a key of KERNEL_PATHS). */
const pathOf = (gpu: GpuContext) =>
  Object.entries(KERNEL_PATHS).find(([, p]) => p.sort === gpu.sort && p.dispatch === gpu.dispatch)![0];

/**
 * Each kernel path's commands per step, counted over 32 steps (one submit), and the step-time
 * model's estimate for them: at the default preset's size (small) and at medium, 5 lanes.
 */
async function stepCommands(gpu: GpuContext): Promise<CommandsResult> {
  const rows: PathCommands[] = [];
  for (const [path, kernels] of Object.entries(KERNEL_PATHS))
    for (const size of ['small', 'medium'] as const) {
      document.getElementById('out')!.textContent = `counting commands: ${path} path, ${size}…`;
      const data = prepareRun(configFor(size, DEFAULT_LANES));
      const e = await GpuEngine.create(data, { ...gpu, ...kernels });
      const commands = await commandsPerStep(gpu.device, 32, (n) => (e.steps(n), e.finish()));
      e.destroy();
      const bytes = total(stageBytes(shapeOf(data, kernels.sort)));
      rows.push({ path, size, ...commands, bytes, modelMicroseconds: modelMicroseconds(bytes, commands) });
    }
  return { path: pathOf(gpu), model: MODEL_GPU, rows };
}

async function main(): Promise<
  BenchResult | { skewed: SkewedResult } | { roofline: RooflineResult } | { commands: CommandsResult }
> {
  const g = await requestGpu();
  if (!g.ok) throw new Error(g.reason);
  const gpu: GpuContext = g.gpu;
  // bench/index.html?only=skewed (npm run bench -- --skewed): that row alone.
  const only = new URLSearchParams(location.search).get('only');
  if (only === 'skewed') return { skewed: await skewedBatch(gpu) };
  // bench/index.html?only=roofline (npm run bench -- --roofline): the roofline alone.
  if (only === 'roofline') return { roofline: await roofline(gpu) };
  // bench/index.html?only=commands (npm run bench -- --commands): the commands per step and the model.
  if (only === 'commands') return { commands: await stepCommands(gpu) };
  const tfjsBackend = await tfjsReady();
  const rows: BenchRow[] = [];
  const status = document.getElementById('out')!;
  const measure = async (size: string, engine: string, lanes: number, s: Stepper, seconds: number) => {
    status.textContent = `timing ${engine}, ${size}, ${lanes} lane(s)…`;
    const t = await time(s, seconds);
    const row = { size, engine, lanes, stepsPerSecond: t.steps / t.seconds, ...t };
    rows.push(row);
    return row;
  };
  const profiles: BenchResult['profiles'] = [];
  /** Runs f on a GPU engine for `data`; at medium size also profiles its stages (once per lane count). */
  const withGpu = async (data: RunData, f: (e: GpuEngine) => Promise<unknown>) => {
    const e = await GpuEngine.create(data, gpu);
    await f(e);
    const lanes = data.config.lanes.length;
    if (data.config.rows === SIZES.medium.rows && !profiles.some((p) => p.lanes === lanes))
      profiles.push({ lanes, ms: await e.profile(4) });
    e.destroy();
  };

  // The baseline computes the same thing: a few SGD steps agree with the CPU engine's.
  const check = prepareRun(configFor('small', SGD_ONLY));
  const tfCheck = new TfjsTokenRegression(check, 'sgd', SGD_ONLY[0].lr);
  const cpuCheck = new CpuEngine(check);
  tfCheck.steps(3);
  cpuCheck.steps(3);
  const tfjsAgreement = compare(await tfCheck.readTable(), cpuCheck.tables[0]).normRel;
  tfCheck.dispose();

  let tfMedium = 0;
  let oursMedium = 0;
  let gpu5Medium = 0;
  let cpu5Medium = 0;
  for (const size of Object.keys(SIZES) as Size[]) {
    const sgd = prepareRun(configFor(size, SGD_ONLY));
    await withGpu(sgd, async (e) => {
      const r = await measure(size, 'this engine (WebGPU)', 1, gpuStepper(e), 3);
      if (size === 'medium') oursMedium = r.stepsPerSecond;
    });
    const tf = new TfjsTokenRegression(sgd, 'sgd', SGD_ONLY[0].lr);
    const r = await measure(
      size,
      'TensorFlow.js (WebGPU), tf.train.sgd',
      1,
      { steps: (n) => tf.steps(n), finish: () => tf.finish() },
      3,
    );
    if (size === 'medium') tfMedium = r.stepsPerSecond;
    tf.dispose();
    if (size === 'medium') {
      const adagrad = new TfjsTokenRegression(sgd, 'adagrad', 0.1);
      await measure(
        size,
        'TensorFlow.js (WebGPU), tf.train.adagrad',
        1,
        { steps: (n) => adagrad.steps(n), finish: () => adagrad.finish() },
        3,
      );
      adagrad.dispose();
    }
    const five = prepareRun(configFor(size, DEFAULT_LANES));
    await withGpu(five, async (e) => {
      const r = await measure(size, 'this engine (WebGPU)', 5, gpuStepper(e), 3);
      if (size === 'medium') gpu5Medium = r.stepsPerSecond;
    });
    const cpu = new CpuEngine(five);
    const c = await measure(size, 'JavaScript Float32 step (CPU engine)', 5, cpuStepper(cpu), 3);
    if (size === 'medium') cpu5Medium = c.stepsPerSecond;
  }
  // The other kernel path on this adapter (KERNEL_PATHS: GPUs and software adapters each get the faster).
  for (const [path, kernels] of Object.entries(KERNEL_PATHS))
    if (path !== pathOf(gpu)) {
      const e = await GpuEngine.create(prepareRun(configFor('medium', DEFAULT_LANES)), { ...gpu, ...kernels });
      await measure('medium', `this engine (WebGPU), ${path} path`, 5, gpuStepper(e), 3);
      e.destroy();
    }

  // 40 lanes (5 optimizers × 8 learning rates) against 1 lane, medium size, timed back to back so
  // both see the same machine state.
  let one = 0;
  let forty = 0;
  await withGpu(prepareRun(configFor('medium', SGD_ONLY)), async (e) => {
    one = (await measure('medium', 'this engine (WebGPU), before 40 lanes', 1, gpuStepper(e), 4)).stepsPerSecond;
  });
  await withGpu(prepareRun(configFor('medium', FORTY_LANES)), async (e) => {
    forty = (await measure('medium', 'this engine (WebGPU)', 40, gpuStepper(e), 4)).stepsPerSecond;
  });

  // Parsing a 1M-line interaction log (generated: Zipf users and items, ratings, timestamps).
  status.textContent = 'parsing a 1M-line interaction log…';
  const log = sampleLog({ users: 100_000, items: 50_000, interactions: 1_000_000, seed: 1 });
  const t0 = performance.now();
  const parsed = parseInteractions(log, { malformed: 'skip', duplicates: 'keep' });
  const parseSeconds = (performance.now() - t0) / 1000;
  if (!parsed.ok) throw new Error(parsed.error);
  const parse = { lines: 1_000_000, megabytes: log.length / 2 ** 20, linesPerSecond: 1_000_000 / parseSeconds };

  // Reading a 1M-word text into skip-gram pairs.
  status.textContent = 'reading a 1M-word text…';
  const words = sampleText(1_000_000);
  const t1 = performance.now();
  const corpus = parseText(words, DEFAULT_TEXT_OPTIONS);
  if (!corpus.ok) throw new Error(corpus.error);
  const text = {
    words: 1_000_000,
    megabytes: words.length / 2 ** 20,
    wordsPerSecond: 1_000_000 / ((performance.now() - t1) / 1000),
  };

  // Training on the sample log (rated pairs from the GPU's training split), 5 lanes.
  const sample = parseInteractions(sampleLog(SAMPLE_LOG), { malformed: 'skip', duplicates: 'keep' });
  if (!sample.ok) throw new Error(sample.error);
  const pairs = logPairs(sample.log);
  const onLog = prepareRun(
    {
      ...PRESETS.data.config,
      rows: pairs.rows,
      items: pairs.items,
      data: dataRef(pairs, 'log', 'sample log'),
    },
    pairs,
  );
  await withGpu(onLog, (e) => measure('sample log', 'this engine (WebGPU)', 5, gpuStepper(e), 3));
  await measure('sample log', 'JavaScript Float32 step (CPU engine)', 5, cpuStepper(new CpuEngine(onLog)), 3);
  const skewed = await skewedBatch(gpu);
  const lines = await roofline(gpu);
  const commands = await stepCommands(gpu);

  return {
    adapter: gpu.description,
    tfjsBackend,
    userAgent: navigator.userAgent,
    workload: 'token regression, Zipf 1.1 token ids, same batches (alias sampler, counter-based RNG)',
    tfjsAgreement,
    rows,
    profiles,
    parse,
    text,
    ratioVsTfjs: oursMedium / tfMedium,
    ratioVsJsCpu: gpu5Medium / cpu5Medium,
    lanes40CostVs1: one / forty,
    skewed,
    roofline: lines,
    commands,
  };
}

const out = document.getElementById('out')!;
main().then(
  (r) => {
    out.textContent = JSON.stringify(r, null, 2);
    (window as unknown as { benchResult: typeof r }).benchResult = r;
  },
  (e: unknown) => {
    out.textContent = `failed: ${String(e)}`;
    (window as unknown as { benchError: string }).benchError = String(e);
  },
);
