// The meaning room: what the imbalance does to meaning on a text (the agreement of each lane's
// neighbours with the text's own, one word's neighbours, a picture of each table), and one token's
// life on every workload. Everything is computed in the engine worker (engine/meaning/), which
// reports now and then; this room draws the reports and says what to watch.

import { useMemo } from 'react';
import type { LaneConfig, RunConfig } from '../../engine/config.ts';
import { workloadOf } from '../../engine/workloads/registry.ts';
import { excludedRows } from '../../state/slices/meaningSlice.ts';
import { useRowNames } from '../parts/rowNames.ts';
import { useLive, usePlayground } from '../parts/storeContext.ts';
import { AgreementCharts } from './AgreementCharts.tsx';
import { FollowToken } from './FollowToken.tsx';
import { MeaningMethod } from './MeaningMethod.tsx';
import { NeighboursView } from './NeighboursView.tsx';
import { ProjectionView } from './ProjectionView.tsx';

/** What a row's own loss is called, by workload. */
const ownLoss = (c: RunConfig) =>
  c.workload === 'data' ? 'training loss' : c.workload === 'ctr' ? 'excess log loss' : 'excess loss';

export function MeaningPanel() {
  const running = useLive((s) => s.running);
  const names = useRowNames();
  const loaded = usePlayground((s) => s.loaded);
  const info = useLive((s) => s.agreementInfo);
  // Kept identical between reports: the pickers' word lists (thousands of options) depend on it.
  const excluded = useMemo(() => excludedRows(loaded), [loaded]);
  if (!running) return null;
  const text = running.data?.source === 'text';
  const lanes: LaneConfig[] = running.lanes;
  const unit = workloadOf(running).words(running).rowUnit;
  const ends = running.bucketEnds;
  const counts = names?.rowCounts ?? null;
  const windowSize = loaded?.ref.reading?.source === 'text' ? loaded.ref.reading.window : null;
  return (
    <section className="panel meaning" aria-labelledby="meaning-title">
      <h2 id="meaning-title">{text ? 'What the imbalance does to meaning' : `One ${unit}’s life`}</h2>
      {text && (
        <>
          <p className="caption">
            Skip-gram learns a word’s vector from the words around it. A frequent word gets many updates and soon sits
            near words used like it; a rare word gets few, so under one shared step size it may stay where it started.
          </p>
          <AgreementCharts lanes={lanes} ends={ends} />
          <NeighboursView
            lanes={lanes}
            rows={running.rows}
            ends={ends}
            names={names?.rows ?? null}
            counts={counts}
            excluded={excluded}
          />
          <ProjectionView lanes={lanes} rows={running.rows} ends={ends} names={names?.rows ?? null} />
          <MeaningMethod info={info} window={windowSize} />
        </>
      )}
      <FollowToken
        lanes={lanes}
        rows={running.rows}
        ends={ends}
        names={names?.rows ?? null}
        excluded={excluded}
        unit={unit}
        loss={ownLoss(running)}
      />
    </section>
  );
}
