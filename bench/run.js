// npm run bench: serves the built site, opens bench/index.html in headless Chromium (WebGPU on
// whatever adapter the machine offers: SwiftShader where there is no GPU), then the app itself to
// count its main-thread long tasks during a default run, and runs the engine's figures under Deno
// (deno.ts). Prints the tables, writes docs/benchmarks.md and ends with the ratio lines. A
// benchmark, not a test: it asserts nothing. `-- --app`, `--commands`, `--deno`, … run one part.

import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from 'playwright';
import { preview } from 'vite';
import { chromiumPath, noWebgpuArgs, webgpuArgs } from '../chromium.js';
import { runDeno } from '../scripts/deno.js';

const PORT = Number(process.env.BENCH_PORT ?? 4175);
/** Seconds the app runs its default preset while long tasks are recorded. */
const APP_SECONDS = 30;

/** @typedef {import('./result.ts').BenchResult} BenchResult */

/** @param {import('playwright').Browser} browser @returns {Promise<BenchResult>} */
async function enginePage(browser, query = '') {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://localhost:${PORT}/bench/index.html${query}`);
  await page.waitForFunction(() => 'benchResult' in window || 'benchError' in window, null, { timeout: 1_800_000 });
  const error = await page.evaluate(() => /** @type {any} */ (window).benchError);
  if (error) throw new Error(error);
  const r = await page.evaluate(() => /** @type {any} */ (window).benchResult);
  await page.close();
  return r;
}

/**
 * The app's main-thread tasks over 50 ms (PerformanceObserver 'longtask') while it runs its default
 * preset for APP_SECONDS, and the steps it made.
 * @param {import('playwright').Browser} browser
 */
