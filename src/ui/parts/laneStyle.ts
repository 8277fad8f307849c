// How each optimizer is drawn: Okabe–Ito colours (safe for colour-blind readers) and a distinct
// dash, so curves stay apart in greyscale prints too.

import type { OptimizerKind } from '../../engine/optimizers.ts';

export const LANE_STYLE: Record<OptimizerKind, { color: string; dash: string }> = {
  sgd: { color: '#000000', dash: '' },
  fasgd: { color: '#0072B2', dash: '8 3' },
  cfsgd: { color: '#009E73', dash: '2 2' },
  adagradRow: { color: '#D55E00', dash: '10 3 2 3' },
  adagradCoord: { color: '#CC79A7', dash: '4 4' },
};
