// What "Export PyTorch script" exports from the page: the run on the charts, or else the form's
// configuration (the store's state is read; the store never imports exports).

import { DEFAULT_STOP, controlsFromFields } from '../state/fields.ts';
import { shownConfig } from '../state/selectors.ts';
import type { PlaygroundState } from '../state/slices/state.ts';
import { pytorchScript } from './pytorchScript.ts';

/** The script, with --steps defaulting to the run's stop step (else DEFAULT_STOP); or why there is none. */
export function scriptOf(s: PlaygroundState): { ok: true; script: string } | { ok: false; error: string } {
  const config = shownConfig(s);
  if (!config) return { ok: false, error: 'Fix the settings marked in red first: the script is made from them.' };
  const form = s.runningForm ?? s;
  const steps = controlsFromFields(form.fields).controls.stopAt ?? Number(DEFAULT_STOP);
  const reading = config.data && s.loaded?.ref.fingerprint === config.data.fingerprint ? s.loaded.reading : undefined;
  return { ok: true, script: pytorchScript(config, { steps, reading }) };
}
