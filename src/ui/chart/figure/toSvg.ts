// A figure as a standalone SVG document (figureShapes drawn as SVG elements). Text is XML-escaped;
// curves carry class "line" (dots too), bands "band", escape marks "escape".

import type { Figure } from './figure.ts';
import { figureShapes, type Shape } from './shapes.ts';

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** A pixel coordinate as written (two decimals at most). */
const n = (v: number) => String(Math.round(v * 100) / 100);

const paint = (s: { fill?: string; stroke?: string; width?: number; dash?: number[]; opacity?: number }) =>
  [
    `fill="${s.fill ? escapeXml(s.fill) : 'none'}"`,
    s.stroke ? `stroke="${escapeXml(s.stroke)}" stroke-width="${n(s.width ?? 1)}"` : '',
    s.dash ? `stroke-dasharray="${s.dash.map(n).join(' ')}"` : '',
    s.opacity !== undefined && s.opacity !== 1 ? `${s.fill ? 'fill' : 'stroke'}-opacity="${s.opacity}"` : '',
  ]
    .filter(Boolean)
    .join(' ');

const role = (r: string | undefined) => (r ? ` class="${r}"` : '');

function element(s: Shape, clip: string | null): string {
  const clipped = clip ? ` clip-path="url(#${clip})"` : '';
  switch (s.kind) {
    case 'text': {
      const turn = s.vertical ? ` transform="rotate(-90 ${n(s.x)} ${n(s.y)})"` : '';
      return (
        `<text x="${n(s.x)}" y="${n(s.y)}" font-size="${s.size}"${s.bold ? ' font-weight="600"' : ''}` +
        `${s.anchor === 'start' ? '' : ` text-anchor="${s.anchor}"`} fill="${s.fill}"${turn}>${escapeXml(s.text)}</text>`
      );
    }
    case 'path': {
      const d = s.points.map(([x, y], i) => `${i ? 'L' : 'M'}${n(x)} ${n(y)}`).join('') + (s.closed ? 'Z' : '');
      return `<path${role(s.role)} d="${d}" ${paint(s)} stroke-linejoin="round"${clipped}/>`;
    }
    case 'rect':
      return `<rect${role(s.role)} x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" ${paint(s)}${clipped}/>`;
    case 'dots':
      return (
        `<g${role(s.role)} fill="${escapeXml(s.fill)}"${clipped}>` +
        s.points.map(([x, y]) => `<circle cx="${n(x)}" cy="${n(y)}" r="${n(s.r)}"/>`).join('') +
        '</g>'
      );
    case 'clip':
      return '';
  }
}

/** The figure as an SVG document of its layout's size, on white. */
export function figureSvg(fig: Figure): string {
  const { width, height } = fig.plan.layout;
  const defs: string[] = [];
  const body: string[] = [];
  let clip: string | null = null;
  for (const s of figureShapes(fig)) {
    if (s.kind === 'clip') {
      clip = s.box ? `plot-${defs.length}` : null;
      if (s.box)
        defs.push(
          `<clipPath id="${clip}"><rect x="${n(s.box.x)}" y="${n(s.box.y)}" width="${n(s.box.w)}" height="${n(s.box.h)}"/></clipPath>`,
        );
    } else body.push(element(s, clip));
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${escapeXml(FONT)}"><defs>${defs.join('')}</defs>${body.join('')}</svg>`
  );
}
