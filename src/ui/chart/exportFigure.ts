// Charts as files: a chart's figure description (figure/figure.ts) as a standalone SVG or as a PNG
// painted on a canvas (title, legend, axes and labels, and a caption with the configuration and
// the link), and a helper that downloads a blob.

import type { ChartLook } from './chartLook.ts';
import { figureAt, planFigure, type FigureSpec, type PanelInput } from './figure/figure.ts';
import { drawFigure } from './figure/toCanvas.ts';
import { figureSvg } from './figure/toSvg.ts';

/** Narrowest exported figure: a small multiple exports with its legend above a plot of full width. */
export const MIN_EXPORT_WIDTH = 640;

/** A chart as drawn on the page: its content, its width and its plot's height in pixels. */
export interface ChartFigure {
  panel: PanelInput;
  width: number;
  plotHeight: number;
}

/** The export of a chart as an SVG document or a PNG (at `scale` × the figure's size). */
export async function exportChart(
  kind: 'svg' | 'png',
  chart: ChartFigure,
  caption: string[],
  look: ChartLook,
  scale = 2,
): Promise<Blob> {
  const spec: FigureSpec = { title: chart.panel.title, panels: [chart.panel], caption };
  const plan = planFigure(spec, { width: Math.max(chart.width, MIN_EXPORT_WIDTH), plotHeight: chart.plotHeight }, look);
  if (!plan) throw new Error('the chart does not fit a figure');
  const fig = figureAt(plan);
  if (kind === 'svg') return new Blob([figureSvg(fig)], { type: 'image/svg+xml' });
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [plan.layout.width * scale, plan.layout.height * scale];
  drawFigure(canvas.getContext('2d')!, fig, scale);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** Offers `data` as a download named `fileName`. */
export function download(data: Blob, fileName: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe form of a title: "Excess loss (log scale)" → "excess-loss-log-scale". */
export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
