// Setup: preset and lessons, sizes and seed, the distribution designer(s), optimizer lanes, and
// sharing. A classroom link can hide any of these groups.

import { memo } from 'react';
import { PRESETS, type PresetId } from '../../engine/config.ts';
import { workloadOf } from '../../engine/workloads/registry.ts';
import type { SizeInput } from '../../engine/workloads/workload.ts';
import { classroomText } from '../../state/notices.ts';
import { presetLabel, setupSummary } from '../../state/selectors.ts';
import { useShown } from '../parts/useShown.ts';
import { ModeField } from './ModeField.tsx';
import { DataPanel, DataSummary } from './data/DataPanel.tsx';
import { DistributionDesigner } from './DistributionDesigner.tsx';
import { LanePanel } from './LanePanel.tsx';
import { LessonLinks } from './LessonPanel.tsx';
import { NumberField } from '../parts/NumberField.tsx';
import { TextPanel } from './data/TextPanel.tsx';
import { usePlayground } from '../parts/storeContext.ts';

/** A size input of the workload: a table's size (fixed by pasted counts), the held-out %, or the CTR fields. */
function SizeField({ input, label }: { input: SizeInput; label: string }) {
  const countsFix = usePlayground(
    (s) =>
      (input === 'rows' || input === 'items') &&
      s.fields[`${input === 'rows' ? 'tokens' : 'itemTokens'}.kind`] === 'counts',
  );
  switch (input) {
    case 'heldOut':
      return (
        <NumberField name="heldOut" label="Held out, %" hint="Share of the pairs kept for the held-out loss (seeded)" />
      );
    case 'fields':
      return (
        <NumberField
          name="fields"
          label="Fields (values:Zipf s)"
          wide
          hint="One entry per categorical field: its number of values and the Zipf exponent of their frequencies, e.g. 1000:1.1, 20:0.5"
        />
      );
    default:
      return (
        <NumberField
          name={input}
          label={input === 'rows' ? label : 'Items'}
          readOnly={countsFix}
          hint={countsFix ? 'Set by the counts' : undefined}
        />
      );
  }
}

/** Where to start: a preset or a lesson (first on narrow screens, above the race). */
export const StartPanel = memo(function StartPanel() {
  const label = usePlayground(presetLabel);
  // The box shows the preset itself only while nothing differs from it (no lesson, no edit, no data).
  const plain = usePlayground((s) => (label === PRESETS[s.presetId].label ? s.presetId : ''));
  const summary = usePlayground((s) => (plain ? null : setupSummary(s)));
  const choose = usePlayground((s) => s.choosePreset);
  const shown = useShown('preset');
  if (!shown) return null;
  return (
    <section className="panel start" aria-label="Preset and lessons">
      <div className="field">
        <label htmlFor="preset">Preset</label>
        <select
          id="preset"
          value={plain}
          aria-describedby={summary ? 'preset-summary' : undefined}
          onChange={(e) => e.target.value && choose(e.target.value as PresetId)}
        >
          {!plain && <option value="">{label}</option>}
          {Object.entries(PRESETS).map(([id, p]) => (
            <option key={id} value={id}>
              {p.label}
            </option>
          ))}
        </select>
        {summary && (
          <p className="hint" id="preset-summary" data-testid="preset-summary">
            In use: {summary}
          </p>
        )}
      </div>
      <LessonLinks />
    </section>
  );
});

export const ConfigPanel = memo(function ConfigPanel() {
  const presetId = usePlayground((s) => s.presetId);
  const lessonId = usePlayground((s) => s.lessonId);
  const hidden = usePlayground((s) => s.hidden);
  const show = {
    sizes: useShown('sizes'),
    distribution: useShown('distribution'),
    optimizers: useShown('optimizers'),
    data: useShown('data'),
  };
  // The workload says which size fields and designers it has (a data run's sizes and frequencies
  // are its data's: none).
  const base = PRESETS[presetId].config;
  const workload = workloadOf(base);
  const { sizes, designers } = workload.inputs;
  // Editors keep local drafts; a new preset or lesson starts them afresh.
  const key = `${presetId}-${lessonId}`;
  return (
    <section className="panel setup" aria-labelledby="config-title">
      <h2 id="config-title">Setup</h2>
      {hidden.length > 0 && (
        <p className="hint" data-testid="classroom">
          {classroomText(hidden)}
        </p>
      )}
      <ModeField />
      {workload.needsData && <DataSummary />}
      {show.sizes && (
        <div className="grid" role="group" aria-label="Sizes and seed">
          {sizes.map((input) => (
            <SizeField key={input} input={input} label={workload.words(base).rowsLabel} />
          ))}
          <NumberField name="dim" label="Dimension d" />
          <NumberField name="batch" label="Batch B" />
          <NumberField name="seed" label="Seed" hint="Same seed, same token stream and initial table: same curves" />
          {workload.labelNoise && (
            <NumberField name="noise" label="Noise σ" hint="Standard deviation of the label noise: y = ⟨θ*, x⟩ + σz" />
          )}
        </div>
      )}
      {show.distribution && (
        <>
          {designers.map((t) => (
            <DistributionDesigner key={`${t}-${key}`} target={t} />
          ))}
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
      {show.data && (
        <>
          <DataPanel />
          <TextPanel />
        </>
      )}
    </section>
  );
});
