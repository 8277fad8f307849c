// The exported PyTorch script against the playground's CPU engine: the same run gives the same CSV
// (1e-4 relative on every cell), the same token ids, and the same with two processes (1e-5).
// Runs Debian's /usr/bin/python3 with python3-torch (FASGD_PYTHON names another interpreter).

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { pythonPath } from '../../scripts/python.js';
import { IMPLICIT_DATA_RATES, PRESETS, seedRuns, type RunConfig } from '../engine/config.ts';
import { parseInteractions } from '../engine/input/interactions.ts';
import { dataRef, logPairs, type PairData } from '../engine/input/pairData.ts';
import { sampleLog } from '../engine/input/sampleLog.ts';
import { parseText } from '../engine/input/text.ts';
import { CpuEngine } from '../engine/cpu/cpuEngine.ts';
import { sampleStep } from '../engine/sampling/sampleStep.ts';
import { brownText } from '../engine/testing/brownCorpus.node.ts';
import { SeededEngine } from '../engine/seededEngine.ts';
import { Trainer } from '../engine/trainer.ts';
import type { MetricsSnapshot } from '../engine/types.ts';
import { prepareRun } from '../engine/workloads/registry.ts';
import { seriesCsv } from '../state/runRecord.ts';
import { pytorchScript, type ScriptOptions } from './pytorchScript.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'fasgd-pytorch-'));
const STEPS = 200;

/** The CSV the page exports for this run on the CPU engine (lane columns; no theory). */
async function appCsv(c: RunConfig, steps: number, pairs?: PairData): Promise<string> {
  const engines = seedRuns(c).map((s) => new CpuEngine(prepareRun(s, pairs)));
  const engine = c.seeds > 1 ? new SeededEngine(engines, c.lanes.length) : engines[0];
  const seen: MetricsSnapshot[] = [];
  await new Promise<void>((resolve, reject) => {
    const trainer = new Trainer(engine, c.metricsEvery, {
      metrics: (m) => seen.push(m),
      stopped: (reason, message) => (reason === 'error' ? reject(new Error(message)) : resolve()),
    });
    trainer.maxSteps = steps;
    trainer.start();
  });
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const points = seen.map((m) => ({
    step: m.step,
    excess: m.lanes.map((l) => finite(l.excess)),
    buckets: m.lanes.map((l) => l.buckets.map(finite) as [number | null, number | null, number | null]),
  }));
  return seriesCsv({ config: c, points });
}

/** Writes the script for c and runs it; returns its CSV. */
async function scriptCsv(name: string, c: RunConfig, args: string[] = [], o: Partial<ScriptOptions> = {}) {
  const file = join(dir, `${name}.py`);
  const out = join(dir, `${name}.csv`);
  writeFileSync(file, pytorchScript(c, { steps: STEPS, ...o }));
  await run(pythonPath, [file, '--out', out, ...args], { timeout: 240_000 });
  return readFileSync(out, 'utf8');
}

/** A data run's configuration on these pairs, as the page sets one up (implicit data: its rates). */
function dataRun(pairs: PairData, source: 'log' | 'text', name: string): RunConfig {
  const c = PRESETS.data.config;
  const lanes = pairs.y ? c.lanes : c.lanes.map((l) => ({ ...l, lr: IMPLICIT_DATA_RATES[l.optimizer] }));
  return { ...c, rows: pairs.rows, items: pairs.items, lanes, data: dataRef(pairs, source, name) };
}

const parse = (csv: string) =>
  csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

/** Every cell of b within `tol` relative of a's (empty cells alike); the same header and steps. */
function expectSameCsv(a: string, b: string, tol: number) {
  const [ha, ...ra] = parse(a);
  const [hb, ...rb] = parse(b);
  expect(hb).toEqual(ha);
  expect(rb.map((r) => r[0])).toEqual(ra.map((r) => r[0]));
  let worst = 0;
  ra.forEach((row, i) =>
    row.forEach((cell, j) => {
      const other = rb[i][j];
      if (cell === '' || other === '') return expect([i, j, other]).toEqual([i, j, cell]);
      const [x, y] = [Number(cell), Number(other)];
      worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-300));
    }),
  );
  expect(worst).toBeLessThanOrEqual(tol);
  return worst;
}

