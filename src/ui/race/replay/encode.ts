// A replay encoded frame by frame: each frame is the figure at its step (figure/figure.ts) painted
// on an OffscreenCanvas, then encoded with WebCodecs into MP4 (H.264) or WebM (VP9) by Mediabunny,
// or quantised to one palette and written as an animated GIF by gifenc. Runs in a worker
// (replay.worker.ts) or, where there is none, on the page.

import {
  BufferTarget,
  CanvasSource,
  canEncodeVideo,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  WebMOutputFormat,
} from 'mediabunny';
import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import type { ChartLook } from '../../chart/chartLook.ts';
import { figureAt, planFigure, type FigureSpec } from '../../chart/figure/figure.ts';
import { drawFigure } from '../../chart/figure/toCanvas.ts';
import type { ReplayOptions } from './timeline.ts';

export type Container = 'mp4' | 'webm' | 'gif';

type Canvas = HTMLCanvasElement | OffscreenCanvas;
type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** What each container holds and how it is named. */
export const CONTAINER: Record<Container, { mime: string; extension: string; label: string }> = {
  mp4: { mime: 'video/mp4', extension: 'mp4', label: 'MP4 (H.264)' },
  webm: { mime: 'video/webm', extension: 'webm', label: 'WebM (VP9)' },
  gif: { mime: 'image/gif', extension: 'gif', label: 'animated GIF' },
};

/** Everything an encoder needs, as plain data (it is posted to a worker). */
export interface ReplayJob {
  spec: FigureSpec;
  look: ChartLook;
  options: ReplayOptions;
  /** The step each frame shows (timeline.ts frameSteps). */
  steps: number[];
  container: Container;
}

/** The replay worker's one method (src/engine/rpc.ts): a job's file, with the frames done as progress. */
export type ReplayMethods = { encode: { args: ReplayJob; reply: Uint8Array<ArrayBuffer>; progress: number } };

/** The video container this browser can encode at this size and rate: MP4 (H.264) first, else WebM (VP9), else null. */
export async function videoContainer(width: number, height: number, fps: number): Promise<'mp4' | 'webm' | null> {
  if (typeof VideoEncoder === 'undefined') return null;
  const options = { width, height, frameRate: fps, quality: QUALITY_HIGH };
  if (await canEncodeVideo('avc', options)) return 'mp4';
  if (await canEncodeVideo('vp9', options)) return 'webm';
  return null;
}

/**
 * Between frames on the page (no worker), a task boundary: the page stays responsive and Cancel
 * gets through. A worker needs none (it is terminated to cancel).
 */
const breathe = () =>
  typeof document === 'undefined' ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, 0));

/** What a cancelled export rejects with. */
export const cancelled = () => new DOMException('The export was cancelled.', 'AbortError');

/**
 * Encodes the job; `onFrame(done)` after each frame. Resolves to the file's bytes; rejects with
 * an AbortError once `signal` aborts (checked between frames).
 */
export async function encodeReplay(
  job: ReplayJob,
  onFrame: (done: number) => void,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const { width, height } = job.options;
  const plan = planFigure(job.spec, { width, height }, job.look);
  if (!plan) throw new Error(`${width} × ${height} is too small for these charts, their legend and the caption`);
  // Off screen where the browser can (always in a worker); else a canvas that is never attached.
  const canvas =
    typeof OffscreenCanvas === 'undefined'
      ? Object.assign(document.createElement('canvas'), { width, height })
      : new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: job.container === 'gif' }) as Context2D;
  let drawn: number | null = null;
  const draw = (step: number) => {
    if (step === drawn) return; // a held frame: the canvas already shows it
    drawFigure(ctx, figureAt(plan, step));
    drawn = step;
  };
  return job.container === 'gif'
    ? encodeGif(job, ctx, draw, onFrame, signal)
    : encodeVideo(job, canvas, draw, onFrame, signal);
}

async function encodeVideo(
  job: ReplayJob,
  canvas: Canvas,
  draw: (step: number) => void,
  onFrame: (done: number) => void,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const { fps } = job.options;
  const target = new BufferTarget();
  const output = new Output({
    format: job.container === 'mp4' ? new Mp4OutputFormat({ fastStart: 'in-memory' }) : new WebMOutputFormat(),
    target,
  });
  const source = new CanvasSource(canvas, { codec: job.container === 'mp4' ? 'avc' : 'vp9', quality: QUALITY_HIGH });
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();
  try {
    for (const [i, step] of job.steps.entries()) {
      if (signal.aborted) throw cancelled();
      draw(step);
      await source.add(i / fps, 1 / fps);
      onFrame(i + 1);
      await breathe();
    }
    await output.finalize();
  } catch (e) {
    await output.cancel();
    throw e;
  }
  return new Uint8Array(target.buffer!);
}

async function encodeGif(
  job: ReplayJob,
  ctx: Context2D,
  draw: (step: number) => void,
  onFrame: (done: number) => void,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const { width, height, fps } = job.options;
  const pixels = () => ctx.getImageData(0, 0, width, height).data;
  // One palette for every frame, from the last (which holds every curve): colours never flicker.
  draw(job.steps[job.steps.length - 1]);
  const palette = quantize(pixels(), 256);
  const gif = GIFEncoder();
  let index: Uint8Array | null = null;
  let indexed: number | null = null;
  for (const [i, step] of job.steps.entries()) {
    if (signal.aborted) throw cancelled();
    if (step !== indexed) {
      draw(step);
      index = applyPalette(pixels(), palette);
      indexed = step;
    }
    gif.writeFrame(index!, width, height, { palette: i === 0 ? palette : undefined, delay: 1000 / fps, repeat: 0 });
    onFrame(i + 1);
    await breathe();
  }
  gif.finish();
  return gif.bytes() as Uint8Array<ArrayBuffer>;
}
