// npm run bench: serves the built site, opens bench.html in headless Chromium (WebGPU on whatever
// adapter the machine offers: SwiftShader where there is no GPU), prints the table, writes
// docs/benchmarks.md and ends with the ratio lines. A benchmark, not a test: it asserts nothing.

import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from 'playwright';
import { preview } from 'vite';
import { chromiumPath, webgpuArgs } from '../chromium.js';

const server = await preview({ preview: { port: 4175, strictPort: true }, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: webgpuArgs });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto('http://localhost:4175/bench.html');
  await page.waitForFunction(() => 'benchResult' in window || 'benchError' in window, null, { timeout: 600_000 });
  const error = await page.evaluate(() => /** @type {any} */ (window).benchError);
  if (error) throw new Error(error);
  /** @type {{ adapter: string, userAgent: string, config: string, uniqueRowsPerStep: number, ratioVsJsCpu: number, rows: { name: string, engine: string, stepsPerSecond: number, rowUpdatesPerSecond: number, steps: number, seconds: number }[] }} */
  const r = await page.evaluate(() => /** @type {any} */ (window).benchResult);

  const fmt = (/** @type {number} */ x) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));
  const lines = [
    `| workload | engine | steps/s | row updates/s | steps timed | seconds |`,
    `|---|---|---|---|---|---|`,
    ...r.rows.map(
      (row) =>
        `| ${row.name} | ${row.engine} | ${fmt(row.stepsPerSecond)} | ${fmt(row.rowUpdatesPerSecond)} | ${row.steps} | ${row.seconds.toFixed(1)} |`,
    ),
  ];
  const date = new Date().toISOString().slice(0, 10);
  const md = [
    '# Benchmarks',
    '',
    'Written by `npm run bench`. Ratios compare engines run in the same page on the same machine;',
    'absolute times on the SwiftShader software adapter (machines without a GPU) say little about',
    "users' GPUs.",
    '',
    `- date: ${date}`,
    `- machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()}`,
    `- browser: ${r.userAgent}`,
    `- adapter: ${r.adapter}`,
    `- workload: ${r.config}; ${r.uniqueRowsPerStep.toFixed(0)} unique rows per step (row updates/s = steps/s × unique rows × lanes)`,
    '',
    ...lines,
    '',
    `ratio_vs_jscpu=${r.ratioVsJsCpu.toFixed(3)} (WebGPU engine steps/s over the JavaScript Float32 step's, 5 lanes)`,
    '',
  ].join('\n');
  writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), md);
  console.log(lines.join('\n'));
  console.log(`adapter: ${r.adapter}`);
  console.log(`ratio_vs_jscpu=${r.ratioVsJsCpu.toFixed(3)}`);
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