async function appLongTasks(browser, hash = '#v=4&stopAt=') {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`http://localhost:${PORT}/${hash}`);
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  await page.waitForTimeout(1000); // page load tasks are not the run's
  const runStart = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.longTasks.length = 0;
    return performance.now();
  });
  // A trace of the run's tasks (category 'toplevel', cheap): each task's wall time and its thread's
  // CPU time within it. Where the adapter is the CPU (SwiftShader), training takes both cores, and
  // a task's wall time includes the time its thread waited for one.
  await browser.startTracing(page, { categories: ['toplevel'] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForTimeout(APP_SECONDS * 1000);
  // The run's tasks only (not those of stopping the trace, which come after).
  const tasks = /** @type {{ start: number, duration: number }[]} */ (
    await page.evaluate(() => /** @type {any} */ (window).longTasks)
  ).filter((t) => t.start < runStart + APP_SECONDS * 1000);
  const cpu = mainThreadCpu(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
  const longest = tasks.reduce((a, t) => (t.duration > a.duration ? t : a), { start: runStart, duration: 0 });
  // src/ui/chart/frameQueue.ts: one measure per chart redraw, from its turn to its commit; the run's only.
  const commits = /** @type {number[]} */ (
    await page.evaluate(
      (since) =>
        performance
          .getEntriesByName('chart-commit')
          .filter((e) => e.startTime >= since)
          .map((e) => e.duration),
      runStart,
    )
  ).sort((a, b) => a - b);
  const step = Number(await page.getByTestId('step').textContent());
  await page.close();
  const quantile = (/** @type {number} */ q) =>
    commits[Math.min(commits.length - 1, Math.floor(q * commits.length))] ?? 0;
  return {
    ...cpu,
    count: tasks.length,
    max: longest.duration,
    maxAt: (longest.start - runStart) / 1000,
    total: tasks.reduce((a, t) => a + t.duration, 0),
    step,
    commits: commits.length,
    median: quantile(0.5),
    p95: quantile(0.95),
  };
}

/**
 * From a trace, the renderer main thread's tasks: their wall and CPU time in all (ms), how many
 * took over 50 ms of wall time, and of those how many took over 50 ms of CPU time and the most
 * CPU time any took.
 * @param {{ name: string, ph: string, pid: number, tid: number, dur?: number, tdur?: number, args?: any }[]} events
 */
function mainThreadCpu(events) {
  const tasksOf = (/** @type {{ pid: number, tid: number }} */ t) =>
    events.filter(
      (e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask',
    );
  // The page's renderer: of the threads named CrRendererMain, the one with the most tasks.
  const main =
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map(tasksOf)
      .sort((a, b) => b.length - a.length)[0] ?? [];
  const long = main.filter((e) => (e.dur ?? 0) > 50_000);
  const cpuMs = long.map((e) => (e.tdur ?? 0) / 1000);
  const sum = (/** @type {number[]} */ xs) => xs.reduce((a, x) => a + x, 0) / 1000;
  return {
    wallMs: sum(main.map((e) => e.dur ?? 0)),
    cpuMs: sum(main.map((e) => e.tdur ?? 0)),
    traced: long.length,
    overCpu: cpuMs.filter((ms) => ms > 50).length,
    maxCpu: Math.max(0, ...cpuMs),
  };
}

/**
 * Time to the first curve: from opening the page to its first recorded point, and from Run to it
 * (Run pressed as soon as it is shown), in ms. `browser` decides the path: WebGPU or, launched
 * without WebGPU, the CPU engine.
 * @param {import('playwright').Browser} browser
 */
async function firstCurve(browser, hash = '#v=4') {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${PORT}/${hash}`);
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.waitFor();
  await run.click();
  const clicked = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => /** @type {any} */ (globalThis).playground.getState().points.length > 0, null, {
    timeout: 600_000,
  });
  const first = await page.evaluate(() => performance.now());
  await page.close();
  return { open: first, run: first - clicked };
}

/** Time to first curve on both paths, at the default preset and at 1M rows. */
async function firstCurves() {
  /** @type {string[]} */
  const lines = [];
  for (const [path, args] of [
    ['WebGPU', webgpuArgs],
    ['CPU engine (no WebGPU)', noWebgpuArgs],
  ])
    for (const [what, hash] of [
      ['default preset', '#v=4'],
      ['1M rows', '#v=4&rows=1000000'],
    ]) {
      const b = await chromium.launch({ executablePath: chromiumPath, args: /** @type {string[]} */ (args) });
      const t = await firstCurve(b, hash);
      await b.close();
      lines.push(
        `time to first curve, ${path}, ${what}: ${(t.open / 1000).toFixed(2)} s from opening the page, ${(t.run / 1000).toFixed(2)} s from Run`,
      );
    }
  return lines;
}

/** @param {Awaited<ReturnType<typeof appLongTasks>>} app @param {string} what */
const appLine = (app, what = 'default preset') =>
  `app, ${what}, ${APP_SECONDS} s of running (${app.step} steps): ${app.count} main-thread tasks over 50 ms, longest ${app.max.toFixed(0)} ms (${app.maxAt.toFixed(1)} s after Run), ${(app.total / 1000).toFixed(1)} s in all; ` +
  `traced: the main thread busy ${(app.wallMs / 1000).toFixed(1)} s of wall time and ${(app.cpuMs / 1000).toFixed(1)} s of its CPU time, ` +
  `${app.traced} tasks over 50 ms of wall time` +
  (app.traced
    ? `, of which ${app.overCpu} took over 50 ms of CPU time (the most CPU: ${app.maxCpu.toFixed(0)} ms); `
    : '; ') +
  `chart redraws ${app.commits} (from a chart's turn to its commit, React's slices of other work included): median ${app.median.toFixed(1)} ms, 95th percentile ${app.p95.toFixed(1)} ms`;

/** The byte formulas of bench/roofline.ts, for the document. */
const ROOFLINE_FORMULAS = [
  'Minimal bytes per step (bench/roofline.ts; L lanes, B samples, d dimension, O occurrences, U unique rows, P sort passes; 4-byte words):',
  '',
  '- sampleBatch: 16·O (two alias entries read, a pair written) + 8·B·d (teacher row read, context written) + 4·B (label)',
  '- forward: 4·L·B·d (table rows) + 4·B·d + 4·B (context, label) + 4·L·B (coefficients) + 12·O (pairs read, rows copied)',
  '- radixSort: 16·O·P (every pass reads and writes every pair)',
  '- countRows: 8·O + 12·U',
  '- reduceRows: 8·O + L·O·(4 + 4·d) (coefficient and context per occurrence) + 4·L·U·d (sums written)',
  '- optimizerStep: 12·U + 12·L·U·d (sum read, table row read and written) + 8·U per row-wise Adagrad lane + 8·U·d per coordinate-wise one',
].join('\n');

/**
 * Commands per step on each kernel path, and the step-time model's estimate, as markdown; then the
 * key=value lines of the GPU path (the hardware one) and the software path, medium size.
 * @param {import('./result.ts').CommandsResult} r
 */
function commandLines({ path, model, rows }) {
  const at = (/** @type {string} */ p) => rows.find((c) => c.path === p && c.size === 'medium');
  const [gpu, software] = [at('hardware'), at('software')];
  const table = [
    `Commands a step asks of the GPU, counted by wrapping the device's encoders (32 steps), on each kernel path (this adapter's: ${path}); 5 lanes. The step-time model: the minimal bytes (roofline formulas) at ${model.gigabytesPerSecond} GB/s plus ${model.launchMicroseconds} µs per dispatch, twice for an indirect one (Dawn and wgpu validate its grid with a dispatch of their own).`,
    '',
    '| path | size | dispatches | indirect | submits | minimal bytes | model µs | model steps/s |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (c) =>
        `| ${c.path} | ${c.size} | ${+c.dispatches.toFixed(2)} | ${+c.indirect.toFixed(2)} | ${c.submits.toFixed(3)} | ${(c.bytes / 1e6).toFixed(2)} MB | ${c.modelMicroseconds.toFixed(0)} | ${Math.round(1e6 / c.modelMicroseconds).toLocaleString('en-US')} |`,
    ),
  ];
  const keys = [
    ...[
      ['gpu', gpu],
      ['software', software],
    ].flatMap(([name, c]) =>
      c && typeof c === 'object'
        ? [
            `dispatches_per_step_${name}=${+c.dispatches.toFixed(2)}`,
            `indirect_per_step_${name}=${+c.indirect.toFixed(2)}`,
            `submits_per_step_${name}=${c.submits.toFixed(3)}`,
            `model_step_us_${name}=${c.modelMicroseconds.toFixed(1)}`,
          ]
        : [],
    ),
  ];
  return { table, keys };
}

/** The Deno figures (bench/deno.ts): its lines, and of those its key=value ones; or why there are none. */
function denoLines() {
  const r = runDeno('bench/deno.ts', [], 'pipe');
  const lines = r.stdout.trimEnd().split('\n');
  if (r.status !== 0)
    return { lines: [`Deno figures: not run (${lines.at(-1) || `deno exited with ${r.status}`})`], keys: [] };
  const key = (/** @type {string} */ l) => /^\w+=/.test(l);
  return { lines: lines.filter((l) => !key(l)), keys: lines.filter(key) };
}

/** @param {import('./result.ts').SkewedResult} s */
const skewedLine = (s) =>
  `skewed large batch (Zipf 1.5, N 100k, d 32, B 65,536, SGD, 1 lane): ${s.stepsPerSecond.toPrecision(3)} steps/s; GPU ms per step: ` +
  (s.ms
    ? Object.entries(s.ms)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ')
    : '(no timestamp queries)');

/**
 * The roofline as markdown: per configuration and stage the bandwidth achieved (minimal bytes over
 * GPU time) and its fraction of a copy kernel's.
 * @param {import('./result.ts').RooflineResult} r
 */
function rooflineLines(r) {
  const stages = Object.keys(r.rows[0]?.ms ?? {});
  const cell = (/** @type {number} */ bytes, /** @type {number} */ ms) => {
    const gbs = bytes / ms / 1e6;
    return `${gbs.toPrecision(2)} (${(gbs / r.copyGBs).toFixed(2)})`;
  };
  const sum = (/** @type {Record<string, number>} */ o) => Object.values(o).reduce((a, b) => a + b, 0);
  const cpuGBs = (r.cpu.bytesPerStep * r.cpu.stepsPerSecond) / 1e9;
  return [
    `Copy kernel: ${r.copyGBs.toPrecision(3)} GB/s on this adapter. Each cell: GB/s of the stage's minimal bytes (docs/benchmarks.md, formulas) over its GPU time, and in brackets that over the copy's.`,
    '',
    `| size | lanes | U | ${stages.join(' | ')} | whole step |`,
    `|---|---|---|${stages.map(() => '---').join('|')}|---|`,
    ...r.rows.map(
      (row) =>
        `| ${row.size} | ${row.lanes} | ${row.unique.toLocaleString('en-US')} | ${stages.map((s) => cell(row.bytes[s], row.ms[s])).join(' | ')} | ${cell(sum(row.bytes), sum(row.ms))} |`,
    ),
    ...r.skipped.map((s) => `- left out: ${s}`),
    '',
    `CPU engine (medium, 5 lanes, its thread): ${r.cpu.stepsPerSecond.toPrecision(3)} steps/s × ${(r.cpu.bytesPerStep / 2 ** 20).toFixed(1)} MiB minimal bytes = ${cpuGBs.toPrecision(2)} GB/s, ${(cpuGBs / r.cpu.copyGBs).toFixed(3)} of a typed-array copy's ${r.cpu.copyGBs.toPrecision(3)} GB/s.`,
  ];
}

const server = await preview({ preview: { port: PORT, strictPort: true }, logLevel: 'warn' });
let browser = await chromium.launch({ executablePath: chromiumPath, args: webgpuArgs });
try {
  // `npm run bench -- --app`: only the page's main thread (prints, writes nothing).
  // The second run paces training to 20 steps/s, so the adapter (SwiftShader: the CPU) leaves the
  // page's main thread alone: what remains is the page's own cost.
  if (process.argv.includes('--skewed')) console.log(skewedLine((await enginePage(browser, '?only=skewed')).skewed));
  else if (process.argv.includes('--first-curve')) console.log((await firstCurves()).join('\n'));
  else if (process.argv.includes('--roofline')) {
    const { roofline } = await enginePage(browser, '?only=roofline');
    console.log(
      [...rooflineLines(roofline), `step_bandwidth_fraction=${roofline.stepBandwidthFraction.toFixed(3)}`].join('\n'),
    );
  } else if (process.argv.includes('--commands')) {
    const { table, keys } = commandLines((await enginePage(browser, '?only=commands')).commands);
    console.log([...table, ...keys].join('\n'));
  } else if (process.argv.includes('--deno')) {
    const { lines, keys } = denoLines();
    console.log([...lines, ...keys].join('\n'));
  } else if (process.argv.includes('--app')) {
    console.log(appLine(await appLongTasks(browser)));
    console.log(appLine(await appLongTasks(browser, '#v=4&stopAt=&pace=20'), 'default preset at 20 steps/s'));
  } else await fullBench();
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}

async function fullBench() {
  const r = await enginePage(browser);
  // A fresh browser for the app, so nothing of the engine page (memory, GPU work) is left over.
  await browser.close();
  browser = await chromium.launch({ executablePath: chromiumPath, args: webgpuArgs });
  const app = await appLongTasks(browser);
  const paced = await appLongTasks(browser, '#v=4&stopAt=&pace=20');
  const curves = await firstCurves();
  const deno = denoLines();
  const commands = commandLines(r.commands);

  const fmt = (/** @type {number} */ x) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));
  const lines = [
    `| size | engine | lanes | steps/s | steps timed | seconds |`,
    `|---|---|---|---|---|---|`,
    ...r.rows.map(
      (row) =>
        `| ${row.size} | ${row.engine} | ${row.lanes} | ${fmt(row.stepsPerSecond)} | ${row.steps} | ${row.seconds.toFixed(1)} |`,
    ),
  ];
  const stages = Object.keys(r.profiles.find((p) => p.ms)?.ms ?? {});
  const profile = stages.length
    ? [
        `| lanes | ${stages.join(' | ')} | total |`,
        `|---|${stages.map(() => '---').join('|')}|---|`,
        ...r.profiles.map((p) => {
          const ms = p.ms ?? {};
          const total = Object.values(ms).reduce((a, b) => a + b, 0);
          return `| ${p.lanes} | ${stages.map((s) => ms[s].toFixed(2)).join(' | ')} | ${total.toFixed(2)} |`;
        }),
      ]
    : ['(no timestamp queries on this adapter)'];
  const ratios = [
    `ratio_vs_tfjs=${r.ratioVsTfjs.toFixed(1)}`,
    `ratio_vs_jscpu=${r.ratioVsJsCpu.toFixed(3)}`,
    `lanes40_cost_vs_1=${r.lanes40CostVs1.toFixed(2)}`,
    `step_bandwidth_fraction=${r.roofline.stepBandwidthFraction.toFixed(3)}`,
    ...commands.keys,
    ...deno.keys,
  ];
  const longTasks = `${appLine(app)}\n- ${appLine(paced, 'default preset at 20 steps/s (little adapter load)')}`;
  const parseLine = `interaction-log parsing (main thread of the page): ${r.parse.lines.toLocaleString('en-US')} lines (${r.parse.megabytes.toFixed(0)} MB) at ${Math.round(r.parse.linesPerSecond).toLocaleString('en-US')} lines/s`;
  const textLine = `text reading (segmentation, vocabulary, skip-gram pairs; main thread of the page): ${r.text.words.toLocaleString('en-US')} words (${r.text.megabytes.toFixed(0)} MB) at ${Math.round(r.text.wordsPerSecond).toLocaleString('en-US')} words/s`;
  const date = new Date().toISOString().slice(0, 10);
  const md = [
    '# Benchmarks',
    '',
    'Written by `npm run bench`. Every figure comes from one run, in one page, on one adapter; ratios',
    "compare engines on the same machine. Absolute times on the SwiftShader software adapter (machines without a GPU) say little about users' GPUs.",
    '',
    `- date: ${date}`,
    `- machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()}`,
    `- browser: ${r.userAgent}`,
    `- adapter: ${r.adapter} (TensorFlow.js backend: ${r.tfjsBackend})`,
    `- workload: ${r.workload}; sizes small N 10k d 16 B 1024, medium N 100k d 32 B 4096, large N 1M d 32 B 4096; "sample log": matrix factorisation of the page's sample log (2,000 users × 1,000 items, 200,000 rated pairs, 10% held out), d 16 B 1024`,
    `- TensorFlow.js computes the same thing: after 3 SGD steps its table differs from the CPU engine's by ${r.tfjsAgreement.toExponential(1)} (normwise relative)`,
    '',
    ...lines,
    '',
    'GPU milliseconds per step by stage (timestamp queries, each stage its own pass), medium size:',
    '',
    ...profile,
    '',
    `- ${longTasks}`,
    `- ${parseLine}`,
    `- ${textLine}`,
    `- ${skewedLine(r.skewed)}`,
    ...curves.map((l) => `- ${l}`),
    '',
    '## Roofline',
    '',
    ...rooflineLines(r.roofline),
    '',
    ROOFLINE_FORMULAS,
    '',
    '## What a step costs a real GPU',
    '',
    ...commands.table,
    '',
    '## The engine on a second WebGPU implementation',
    '',
    'Deno (wgpu + naga, what Firefox ships) on the adapter Vulkan offers here (`bench/deno.ts`; on machines without a GPU, Mesa’s lavapipe, a CPU driver), 3 s per figure:',
    '',
    ...deno.lines,
    '',
    '```',
    ...ratios,
    '```',
    '',
    '- ratio_vs_tfjs: this engine’s steps/s over TensorFlow.js’s, SGD, 1 lane, medium size.',
    '- ratio_vs_jscpu: this engine’s steps/s over the JavaScript Float32 step’s, 5 lanes (one per optimizer), medium size.',
    '- lanes40_cost_vs_1: time per step with 40 lanes (5 optimizers × 8 learning rates) over time with 1 lane, medium size.',
    '- step_bandwidth_fraction: the whole step’s minimal bytes per second over the copy kernel’s, medium size, 5 lanes.',
    '- dispatches_per_step_gpu, indirect_per_step_gpu, submits_per_step_gpu: what a step asks of the GPU on the kernel path GPUs get (hardware), medium size, 5 lanes; model_step_us_gpu: the step-time model’s microseconds for it. The same with _software: the path software adapters get.',
    '- deno_ratio_vs_jscpu: ratio_vs_jscpu in Deno, on its adapter’s path.',
    '',
  ].join('\n');
  writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), md);
  console.log(lines.join('\n'));
  console.log(profile.join('\n'));
  console.log(`adapter: ${r.adapter}; TensorFlow.js agreement ${r.tfjsAgreement.toExponential(1)}`);
  console.log(longTasks);
  console.log(parseLine);
  console.log(textLine);
  console.log(skewedLine(r.skewed));
  console.log(curves.join('\n'));
  console.log(commands.table.join('\n'));
  console.log(deno.lines.join('\n'));
  console.log(ratios.join('\n'));
}