describe('exported PyTorch script', () => {
  test.each([
    ['token regression', PRESETS.zipf.config],
    ['matrix factorisation', PRESETS.mfZipf.config],
    ['CTR', PRESETS.ctr.config],
  ])('%s: its CSV after 200 steps is the CPU engine’s to 1e-4', async (name, c) => {
    const [app, script] = await Promise.all([appCsv(c, STEPS), scriptCsv(name.replaceAll(' ', '-'), c)]);
    console.log(name, expectSameCsv(app, script, 1e-4));
  });

  test('the rows it samples in the first steps are the playground’s, id for id', async () => {
    for (const c of [PRESETS.zipf.config, PRESETS.mfZipf.config, PRESETS.ctr.config]) {
      const tokens = join(dir, `tokens-${c.workload}.txt`);
      await scriptCsv(`tokens-${c.workload}`, c, ['--steps', '0', '--tokens-out', tokens]);
      const lines = readFileSync(tokens, 'utf8').trim().split('\n');
      const data = prepareRun(c);
      expect(lines.length).toBe(3);
      lines.forEach((line, i) => expect(line).toBe(Array.from(sampleStep(data, i + 1).rows).join(',')));
    }
  });

  test('several seeds, step-size schedules and more label noise: the same CSV', async () => {
    const c: RunConfig = {
      ...PRESETS.zipf.config,
      rows: 3000,
      batch: 512,
      noise: 0.3,
      seeds: 2,
      seed: 7,
      metricsEvery: 25,
      lanes: PRESETS.zipf.config.lanes.map((l, i) => (i % 2 ? { ...l, decay: 40 } : l)),
    };
    const [app, script] = await Promise.all([appCsv(c, STEPS), scriptCsv('seeds', c)]);
    expect(app).toContain('seed 8 excess loss');
    expectSameCsv(app, script, 1e-4);
  });

  test('two processes (gloo, torch.multiprocessing.spawn) give one process’s CSV to 1e-5', async () => {
    const c = { ...PRESETS.mfZipf.config, rows: 2000, items: 2000 };
    const [one, two] = await Promise.all([
      scriptCsv('world1', c, ['--steps', '100']),
      scriptCsv('world2', c, ['--steps', '100', '--world-size', '2']),
    ]);
    expectSameCsv(one, two, 1e-5);
  });

  test('a data run on a log: the app’s CSV from the same file, another file refused by fingerprint', async () => {
    const log = sampleLog({ users: 300, items: 200, interactions: 6000, seed: 3 });
    const parsed = parseInteractions(log, { malformed: 'skip', duplicates: 'keep' });
    if (!parsed.ok) throw new Error(parsed.error);
    const pairs = logPairs(parsed.log);
    const c = dataRun(pairs, 'log', 'sample.csv');
    const file = join(dir, 'sample.csv');
    writeFileSync(file, log);
    const [app, script] = await Promise.all([appCsv(c, STEPS, pairs), scriptCsv('log', c, ['--data', file])]);
    expectSameCsv(app, script, 1e-4);
    // The same log less its last line is other data.
    const other = join(dir, 'other.csv');
    writeFileSync(other, log.trimEnd().split('\n').slice(0, -1).join('\n'));
    const refused = await scriptCsv('log-other', c, ['--data', other]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('is not the data of this run') });
  });

  test('a data run on a text: the same words, pairs and CSV', async () => {
    const text = englishText(20_000);
    const parsed = parseText(text, { vocabulary: 800, window: 2, lowercase: true });
    if (!parsed.ok) throw new Error(parsed.error);
    const pairs = parsed.corpus.pairs;
    const c = dataRun(pairs, 'text', 'words.txt');
    const file = join(dir, 'words.txt');
    writeFileSync(file, text);
    const reading = { source: 'text', vocabulary: 800, window: 2, lowercase: true } as const;
    const [app, script] = await Promise.all([
      appCsv(c, STEPS, pairs),
      scriptCsv('text', c, ['--data', file], { reading }),
    ]);
    expectSameCsv(app, script, 1e-4);
    const refused = await scriptCsv('text-window', c, ['--data', file, '--window', '3'], { reading }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('window 3') });
  });

  test('real English (the Brown corpus): the script segments it into the page’s words, pairs and fingerprint', async () => {
    const text = brownText();
    const reading = { source: 'text', vocabulary: 5000, window: 1, lowercase: true } as const;
    const parsed = parseText(text, reading);
    if (!parsed.ok) throw new Error(parsed.error);
    const c = dataRun(parsed.corpus.pairs, 'text', 'brown.txt');
    const file = join(dir, 'brown.txt');
    writeFileSync(file, text);
    const [app, script] = await Promise.all([
      appCsv(c, 0, parsed.corpus.pairs),
      scriptCsv('brown', c, ['--data', file, '--steps', '0'], { reading }),
    ]);
    expectSameCsv(app, script, 1e-4);
  });
});

/**
 * English-like text of n words: Zipf-distributed words from a list with the cases word
 * segmentation treats specially (apostrophes, decimals, thousands, abbreviations, hyphens,
 * underscores, accents, Greek with a final sigma), punctuation and line breaks.
 */
function englishText(n: number): string {
  const special = [
    "don't",
    'it’s',
    '3.14',
    '1,000',
    'e.g.',
    'U.S.A.',
    'co-op',
    'foo_bar',
    'naïve',
    'Café',
    'ΟΔΟΣ',
    'x2',
    "dogs'",
    '—',
    '(see',
    'note)',
    'end.',
  ];
  const plain =
    'the of and to a in that is was he for it with as his on be at by had not are but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people mr how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(
      ' ',
    );
  const vocab = [...plain, ...special];
  const p = Array.from(vocab, (_, k) => 1 / (k + 1));
  const total = p.reduce((a, b) => a + b, 0);
  const out: string[] = [];
  let h = 12345;
  for (let i = 0; i < n; i++) {
    h = (Math.imul(h, 1103515245) + 12345) >>> 0;
    let u = (h / 2 ** 32) * total;
    let k = 0;
    while (u > p[k] && k < vocab.length - 1) u -= p[k++];
    out.push(i % 11 === 0 ? vocab[k].toUpperCase() : vocab[k]);
    if (i % 17 === 16) out.push(i % 34 === 33 ? '.\n' : ',');
  }
  return out.join(' ');
}
