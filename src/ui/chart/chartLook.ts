// How thick the charts' lines and how large their text: normal, or for a projector (one setting,
// carried by the link as view=projector). Passed as attributes, not CSS, so exports keep it.

import { createContext, useContext } from 'react';

export interface ChartLook {
  /** Stroke width of a curve, in pixels (faint and overlay curves ¾ of it). */
  line: number;
  /** Font size of ticks, axis labels and the legend, in pixels. */
  font: number;
}

export const NORMAL_LOOK: ChartLook = { line: 2, font: 12 };
export const PROJECTOR_LOOK: ChartLook = { line: 3.5, font: 17 };

export const ChartLookContext = createContext<ChartLook>(NORMAL_LOOK);

export const useChartLook = () => useContext(ChartLookContext);
