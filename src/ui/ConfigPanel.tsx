// Setup: preset and lessons, sizes and seed, the distribution designer(s), optimizer lanes, and
// sharing. A classroom link can hide any of these groups.

import { PRESETS, type PresetId } from '../engine/config.ts';
import type { Hideable } from '../state/lessons.ts';
import { DataPanel, DataSummary } from './DataPanel.tsx';
import { DistributionDesigner } from './DistributionDesigner.tsx';
import { LanePanel } from './LanePanel.tsx';
import { LessonLinks } from './LessonPanel.tsx';
import { NumberField } from './NumberField.tsx';
import { SharePanel } from './SharePanel.tsx';
import { TextPanel } from './TextPanel.tsx';
import { usePlayground } from './storeContext.ts';

export function useShown(group: Hideable): boolean {
  return usePlayground((s) => !s.hidden.includes(group));
}

export function ConfigPanel() {
  const presetId = usePlayground((s) => s.presetId);
  const lessonId = usePlayground((s) => s.lessonId);
  const countsFixRows = usePlayground((s) => s.fields['tokens.kind'] === 'counts');
  const countsFixItems = usePlayground((s) => s.fields['itemTokens.kind'] === 'counts');
  const hiddenAny = usePlayground((s) => s.hidden.length > 0);
  const choose = usePlayground((s) => s.choosePreset);
  const show = {
    preset: useShown('preset'),
    sizes: useShown('sizes'),
    distribution: useShown('distribution'),
    optimizers: useShown('optimizers'),
  };
  const mf = PRESETS[presetId].config.workload === 'matrixFactorization';
  // A data run's sizes and frequencies are its data's: no size fields, no designers.
  const onData = PRESETS[presetId].config.workload === 'data';
  const ctr = PRESETS[presetId].config.workload === 'ctr';
  // Editors keep local drafts; a new preset or lesson starts them afresh.
  const key = `${presetId}-${lessonId}`;
  return (
    <section className="panel setup" aria-labelledby="config-title">
      <h2 id="config-title">Setup</h2>
      {hiddenAny && <p className="hint">Classroom mode: this link hides some controls.</p>}
      {show.preset && (
        <>
          <div className="field">
            <label htmlFor="preset">Preset</label>
            <select id="preset" value={lessonId ? '' : presetId} onChange={(e) => choose(e.target.value as PresetId)}>
              {lessonId && <option value="">(set by the lesson)</option>}
              {Object.entries(PRESETS).map(([id, p]) => (
                <option key={id} value={id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <LessonLinks />
        </>
      )}
      {onData && <DataSummary />}
      {show.sizes && (
        <div className="grid" role="group" aria-label="Sizes and seed">
          {onData ? (
            <NumberField
              name="heldOut"
              label="Held out, %"
              hint="Share of the pairs kept for the held-out loss (seeded)"
            />
          ) : ctr ? (
            <NumberField
              name="fields"
              label="Fields (values:Zipf s)"
              wide
              hint="One entry per categorical field: its number of values and the Zipf exponent of their frequencies, e.g. 1000:1.1, 20:0.5"
            />
          ) : (
            <NumberField
              name="rows"
              label={mf ? 'Users' : 'Vocabulary N'}
              readOnly={countsFixRows}
              hint={countsFixRows ? 'Set by the counts' : undefined}
            />
          )}
          {mf && (
            <NumberField
              name="items"
              label="Items"
              readOnly={countsFixItems}
              hint={countsFixItems ? 'Set by the counts' : undefined}
            />
          )}
          <NumberField name="dim" label="Dimension d" />
          <NumberField name="batch" label="Batch B" />
          <NumberField name="seed" label="Seed" hint="Same seed, same token stream and initial table: same curves" />
        </div>
      )}
      {show.distribution && (
        <>
          {!onData && !ctr && <DistributionDesigner key={`tokens-${key}`} target="tokens" />}
          {mf && <DistributionDesigner key={`items-${key}`} target="itemTokens" />}
          <div className="grid" role="group" aria-label="Head, torso and tail">
            <NumberField name="bucketEnds.0" label="Head: top % of ranks" />
            <NumberField name="bucketEnds.1" label="Torso ends at % of ranks" />
          </div>
        </>
      )}
      {show.optimizers && (
        <>
          <h3>Optimizers</h3>
          <LanePanel />
        </>
      )}
      <DataPanel />
      <TextPanel />
      <SharePanel />
    </section>
  );
}
