// The form: everything a person sets up before pressing Run, and what a link carries. The preset
// (or lesson) gives the defaults; fields hold the text as typed; custom holds applied drawn curves
// and counts; hidden lists the control groups a classroom link hides.

import { IMPLICIT_DATA_RATES, PRESETS, type ConfigError, type DataRef, type PresetId } from '../engine/config.ts';
import {
  configFromFields,
  controlsFromFields,
  fieldsFromConfig,
  runConfigFromFields,
  type Custom,
  type FieldPath,
  type Fields,
} from './fields.ts';
import { lessonById, type Hideable } from './lessons.ts';
import { validateConfig } from '../engine/validate.ts';

export interface Form {
  presetId: PresetId;
  lessonId: string | null;
  fields: Fields;
  custom: Custom;
  hidden: Hideable[];
}

/** The form a preset or lesson starts from. */
export function defaultForm(presetId: PresetId, lessonId: string | null = null): Form {
  const lesson = lessonId === null ? undefined : lessonById(lessonId);
  const preset = lesson?.preset ?? presetId;
  return {
    presetId: preset,
    lessonId: lesson?.id ?? null,
    fields: { ...fieldsFromConfig(PRESETS[preset].config), ...lesson?.fields },
    custom: {},
    hidden: lesson ? [...lesson.hide] : [],
  };
}

/**
 * The 'data' preset's form for `ref` (implicit data starts from its own rates), or, when
 * `lessonId` names a lesson on the data preset (lesson 6), that lesson's form on it.
 */
export function dataForm(ref: DataRef, lessonId: string | null = null): Form {
  const lesson = lessonId === null ? undefined : lessonById(lessonId);
  const form = defaultForm('data', lesson?.preset === 'data' ? lesson.id : null);
  form.custom = { data: ref };
  if (!ref.ratings)
    PRESETS.data.config.lanes.forEach(
      (l, i) => (form.fields[`lanes.${i}.lr`] = String(IMPLICIT_DATA_RATES[l.optimizer])),
    );
  // The lesson's own fields win over the data's rates.
  if (lesson?.preset === 'data') Object.assign(form.fields, lesson.fields);
  return form;
}

/** Field → message, for every problem of the form (every lane validated, switched on or not). */
export function formErrors(form: Pick<Form, 'presetId' | 'fields' | 'custom'>): Record<string, string> {
  const base = PRESETS[form.presetId].config;
  const errors = [
    ...validateConfig(configFromFields(base, form.fields, form.custom)),
    ...controlsFromFields(form.fields).errors,
  ];
  if (runConfigFromFields(base, form.fields, form.custom).lanes.length === 0)
    errors.push({ field: 'lanes', message: 'Switch on at least one optimizer.' });
  return errorsByField(
    errors.map((e) => ({ ...e, message: sayWhatWasTyped(e.message, form.fields[e.field as FieldPath]) })),
  );
}

/**
 * A message about a field whose text is not a number says what was typed, not "NaN":
 * "(got NaN)" → "(got “abc”, which is not a number)"; empty → "(got nothing)".
 */
function sayWhatWasTyped(message: string, text: string | undefined): string {
  if (text === undefined || !/got NaN/.test(message)) return message;
  const typed = text.trim() === '' ? 'nothing' : `“${text.trim().slice(0, 40)}”, which is not a number`;
  return message.replace(/got NaN%?/, `got ${typed}`);
}

export function errorsByField(list: ConfigError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of list) out[e.field] ??= e.message;
  return out;
}

/** The configuration to run (valid only when formErrors is empty). */
export function formConfig(form: Pick<Form, 'presetId' | 'fields' | 'custom'>) {
  return runConfigFromFields(PRESETS[form.presetId].config, form.fields, form.custom);
}
