// Runs an engine in a loop and reports metrics: run, pause, resume, reset. Plain TypeScript, used
// by the Web Worker (src/app/engineWorker.ts) and by the benchmark page.
//
// The loop enqueues metricsEvery steps, asks for their metrics, and keeps up to IN_FLIGHT metric
// readbacks in flight: the GPU never waits for the CPU (at thousands of steps a second a read
// takes several intervals to come back), and the CPU never runs far ahead of it. A resumable
// engine is checkpointed on a time interval (behind the steps, like the metrics), so a run whose
// device is lost can go on from the last checkpoint, and a fast step never waits for one.

import type { Checkpoint, Engine, MetricsSnapshot, Resumable } from './types.ts';

export interface TrainerEvents {
  /** Metrics of a recorded step; `diverged`: every lane frozen so far, in the order they were. */
  metrics(m: MetricsSnapshot, stepsPerSecond: number, diverged: number[]): void;
  /**
   * The loop stopped by itself: it reached maxSteps, every lane diverged (nothing is left to
   * train), or it failed.
   */
  stopped(reason: 'maxSteps' | 'diverged' | 'error', message?: string): void;
}

/** Metric reads in flight at most (the GPU engine's readback ring has a slot more). */
const IN_FLIGHT = 3;

/** Shortest time a steps-per-second figure is measured over. */
const RATE_WINDOW_S = 0.25;
/** Shortest time the first figure of a run may be measured over. */
const FIRST_WINDOW_S = 0.02;

/**
 * Steps per second over the last second or so, measured over at least RATE_WINDOW_S: metrics
 * that arrive close together (the in-flight reads drained at a pause) keep the last rate instead
 * of dividing a few steps by a few microseconds.
 */
export class RateMeter {
  private last = 0;
  constructor(
    private step: number,
    /** performance.now() milliseconds. */
    private time: number,
  ) {}

  rate(step: number, now: number): number {
    const dt = (now - this.time) / 1000;
    // A short run may end before one full window: its first figure may come from a shorter one
    // (though never from the microseconds between two reports drained together).
    if (dt >= RATE_WINDOW_S || (this.last === 0 && dt >= FIRST_WINDOW_S)) this.last = (step - this.step) / dt;
    if (dt > 1) [this.step, this.time] = [step, now];
    return this.last;
  }
}

/** A loss this many times its first value means the lane diverged (no converging run comes near). */
export const DIVERGED_FACTOR = 1000;

/** Whether a lane's loss has diverged: not finite, or DIVERGED_FACTOR times where it started. */
export const diverged = (loss: number, start: number | undefined) =>
  !Number.isFinite(loss) || (start !== undefined && loss > DIVERGED_FACTOR * start);

