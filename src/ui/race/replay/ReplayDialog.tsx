// The replay dialog's form (loaded when "Export replay…" is first pressed: it brings the encoders):
// which charts, video or GIF, length, frames per second, size, slow motion around a step, each
// field checked; a preview of any frame drawn as the encoder draws it; a progress bar and Cancel.

import { useEffect, useMemo, useRef, useState } from 'react';
import { download } from '../../chart/exportFigure.ts';
import { figureAt, planFigure } from '../../chart/figure/figure.ts';
import { drawFigure } from '../../chart/figure/toCanvas.ts';
import { CONTAINER, videoContainer, type Container } from './encode.ts';
import { runReplay, type RunningReplay } from './runReplay.ts';
import { recordedSteps, replayLook, replaySpec } from './scene.ts';
import {
  DEFAULT_FIELDS,
  frameSteps,
  GIF_FPS,
  readReplayOptions,
  replayFileName,
  SECONDS,
  SLOW_FACTORS,
  type ReplayFields,
} from './timeline.ts';
import type { PlotInput } from '../../chart/figure/plot.ts';

/** What the dialog replays, read when it opens: the charts to pick from, the caption, the run's name. */
export interface Snapshot {
  choices: { label: string; charts: PlotInput[] }[];
  caption: string[];
  name: string;
}

type Errors = Partial<Record<keyof ReplayFields, string>>;

