// Reading exported videos and GIFs back with an independent decoder (FFmpeg's ffprobe and ffmpeg,
// /usr/bin on Debian: `apt-get install ffmpeg`), and comparing a decoded frame with pixels.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Probe {
  codec: string;
  width: number;
  height: number;
  /** Frames decoded (every frame is decoded to count them). */
  frames: number;
  seconds: number;
}

/** What ffprobe reads of the file's first video stream, decoding every frame. */
export async function probe(file: string): Promise<Probe> {
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
    ...['-show_entries', 'stream=codec_name,width,height,nb_read_frames:format=duration', '-of', 'json', file],
  ]);
  const { streams, format } = JSON.parse(stdout);
  const s = streams[0];
  return {
    codec: s.codec_name,
    width: s.width,
    height: s.height,
    frames: Number(s.nb_read_frames),
    seconds: Number(format.duration),
  };
}

/** Frame `n` (from 0) of the file, decoded by ffmpeg to RGBA bytes. */
export async function frameRgba(file: string, n: number): Promise<Buffer> {
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      file,
      '-vf',
      `select=eq(n\\,${n})`,
      '-vframes',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 2 ** 20 },
  );
  return stdout;
}

/** Frame `n` of the file as a PNG (for screenshots). */
export async function framePng(file: string, n: number, out: string): Promise<void> {
  await run('ffmpeg', ['-v', 'error', '-y', '-i', file, '-vf', `select=eq(n\\,${n})`, '-vframes', '1', out]);
}

/**
 * The share of pixels that differ visibly between two RGBA images of one size: some colour
 * channel more than 64 of 255 apart. Lossy video blurs colour at the edges of thin lines (H.264
 * keeps it at half resolution) and a GIF rounds to 256 colours; neither moves a pixel that far
 * except on the few edge pixels of the curves; a frame of another step differs along whole curves.
 */
export function differingShare(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`images of different sizes: ${a.length} and ${b.length} bytes`);
  let differ = 0;
  for (let i = 0; i < a.length; i += 4)
    if (Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2])) > 64) differ++;
  return differ / (a.length / 4);
}
