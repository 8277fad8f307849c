// The lanes' colours and dashes, once above small multiples that have no legend of their own.

import type { LaneConfig } from '../../engine/config.ts';
import { laneLabel } from '../../engine/optimizers.ts';
import { LANE_STYLE } from '../parts/laneStyle.ts';

export function LaneLegend({ lanes }: { lanes: LaneConfig[] }) {
  return (
    <ul className="lane-legend" aria-label="Lanes">
      {lanes.map((lane, l) => {
        const { color, dash } = LANE_STYLE[lane.optimizer];
        return (
          <li key={l}>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="27" y2="5" stroke={color} strokeWidth="2.5" strokeDasharray={dash} />
            </svg>
            {laneLabel(lane)}
          </li>
        );
      })}
    </ul>
  );
}