/** A macrotask turn without setTimeout's 4 ms clamp. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

export class Trainer {
  private running = false;
  private loop: Promise<void> | null = null;
  private meter = new RateMeter(0, 0);
  /** Lanes frozen because their loss diverged. */
  private readonly frozen = new Set<number>();
  /** The first positive loss each lane reported. */
  private readonly firstLoss: number[] = [];
  /** Lanes of the engine (from its reports). */
  private laneCount = 0;
  /** Stop by itself after this many steps (Infinity: never). */
  maxSteps = Infinity;
  /** Upper bound on steps per second (Infinity: as fast as the engine goes). */
  pace = Infinity;
  /**
   * The newest finished checkpoint of a step already reported (null: none yet, or the engine is
   * not resumable). The reads in flight when a device is lost are dropped, so a run resumed from a
   * newer one would leave a gap; from this one it repeats reported steps and skips none.
   */
  checkpoint: Checkpoint | null = null;
  /** A finished checkpoint whose step's metrics are still on their way. */
  private unreported: Checkpoint | null = null;
  private checkpointing = false;
  /** When the last checkpoint began (performance.now() ms; -Infinity: none yet). */
  private checkpointed = -Infinity;
  /** The last step whose metrics were reported (-1: none yet). */
  private lastReported = -1;
  private detached = false;

  /**
   * Reports metrics every `every` steps; checkpoints a resumable engine at its first metric step,
   * then at the first one `checkpointMs` milliseconds after the last checkpoint began (Infinity:
   * never). Checkpoints are taken at multiples of `every`, so a run resumed from one records the
   * same steps.
   */
  constructor(
    private engine: Engine & Partial<Resumable>,
    private readonly every: number,
    private readonly events: TrainerEvents,
    private readonly checkpointMs = Infinity,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Lanes frozen so far because their loss diverged (a live view). */
  get frozenLanes(): ReadonlySet<number> {
    return this.frozen;
  }

  /** Whether the engine stands at (or past) the stop step: a start would train nothing. */
  get atStop(): boolean {
    return this.engine.stepCount >= this.maxSteps;
  }

  /** Starts or resumes the loop; reports the current metrics first when they have not been yet. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.meter = new RateMeter(this.engine.stepCount, performance.now());
    this.loop = this.run().catch((e: unknown) => {
      this.running = false;
      if (!this.detached) this.events.stopped('error', e instanceof Error ? e.message : String(e));
    });
  }

  /** Gives the engine up (its device is lost): the loop ends without waiting or reporting again. */
  detach(): void {
    this.running = false;
    this.detached = true;
  }

  /** Stops after the steps already enqueued have reported. */
  async pause(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One step while paused, with its metrics. */
  async step(): Promise<void> {
    if (this.running || this.engine.stepCount >= this.maxSteps) return;
    this.engine.steps(1);
    await this.reportStanding();
  }

  /** Reports the metrics where the engine stands (a run set up paused shows its step 0). */
  async reportStanding(): Promise<void> {
    this.report(await this.engine.recordMetrics(), 0);
  }

  private async run(): Promise<void> {
    const inflight: Promise<MetricsSnapshot>[] = [];
    let reachedMax = false;
    let allDiverged = false;
    // Reads fail together when the device is lost; the first failure ends the loop, the others
    // are handled here so none goes unhandled.
    const record = () => {
      const read = this.engine.recordMetrics();
      read.catch(() => {});
      inflight.push(read);
    };
    // A fresh run, or one restored from a checkpoint, first reports where it stands.
    if (this.engine.stepCount !== this.lastReported) record();
    while (this.running || inflight.length > 0) {
      const started = performance.now();
      if (this.running && this.lanesLeft() === 0) {
        this.running = false;
        allDiverged = true;
      } else if (this.running && this.engine.stepCount < this.maxSteps) {
        this.engine.steps(Math.min(this.every, this.maxSteps - this.engine.stepCount));
        record();
        this.takeCheckpoint();
      } else if (this.running) {
        // Started at (or past) its stop step: nothing to train, and it says so again.
        this.running = false;
        reachedMax = true;
      }
      if (inflight.length > 0 && (inflight.length >= IN_FLIGHT || !this.running)) {
        const m = await inflight.shift()!;
        if (this.detached) return;
        this.report(m, this.meter.rate(m.step, performance.now()));
      }
      // Let messages (pause, reset) in between batches, also on the synchronous CPU engine.
      const wait = (this.every / this.pace) * 1000 - (performance.now() - started);
      await (wait > 1 ? new Promise((r) => setTimeout(r, wait)) : yieldToEvents());
    }
    // Reported after the last metrics, so listeners see the final step before "stopped".
    if (allDiverged) this.events.stopped('diverged');
    else if (reachedMax) this.events.stopped('maxSteps');
  }

  /** Lanes still training (not frozen because their loss diverged); unknown before the first report. */
  private lanesLeft(): number {
    return this.laneCount === 0 ? Infinity : this.laneCount - this.frozen.size;
  }

  private report(m: MetricsSnapshot, stepsPerSecond: number): void {
    this.freezeDiverged(m);
    this.lastReported = m.step;
    if (this.unreported && this.unreported.step <= m.step) [this.checkpoint, this.unreported] = [this.unreported, null];
    this.events.metrics(m, stepsPerSecond, [...this.frozen]);
  }

  /** Starts a checkpoint when checkpointMs have passed since the last began (one at a time). */
  private takeCheckpoint(): void {
    const now = performance.now();
    if (!this.engine.checkpoint || this.checkpointing || this.checkpointMs === Infinity) return;
    if (this.engine.stepCount % this.every !== 0 || now - this.checkpointed < this.checkpointMs) return;
    this.checkpointed = now;
    this.checkpointing = true;
    this.engine
      .checkpoint()
      .then((c) => {
        if (c.step <= this.lastReported) this.checkpoint = c;
        else this.unreported = c;
      })
      .catch(() => {}) // the device went away meanwhile: the previous checkpoint stands
      .finally(() => (this.checkpointing = false));
  }

  /** Lanes whose loss diverged stop training (the one place divergence is decided); the others go on. */
  private freezeDiverged(m: MetricsSnapshot): void {
    this.laneCount = m.lanes.length;
    m.lanes.forEach((lane, l) => {
      if (this.firstLoss[l] === undefined && lane.excess > 0) this.firstLoss[l] = lane.excess;
      if (!this.frozen.has(l) && diverged(lane.excess, this.firstLoss[l])) {
        this.frozen.add(l);
        this.engine.freezeLane(l);
      }
    });
  }
}
