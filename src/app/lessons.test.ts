// Every lesson's answer is what its run shows: each lesson's configuration runs to its stop step
// on the Float32 CPU engine (whose steps match the GPU's; see src/engine/cpu/cpuEngine.test.ts)
// and the claim of its "look at" text is checked.

import { describe, expect, test } from 'vitest';
import { CpuEngine } from '../engine/cpu/cpuEngine.ts';
import type { MetricsSnapshot } from '../engine/types.ts';
import { logSlope } from '../state/analysis.ts';
import { controlsFromFields } from '../state/fields.ts';
import { defaultForm, formConfig, formErrors } from '../state/form.ts';
import { LESSONS, type Lesson } from '../state/lessons.ts';
import { prepareRun } from '../engine/workloads/registry.ts';

/** Runs a lesson to its stop step; metrics at step 10, 50 and the end, by optimizer. */
async function runLesson(lesson: Lesson) {
  const form = defaultForm(lesson.preset, lesson.id);
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
  return { config, data, at, end: at[stopAt], lane };
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
});
