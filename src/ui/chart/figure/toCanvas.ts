// A figure painted on a Canvas 2D context (a page canvas or an OffscreenCanvas in a worker), shape
// for shape as figureSvg writes it, at `scale` device pixels per figure pixel.

import type { Figure } from './figure.ts';
import { figureShapes } from './shapes.ts';
import { FONT } from './toSvg.ts';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Paints `fig` with its top-left corner at the context's origin. */
export function drawFigure(ctx: Context2D, fig: Figure, scale = 1): void {
  ctx.save();
  ctx.scale(scale, scale);
  ctx.lineJoin = 'round';
  let clipped = false;
  for (const s of figureShapes(fig)) {
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
    switch (s.kind) {
      case 'clip':
        if (clipped) ctx.restore();
        clipped = s.box !== null;
        if (s.box) {
          ctx.save();
          ctx.beginPath();
          ctx.rect(s.box.x, s.box.y, s.box.w, s.box.h);
          ctx.clip();
        }
        break;
      case 'text':
        ctx.font = `${s.bold ? '600 ' : ''}${s.size}px ${FONT}`;
        ctx.textAlign = s.anchor === 'middle' ? 'center' : s.anchor === 'end' ? 'right' : 'left';
        ctx.textBaseline = 'alphabetic';
        ctx.fillStyle = s.fill;
        if (s.vertical) {
          ctx.save();
          ctx.translate(s.x, s.y);
          ctx.rotate(-Math.PI / 2);
          ctx.fillText(s.text, 0, 0);
          ctx.restore();
        } else ctx.fillText(s.text, s.x, s.y);
        break;
      case 'path':
        ctx.beginPath();
        s.points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
        if (s.closed) ctx.closePath();
        if (s.fill) {
          ctx.globalAlpha = s.opacity ?? 1;
          ctx.fillStyle = s.fill;
          ctx.fill();
          ctx.globalAlpha = 1;
        }
        if (s.stroke) {
          if (!s.fill) ctx.globalAlpha = s.opacity ?? 1;
          ctx.strokeStyle = s.stroke;
          ctx.lineWidth = s.width ?? 1;
          ctx.setLineDash(s.dash ?? []);
          ctx.stroke();
        }
        break;
      case 'rect':
        ctx.globalAlpha = s.opacity ?? 1;
        if (s.fill) {
          ctx.fillStyle = s.fill;
          ctx.fillRect(s.x, s.y, s.w, s.h);
        }
        if (s.stroke) {
          ctx.strokeStyle = s.stroke;
          ctx.lineWidth = s.width ?? 1;
          ctx.strokeRect(s.x, s.y, s.w, s.h);
        }
        break;
      case 'dots':
        ctx.fillStyle = s.fill;
        ctx.beginPath();
        for (const [x, y] of s.points) {
          ctx.moveTo(x + s.r, y);
          ctx.arc(x, y, s.r, 0, 2 * Math.PI);
        }
        ctx.fill();
        break;
    }
  }
  if (clipped) ctx.restore();
  ctx.restore();
}
