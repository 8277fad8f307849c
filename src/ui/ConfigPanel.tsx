// Preset, sizes and per-lane learning rates.

import { PRESETS, type PresetId } from '../engine/config.ts';
import { LanePanel } from './LanePanel.tsx';
import { NumberField } from './NumberField.tsx';
import { usePlayground } from './storeContext.ts';

export function ConfigPanel() {
  const presetId = usePlayground((s) => s.presetId);
  const choose = usePlayground((s) => s.choosePreset);
  const preset = PRESETS[presetId].config;
  const mf = preset.workload === 'matrixFactorization';
  return (
    <section className="panel" aria-labelledby="config-title">
      <h2 id="config-title">Setup</h2>
      <div className="field">
        <label htmlFor="preset">Preset</label>
        <select id="preset" value={presetId} onChange={(e) => choose(e.target.value as PresetId)}>
          {Object.entries(PRESETS).map(([id, p]) => (
            <option key={id} value={id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid">
        <NumberField name="rows" label={mf ? 'Users' : 'Vocabulary N'} />
        {mf && <NumberField name="items" label="Items" />}
        <NumberField name="dim" label="Dimension d" />
        <NumberField name="batch" label="Batch B" />
        {preset.tokens.kind === 'zipf' && <NumberField name="tokens.s" label="Zipf exponent s" />}
        <NumberField name="seed" label="Seed" />
      </div>
      <h3>Optimizers</h3>
      <LanePanel />
    </section>
  );
}
