// What an embedded playground (view=embed, in a frame of another page) tells its host page and
// accepts from it, through postMessage: a small versioned schema (docs/embed.md). Every message
// names its source and version. The host's messages are read like links are: only the known
// fields of the known shape, every value checked, nothing evaluated; anything else is ignored.

/** The schema's version: a host checks it and a change that breaks hosts raises it. */
export const EMBED_VERSION = 1;

/** Losses of the run's lanes at a step, by lane name (e.g. "SGD (η=10)"); null where diverged. */
export type Losses = Record<string, number | null>;

/** What the embedded page says (each with source 'fa-sgd-playground' and the version). */
export type EmbedEvent =
  /** Loaded and listening: the link it shows (without view=embed) and the open lesson, if any. */
  | { type: 'ready'; link: string; lesson: string | null }
  | { type: 'started'; run: number; summary: string }
  | { type: 'progress'; run: number; step: number; losses: Losses }
  /** The run stopped: at its stop step, paused, every lane diverged, or the engine failed. */
  | {
      type: 'stopped';
      run: number;
      step: number;
      reason: 'stopStep' | 'paused' | 'diverged' | 'failed';
      losses: Losses;
    }
  | { type: 'predicted'; lesson: string; choice: number; right: boolean }
  /** The page's content height in CSS pixels, so the host can size the frame. */
  | { type: 'height'; height: number };

export type EmbedMessage = EmbedEvent & { source: 'fa-sgd-playground'; version: typeof EMBED_VERSION };

/** What a host may ask: start a run, pause it, or reset it. */
export type HostCommand = 'run' | 'pause' | 'reset';
const COMMANDS: HostCommand[] = ['run', 'pause', 'reset'];

/** A host's message: { source: 'fa-sgd-host', version: 1, command: 'run' | 'pause' | 'reset' }. */
export function hostCommand(data: unknown): HostCommand | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const m = data as Record<string, unknown>;
  if (m.source !== 'fa-sgd-host' || m.version !== EMBED_VERSION || typeof m.command !== 'string') return null;
  return COMMANDS.find((c) => c === m.command) ?? null;
}

/** Steps between two progress messages. */
export const PROGRESS_EVERY = 50;
