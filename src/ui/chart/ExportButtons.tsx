// "PNG" and "SVG" buttons beside a chart's title, drawn from the chart's figure description. The caption
// (configuration, step, device, link) comes from the ExportContext the page provides; without one
// (e.g. the designer preview) no buttons.

import { createContext, useContext, useState } from 'react';
import { useChartLook } from './chartLook.ts';
import { download, exportChart, slug, type ChartFigure } from './exportFigure.ts';
import type { StepCharts } from './stepCharts.ts';

export interface ExportSource {
  /** Caption lines for the current run: summary, step and device, link. */
  caption(): Promise<string[]>;
  /** Added to file names, e.g. "step300". */
  suffix(): string;
  /** The charts over training steps on the page, by chart, for the replay dialog (each Chart with a replay role registers). */
  charts: StepCharts;
}

export const ExportContext = createContext<ExportSource | null>(null);

export function ExportButtons({
  title,
  figure,
}: {
  title: string;
  /** The chart's content and size, or null while there is nothing drawn. */
  figure: () => ChartFigure | null;
}) {
  const source = useContext(ExportContext);
  const look = useChartLook();
  const [error, setError] = useState<string | null>(null);
  if (!source) return null;
  const save = async (kind: 'svg' | 'png') => {
    try {
      const chart = figure();
      if (!chart) throw new Error('nothing is drawn yet');
      download(
        await exportChart(kind, chart, await source.caption(), look),
        `fa-sgd-${slug(title)}-${source.suffix()}.${kind}`,
      );
      setError(null);
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}.`);
    }
  };
  return (
    <span className="export">
      <button
        type="button"
        onClick={() => save('png')}
        aria-label={`Export “${title}” as PNG`}
        title="Download this chart as a PNG picture"
      >
        PNG
      </button>
      <button
        type="button"
        onClick={() => save('svg')}
        aria-label={`Export “${title}” as SVG`}
        title="Download this chart as an SVG drawing"
      >
        SVG
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
