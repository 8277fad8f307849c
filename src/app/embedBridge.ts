// An embedded playground's side of the conversation with its host page (state/embedMessages.ts,
// docs/embed.md): what the run does, posted to the parent frame as it happens; and the host's
// run/pause/reset, validated and done only where the run's state machine allows them.

import { laneLabel } from '../engine/optimizers.ts';
import { runLanes } from '../engine/config.ts';
import { EMBED_VERSION, hostCommand, PROGRESS_EVERY, type EmbedEvent, type Losses } from '../state/embedMessages.ts';
import { lessonById } from '../state/lessons.ts';
import { linkHash } from '../state/link.ts';
import { configSummary } from '../state/runRecord.ts';
import { canAct, primaryAction } from '../state/selectors.ts';
import type { PlaygroundState } from '../state/slices/state.ts';
import type { PlaygroundStore } from '../state/store.ts';

/** What the bridge needs of `window` (a stand-in in tests). */
export interface EmbedWindow {
  parent: { postMessage(m: unknown, targetOrigin: string): void };
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  location: { origin: string; pathname: string; search: string };
}

/** The losses of the run's lanes at a recorded point (its latest by default), by lane name (null: diverged). */
function losses(s: PlaygroundState, point = s.points.at(-1)): Losses {
  if (!s.running || !point) return {};
  const lanes = runLanes(s.running);
  return Object.fromEntries(
    lanes.map((lane, l) => [
      `${laneLabel(lane)}${s.running!.seeds > 1 ? ` seed ${Math.floor(l / s.running!.lanes.length) + s.running!.seed}` : ''}`,
      s.diverged[l] != null || !Number.isFinite(point.excess[l]) ? null : point.excess[l],
    ]),
  );
}

const STOPPED = { atStop: 'stopStep', paused: 'paused', diverged: 'diverged', failed: 'failed' } as const;

/** Starts the conversation; `observeHeight` reports the page's height as it changes (a ResizeObserver in the page). */
export async function bridgeEmbed(
  store: PlaygroundStore,
  win: EmbedWindow,
  observeHeight: (report: (height: number) => void) => void,
): Promise<void> {
  const post = (e: EmbedEvent) =>
    // The messages hold only what the page shows; any page may frame it, so any may hear them.
    win.parent.postMessage({ ...e, source: 'fa-sgd-playground', version: EMBED_VERSION }, '*');
  const s0 = store.getState();
  const link = `${win.location.origin}${win.location.pathname}${win.location.search}${await linkHash({ ...s0, fields: { ...s0.fields, view: '' } })}`;
  post({ type: 'ready', link, lesson: s0.lessonId });
  let progressAt = 0;
  store.subscribe((s, before) => {
    if (s.runId !== before.runId && s.status === 'starting' && s.running) {
      progressAt = 0;
      post({ type: 'started', run: s.runId, summary: configSummary(s.running) });
    }
    // Every PROGRESS_EVERY steps, from the recorded point of that step (points arrive in batches).
    if (s.running && s.points !== before.points)
      for (const p of s.points)
        if (p.step > progressAt && p.step % PROGRESS_EVERY === 0) {
          progressAt = p.step;
          post({ type: 'progress', run: s.runId, step: p.step, losses: losses(s, p) });
        }
    const reason = s.status !== before.status ? STOPPED[s.status as keyof typeof STOPPED] : undefined;
    if (reason && s.running) post({ type: 'stopped', run: s.runId, step: s.step, reason, losses: losses(s) });
    if (s.prediction !== null && before.prediction === null && s.lessonId) {
      const lesson = lessonById(s.lessonId);
      post({ type: 'predicted', lesson: s.lessonId, choice: s.prediction, right: s.prediction === lesson?.answer });
    }
  });
  win.addEventListener('message', (e) => {
    const command = hostCommand(e.data);
    if (!command) return;
    const s = store.getState();
    if (command === 'reset') return s.reset();
    if (command === 'pause') return s.pause();
    // Run: whatever the primary button would do to start or go on (never a pause).
    const action = primaryAction(s);
    if (action === 'pause' || !canAct(s, action)) return;
    if (action === 'run') s.run();
    else if (action === 'resume') s.resume();
    else if (action === 'continue') s.continueRun();
  });
  let height = 0;
  observeHeight((h) => {
    if (Math.abs(h - height) < 1) return;
    height = h;
    post({ type: 'height', height: Math.ceil(h) });
  });
}
