// The one owner of what the form means: its configuration, its run controls, its problems and what
// the device cannot hold, computed once per change of the form (or of the device's limits, or of
// the loaded data) and held in the store. Run, the charts, the theory, lesson texts, designers and
// links read these values; none of them rebuilds the configuration.

import { PRESETS, type RunConfig } from '../engine/config.ts';
import { runLimitErrors } from '../engine/limits.ts';
import type { DeviceLimits, RunControls } from '../engine/protocol.ts';
import { configFromFields, controlsFromFields, runConfigFromFields } from './fields.ts';
import { errorsByField, formErrors, type Form } from './form.ts';
import { missingData, type LoadedData } from './data.ts';
import type { Fields } from './fields.ts';

/** What the store derives from the form; always equal to `derive` of its inputs. */
export interface Derived {
  /** The form's configuration with every lane, switched on or not: what the editors show. */
  edited: RunConfig;
  /** What Run trains: the lanes switched on (each at several rates in a sweep). Valid when `errors` is empty. */
  config: RunConfig;
  /** Stop step and speed (each null where its text is not valid: validation names it). */
  controls: RunControls;
  /**
   * Field path → message: the form's problems, the run controls', the data a data run needs and
   * what the engine refused when Run was last pressed on this form.
   */
  errors: Record<string, string>;
  /** Field path → what the device cannot hold (empty while the form has errors or the device is unknown). */
  limitErrors: Record<string, string>;
}

/** What `derive` reads. */
export interface DerivedInputs extends Pick<Form, 'presetId' | 'fields' | 'custom'> {
  deviceLimits: DeviceLimits | undefined;
  loaded: LoadedData | null;
  /** What the engine refused at the last Run, and of which fields (it stands while they do). */
  rejected: { fields: Fields; errors: Record<string, string> } | null;
}

export function derive(s: DerivedInputs): Derived {
  const base = PRESETS[s.presetId].config;
  const config = runConfigFromFields(base, s.fields, s.custom);
  const errors = formErrors(s);
  const missing = missingData(config.data, s.loaded);
  if (missing) errors.data ??= missing;
  if (s.rejected?.fields === s.fields)
    for (const [field, message] of Object.entries(s.rejected.errors)) errors[field] ??= message;
  const valid = Object.keys(errors).length === 0;
  return {
    edited: configFromFields(base, s.fields, s.custom),
    config,
    controls: controlsFromFields(s.fields).controls,
    errors,
    limitErrors: valid && s.deviceLimits !== undefined ? errorsByField(runLimitErrors(config, s.deviceLimits)) : {},
  };
}

const INPUTS = ['presetId', 'fields', 'custom', 'deviceLimits', 'loaded', 'rejected'] as const;

/** What to add to a state change (`before` → `after`) so the derived values stay true: nothing when no input changed. */
export function derivedPatch(before: DerivedInputs, after: DerivedInputs): Derived | null {
  return INPUTS.every((k) => before[k] === after[k]) ? null : derive(after);
}