export default function ReplayDialog({ snapshot, close }: { snapshot: Snapshot; close: () => void }) {
  const [choice, setChoice] = useState(0);
  const [fields, setFields] = useState<ReplayFields>(DEFAULT_FIELDS);
  const [shownErrors, setShownErrors] = useState<Errors>({});
  const [video, setVideo] = useState<Container | null | undefined>(undefined);
  const [previewFrame, setPreviewFrame] = useState(Number.MAX_SAFE_INTEGER); // the last frame: the whole run
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const running = useRef<RunningReplay | null>(null);
  const preview = useRef<HTMLCanvasElement>(null);

  const charts = snapshot.choices[choice].charts;
  const steps = useMemo(() => recordedSteps(charts), [charts]);
  const [first, last] = [steps[0] ?? 0, steps.at(-1) ?? 0];
  const range = useMemo(() => ({ first, last }), [first, last]);
  const read = useMemo(() => readReplayOptions(fields, range), [fields, range]);
  const options = read.ok ? read.options : null;
  // The frames and the figure's plan, while the fields are valid.
  const job = useMemo(() => {
    if (!options || steps.length === 0) return null;
    const size = { width: options.width, height: options.height };
    const spec = replaySpec(charts, snapshot.caption, size);
    const look = replayLook(size);
    return { spec, look, options, steps: frameSteps(options, steps), plan: planFigure(spec, size, look) };
  }, [charts, snapshot.caption, steps, options]);
  const frame = job ? Math.min(previewFrame, job.steps.length - 1) : 0;

  // Which video container this browser can encode at this size (asked again when the size changes).
  const width = options?.width;
  const height = options?.height;
  const fps = options?.fps;
  useEffect(() => {
    if (!width || !height || !fps) return;
    let current = true;
    videoContainer(width, height, fps).then(
      (c) => current && setVideo(c),
      () => current && setVideo(null),
    );
    return () => void (current = false);
  }, [width, height, fps]);

  // The preview: the frame chosen, drawn as the encoder will draw it.
  useEffect(() => {
    const canvas = preview.current;
    if (!canvas || !job?.plan) return;
    [canvas.width, canvas.height] = [job.options.width, job.options.height];
    drawFigure(canvas.getContext('2d')!, figureAt(job.plan, job.steps[frame]));
  }, [job, frame]);

  // Closing the dialog (or leaving the page) stops an export under way.
  useEffect(() => () => running.current?.cancel(), []);

  const edit = (name: keyof ReplayFields, value: string) => {
    const next = { ...fields, [name]: value } as ReplayFields;
    // A rate the new format cannot play becomes that format's usual one.
    if (name === 'format') {
      const read = readReplayOptions(next, range);
      if (!read.ok && read.errors.fps) next.fps = value === 'gif' ? '10' : DEFAULT_FIELDS.fps;
    }
    setFields(next);
    if (shownErrors[name] || name === 'format') {
      const again = readReplayOptions(next, range);
      setShownErrors(again.ok ? {} : again.errors);
    }
  };

  const container: Container | null | undefined = fields.format === 'gif' ? 'gif' : video;
  const tooSmall = job !== null && job.plan === null;

  const start = () => {
    setMessage(null);
    if (!read.ok) return setShownErrors(read.errors);
    setShownErrors({});
    if (steps.length === 0) return setMessage({ text: 'Nothing recorded yet: run first, then export.', error: true });
    if (!job?.plan) return; // too small a frame: said under the fields
    if (!container)
      return setMessage({
        text:
          container === undefined
            ? 'Still asking this browser what it can encode: try again in a moment.'
            : 'This browser cannot encode video here (WebCodecs H.264 or VP9). Choose the animated GIF.',
        error: true,
      });
    const total = job.steps.length;
    const began = performance.now();
    setProgress({ done: 0, total });
    const { spec, look, options: chosen, steps: frames } = job; // the plan is made again where it is encoded
    // The bar moves by a hundredth at least (a redraw of the dialog per frame would busy the page).
    const every = Math.ceil(total / 100);
    const run = runReplay({ spec, look, options: chosen, steps: frames, container }, (done) => {
      if (done % every === 0 || done === total) setProgress({ done, total });
    });
    running.current = run;
    const { mime, extension } = CONTAINER[container];
    const fileName = replayFileName(snapshot.name, extension);
    run.done
      .then(
        (data) => {
          download(new Blob([data], { type: mime }), fileName);
          const seconds = ((performance.now() - began) / 1000).toFixed(1);
          setMessage({
            text: `Saved ${fileName}: ${(data.byteLength / 2 ** 20).toFixed(2)} MB, ${total} frames, ${job.options.width} × ${job.options.height}, made in ${seconds} s.`,
            error: false,
          });
        },
        (e: unknown) =>
          setMessage(
            e instanceof DOMException && e.name === 'AbortError'
              ? { text: 'Cancelled: nothing was saved.', error: false }
              : { text: `Export failed: ${e instanceof Error ? e.message : String(e)}.`, error: true },
          ),
      )
      .finally(() => {
        running.current = null;
        setProgress(null);
      });
  };

  const field = (name: Exclude<keyof ReplayFields, 'format' | 'slowFactor'>, label: string, hint?: string) => (
    <div className={shownErrors[name] ? 'field invalid' : 'field'}>
      <label htmlFor={`replay-${name}`}>{label}</label>
      <input
        id={`replay-${name}`}
        inputMode="numeric"
        value={fields[name]}
        placeholder={hint}
        aria-invalid={shownErrors[name] ? true : undefined}
        aria-describedby={shownErrors[name] ? `replay-${name}-error` : undefined}
        disabled={progress !== null}
        onChange={(e) => edit(name, e.target.value)}
      />
      {shownErrors[name] && (
        <p id={`replay-${name}-error`} className="error" role="alert">
          {shownErrors[name]}
        </p>
      )}
    </div>
  );

  return (
    <form method="dialog" onSubmit={(e) => e.preventDefault()}>
      <h2 id="replay-title">Export a replay</h2>
      <p className="hint">
        Drawn from the recorded series up to step {range.last.toLocaleString('en-US')}, frame by frame: the same file
        every time, whatever the screen shows.
      </p>
      <div className="replay-fields">
        <div className="field wide">
          <label htmlFor="replay-charts">Charts</label>
          <select
            id="replay-charts"
            value={choice}
            disabled={progress !== null}
            onChange={(e) => setChoice(Number(e.target.value))}
          >
            {snapshot.choices.map((c, i) => (
              <option key={i} value={i}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field wide" disabled={progress !== null}>
          <legend>Format</legend>
          <label>
            <input
              type="radio"
              name="replay-format"
              checked={fields.format === 'video'}
              onChange={() => edit('format', 'video')}
            />{' '}
            Video:{' '}
            {video === undefined
              ? 'checking what this browser can encode…'
              : video === null
                ? 'not available in this browser'
                : video === 'mp4'
                  ? 'MP4 (H.264), for slides and video players'
                  : 'WebM (VP9): this browser cannot encode MP4 (H.264)'}
          </label>
          <label>
            <input
              type="radio"
              name="replay-format"
              checked={fields.format === 'gif'}
              onChange={() => edit('format', 'gif')}
            />{' '}
            Animated GIF, for chat apps and slides (larger; {GIF_FPS.join(', ')} frames per second)
          </label>
        </fieldset>
        {field('seconds', `Length (seconds, ${SECONDS[0]}–${SECONDS[1]})`)}
        {field('fps', 'Frames per second')}
        {field('width', 'Width (pixels, even)')}
        {field('height', 'Height (pixels, even)')}
        {field('slowAt', 'Slow motion around step', 'none')}
        <div className="field">
          <label htmlFor="replay-slowFactor">Slowed down</label>
          <select
            id="replay-slowFactor"
            value={fields.slowFactor}
            disabled={progress !== null || fields.slowAt.trim() === ''}
            onChange={(e) => edit('slowFactor', e.target.value)}
          >
            {SLOW_FACTORS.map((k) => (
              <option key={k} value={k}>
                {k} times
              </option>
            ))}
          </select>
        </div>
      </div>
      {job?.plan ? (
        <div className="replay-preview">
          <canvas
            ref={preview}
            role="img"
            aria-label={`Preview of frame ${frame + 1} of ${job.steps.length}, at step ${job.steps[frame]}`}
          />
          <label>
            Preview frame{' '}
            <input
              type="range"
              min={0}
              max={job.steps.length - 1}
              value={frame}
              onChange={(e) => setPreviewFrame(Number(e.target.value))}
            />{' '}
            <span data-testid="replay-frame">
              frame {frame + 1} of {job.steps.length}: step {job.steps[frame]}
            </span>
          </label>
        </div>
      ) : (
        tooSmall && (
          <p className="error" role="alert">
            {fields.width} × {fields.height} is too small for these charts, their legend and the caption: make it
            larger.
          </p>
        )
      )}
      {progress && (
        <div className="replay-progress">
          <label htmlFor="replay-progress">
            Encoding frame {progress.done} of {progress.total}
          </label>
          <progress id="replay-progress" max={progress.total} value={progress.done} />
          <button type="button" onClick={() => running.current?.cancel()}>
            Cancel
          </button>
        </div>
      )}
      {message && (
        <p className={message.error ? 'error' : 'hint'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div className="replay-actions">
        <button type="button" className="primary" onClick={start} disabled={progress !== null}>
          Export{container ? ` ${CONTAINER[container].label}` : ''}
        </button>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </form>
  );
}
