// "PNG" and "SVG" buttons under a chart. The caption (configuration, step, device, link) comes
// from the ExportContext the page provides; without one (e.g. the designer preview) no buttons.

import { createContext, useContext, useState } from 'react';
import { download, figureSvg, slug, svgToPng, type FigureInfo } from './exportFigure.ts';

export interface ExportSource {
  /** Caption lines for the current run: summary, step and device, link. */
  caption(): Promise<string[]>;
  /** Added to file names, e.g. "step300". */
  suffix(): string;
}

export const ExportContext = createContext<ExportSource | null>(null);

export function ExportButtons({
  title,
  legend,
  body,
}: {
  title: string;
  legend: FigureInfo['legend'];
  /** The chart as SVG markup with its size, or null while there is nothing drawn. */
  body: () => { body: string; width: number; height: number; top?: number } | null;
}) {
  const source = useContext(ExportContext);
  const [error, setError] = useState<string | null>(null);
  if (!source) return null;
  const save = async (kind: 'svg' | 'png') => {
    try {
      const b = body();
      if (!b) throw new Error('nothing is drawn yet');
      const svg = figureSvg(b.body, b.width, b.height, { title, legend, caption: await source.caption() }, b.top);
      const name = `fa-sgd-${slug(title)}-${source.suffix()}.${kind}`;
      download(kind === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg), name);
      setError(null);
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}.`);
    }
  };
  return (
    <span className="export">
      Export{' '}
      <button type="button" onClick={() => save('png')} aria-label={`Export “${title}” as PNG`}>
        PNG
      </button>
      <button type="button" onClick={() => save('svg')} aria-label={`Export “${title}” as SVG`}>
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
