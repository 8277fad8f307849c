// Every lesson's answer is what its run shows: each lesson's configuration runs to its stop step
// on the Float32 CPU engine (whose steps match the GPU's; see src/engine/cpu/cpuEngine.test.ts)
// and the claim of its "look at" text is checked.

import { describe, expect, test } from 'vitest';
import { CpuEngine } from '../engine/cpu/cpuEngine.ts';
import type { MetricsSnapshot } from '../engine/types.ts';
import { logSlope } from './analysis.ts';
import { controlsFromFields } from './fields.ts';
import { defaultForm, formConfig, formErrors } from './form.ts';
import { lessonEnd, LESSONS, type Lesson } from './lessons.ts';
import { pointOf } from './series.ts';
import type { Fields } from './fields.ts';
import { prepareRun } from '../engine/workloads/registry.ts';

/** Runs a lesson to its stop step; metrics at step 10, 50 and the end, by optimizer. */
async function runLesson(lesson: Lesson, fields: Fields = {}) {
  const form = defaultForm(lesson.preset, lesson.id);
  Object.assign(form.fields, fields);
  expect(formErrors(form)).toEqual({});
  const config = formConfig(form);
  const data = prepareRun(config);
  const engine = new CpuEngine(data);
  const stopAt = controlsFromFields(form.fields).controls.stopAt!;
  const at: Record<number, MetricsSnapshot> = {};
  for (const step of [10, 50, stopAt]) {
    engine.steps(step - engine.stepCount);
    at[step] = await engine.recordMetrics();
  }
  const lane = (name: string) => config.lanes.findIndex((l) => l.optimizer === name);
  const end = at[stopAt];
  // The facts the page computes its words from, as the store would hold them at the stop.
  const facts = {
    config,
    end: lessonEnd(
      config,
      [at[10], end].map((snapshot) => pointOf({ snapshot, stepsPerSecond: 0, diverged: [] })),
      config.lanes.map(() => null),
      Array.from(data.effRows, (k) => data.rowFreq[k]),
      { effStep: end.lanes.map((l) => Array.from(l.effStep)), counts: Array.from(end.effCounts) },
    ),
  };
  return { config, data, at, end, lane, facts, said: lesson.lookAt(facts) };
}

const byId = (id: string) => LESSONS.find((l) => l.id === id)!;

describe('lessons', () => {
  test('ids are unique and every answer is one of the choices', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) expect(l.answer).toBeLessThan(l.choices.length);
  });

  test('uniform: SGD and FA-SGD tie exactly; CF-SGD is close', async () => {
    const { end, lane } = await runLesson(byId('uniform-no-gap'));
    const [sgd, fa, cf] = ['sgd', 'fasgd', 'cfsgd'].map((o) => end.lanes[lane(o)].excess);
    expect(fa).toBe(sgd);
    expect(Math.abs(cf / sgd - 1)).toBeLessThan(0.1);
  });

  test('Zipf under SGD: the tail falls slowest', async () => {
    const { at, end } = await runLesson(byId('tail-starves'));
    const drop = [0, 1, 2].map((b) => end.lanes[0].buckets[b] / at[10].lanes[0].buckets[b]);
    expect(drop[2]).toBeGreaterThan(drop[1]);
    expect(drop[2]).toBeGreaterThan(drop[0]);
    expect(drop[2]).toBeGreaterThan(0.8); // the tail barely moves
  });

  test('FA-SGD and CF-SGD end at least 30% below SGD', async () => {
    const { end, lane } = await runLesson(byId('fasgd-closes-gap'));
    const [sgd, fa, cf] = ['sgd', 'fasgd', 'cfsgd'].map((o) => end.lanes[lane(o)].excess);
    expect(fa).toBeLessThan(0.7 * sgd);
    expect(cf).toBeLessThan(0.7 * sgd);
  });

  test("Adagrad's effective step falls with frequency; SGD's is flat", async () => {
    const { data, end, lane } = await runLesson(byId('adagrad-hidden-frequency'));
    const seen = Array.from(data.effRows.keys()).filter((r) => end.effCounts[r] > 0);
    const slope = (l: number) =>
      logSlope(
        seen.map((r) => data.rowFreq[data.effRows[r]]),
        seen.map((r) => end.lanes[l].effStep[r]),
      );
    expect(slope(lane('sgd'))).toBeCloseTo(0, 9);
    expect(slope(lane('adagradRow'))).toBeLessThan(-0.2);
    expect(slope(lane('fasgd'))).toBeLessThan(-0.2);
  });

  test('a cap of 1000 makes FA-SGD diverge while SGD learns', async () => {
    const { at, end, lane } = await runLesson(byId('boost-diverges'));
    const fa = lane('fasgd');
    expect(end.lanes[fa].excess).toBeGreaterThan(at[50].lanes[fa].excess);
    expect(end.lanes[fa].excess).toBeGreaterThan(end.lanes[lane('sgd')].excess);
    expect(end.lanes[lane('sgd')].excess).toBeLessThan(at[50].lanes[lane('sgd')].excess);
  });

  test('the words are computed: the setup follows the configuration, the answer the run', async () => {
    const tail = byId('tail-starves');
    const { facts, said } = await runLesson(tail);
    // Zipf 1.1, 10,000 tokens, B 1024: the tail gets a gradient every 13 to 162 steps.
    expect(said).toContain('once every 13 to 162 steps');
    expect(tail.setup(facts)).toMatch(
      /the top 1% of tokens get 65% of the samples, the tail \(the other 90%\) shares 16%/,
    );
    const steeper = await runLesson(tail, { 'tokens.s': '1.5', batch: '256' });
    expect(tail.setup(steeper.facts)).toMatch(/Zipf’s law \(s = 1\.5\): the top 1% of tokens get 9\d% of the samples/);
    expect(steeper.said).not.toContain('once every 13 to 162 steps');
    const gap = await runLesson(byId('fasgd-closes-gap'));
    const e = gap.end.lanes.map((l) => l.excess);
    expect(gap.said).toContain(
      `FA-SGD ends ${Math.round(100 * (1 - e[gap.lane('fasgd')] / e[gap.lane('sgd')]))}% below SGD`,
    );
  });

  test('Adagrad’s slope: near −½ when label noise dominates (σ = 1), shallower at σ = 0.1, and the words say which', async () => {
    const lesson = byId('adagrad-hidden-frequency');
    const quiet = await runLesson(lesson);
    const noisy = await runLesson(lesson, { noise: '1' });
    const slope = (r: typeof quiet) => r.facts.end!.slopes[r.lane('adagradRow')];
    expect(slope(noisy)).toBeGreaterThan(-0.6);
    expect(slope(noisy)).toBeLessThan(-0.4);
    expect(slope(quiet)).toBeGreaterThan(-0.4);
    expect(noisy.said).toContain(`fitted slope here is ${(+slope(noisy).toPrecision(3)).toString().replace('-', '−')}`);
    expect(noisy.said).toContain('close to −½');
    expect(quiet.said).toContain('shallower than −½');
  });
});
