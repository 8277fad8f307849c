// Lesson 6's answer is what its run shows: the lesson's form on its text (the Brown sample, read as
// the page reads it), trained to the stop step through the engine worker's session on the CPU
// engine; the agreement the session reports at the stop step, as the store hands it to the lesson.

import { expect, test } from 'vitest';
import { OTHER, parseText } from '../engine/input/text.ts';
import { dataRef } from '../engine/input/pairData.ts';
import type { GpuResult } from '../engine/gpu/device.ts';
import type { FromWorker } from '../engine/protocol.ts';
import { agreementChance, NO_WATCH } from '../engine/meaning/report.ts';
import { TrainingSession } from '../engine/session.ts';
import { brownExcerpt } from '../engine/testing/brownCorpus.node.ts';
import { controlsFromFields } from './fields.ts';
import { dataForm, formConfig, formErrors } from './form.ts';
import { printEach } from './claims/numbers.ts';
import { LESSONS, type LessonEnd } from './lessons.ts';
import { LESSON_TEXT, MEANING_LESSON_ID } from './meaningLesson.ts';

test('lesson 6 on its text: at the stop FA-SGD’s tail agrees with the text clearly more than SGD’s, the heads close', async () => {
  const lesson = LESSONS.find((l) => l.id === MEANING_LESSON_ID)!;
  const parsed = parseText(brownExcerpt(), LESSON_TEXT);
  if (!parsed.ok) throw new Error(parsed.error);
  const pairs = parsed.corpus.pairs;
  // The form the page makes when the lesson's text is trained on with the lesson open.
  const form = dataForm(dataRef(pairs, 'text', LESSON_TEXT.name), MEANING_LESSON_ID);
  expect(form.lessonId).toBe(MEANING_LESSON_ID);
  expect(formErrors(form)).toEqual({});
  const config = formConfig(form);
  expect(config.lanes.map((l) => l.optimizer)).toEqual(['sgd', 'fasgd']);
  const stopAt = controlsFromFields(form.fields).controls.stopAt!;
  expect(stopAt).toBe(2000);

  const seen: FromWorker[] = [];
  const session = new TrainingSession({
    requestGpu: async (): Promise<GpuResult> => ({ ok: false, reason: 'none' }),
    post: (m) => seen.push(m),
  });
  const watch = { ...NO_WATCH, exclude: [parsed.corpus.rows.indexOf(OTHER)] };
  await session.handle({
    type: 'start',
    config,
    pairs,
    runId: 1,
    controls: { stopAt, pace: null },
    paused: false,
    watch,
  });
  while (!seen.some((m) => m.type === 'paused')) await new Promise((r) => setTimeout(r, 20));
  const report = seen.findLast((m) => m.type === 'meaning');
  if (report?.type !== 'meaning') throw new Error('no meaning report');
  expect(report.report.step).toBe(stopAt);
  const a = report.report.agreement!;
  const info = report.report.agreementInfo!;
  const chance = agreementChance(info);
  const [sgd, fa] = [a[0], a[1]];
  // The tail: FA-SGD well above SGD and above chance.
  expect(fa[2]).toBeGreaterThan(1.4 * sgd[2]);
  expect(fa[2]).toBeGreaterThan(1.5 * chance);
  // The heads: close (within a quarter of the larger), as the answer says.
  expect(Math.abs(fa[0] - sgd[0])).toBeLessThanOrEqual(0.25 * Math.max(fa[0], sgd[0]));
  expect(lesson.choices[lesson.answer]).toBe('FA-SGD’s');

  const end = { agreement: a, agreementChance: chance } as unknown as LessonEnd;
  const said = lesson.lookAt({ config, end });
  const [tF, tS] = printEach([fa[2], sgd[2]], 2);
  expect(said).toContain(`FA-SGD’s tail words agree with the text’s own neighbours at ${tF}, SGD’s at ${tS}`);
  expect(said).toContain('The heads are close');
  console.log(
    `step ${stopAt}: head SGD ${sgd[0]}, FA-SGD ${fa[0]}; tail SGD ${sgd[2]}, FA-SGD ${fa[2]}; chance ${chance}`,
  );
}, 120_000);
