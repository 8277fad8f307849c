// An engine that can take a checkpoint right after a chosen step, however the trainer batches its
// steps: `steps(n)` is split at that step. Following a row uses it to catch the training state
// just before the row's next update (meaning/rowUpdate.ts recomputes that update from it). On the
// GPU the checkpoint is enqueued behind the steps like any other, so it never stalls them.

import type { Checkpoint, Engine, MetricsSnapshot, Resumable } from '../types.ts';

export class CapturingEngine implements Engine, Resumable {
  private at: number | null = null;
  private then: ((c: Promise<Checkpoint>) => void) | null = null;

  constructor(readonly inner: Engine & Resumable) {}

  get backend() {
    return this.inner.backend;
  }
  get device() {
    return this.inner.device;
  }
  get stepCount() {
    return this.inner.stepCount;
  }

  /**
   * Hands `then` a checkpoint taken after step `step` (now, when the engine stands there); replaces
   * any earlier request. A step already passed is refused (false).
   */
  captureAfter(step: number, then: (c: Promise<Checkpoint>) => void): boolean {
    if (step < this.inner.stepCount) return false;
    this.at = step;
    this.then = then;
    if (step === this.inner.stepCount) this.fire();
    return true;
  }

  /** Drops a pending request. */
  cancelCapture(): void {
    this.at = null;
    this.then = null;
  }

  get capturing(): boolean {
    return this.at !== null;
  }

  private fire(): void {
    const then = this.then!;
    this.cancelCapture();
    const c = this.inner.checkpoint();
    c.catch(() => {}); // a lost device: the request is simply not answered with a state
    then(c);
  }

  steps(n: number): void {
    const end = this.inner.stepCount + n;
    if (this.at !== null && this.at > this.inner.stepCount && this.at <= end) {
      this.inner.steps(this.at - this.inner.stepCount);
      this.fire();
    }
    if (end > this.inner.stepCount) this.inner.steps(end - this.inner.stepCount);
  }

  recordMetrics(): Promise<MetricsSnapshot> {
    return this.inner.recordMetrics();
  }
  freezeLane(l: number): void {
    this.inner.freezeLane(l);
  }
  readTables(): Promise<ArrayLike<number>[]> {
    return this.inner.readTables();
  }
  checkpoint(): Promise<Checkpoint> {
    return this.inner.checkpoint();
  }
  restore(c: Checkpoint): void {
    this.inner.restore(c);
  }
  destroy(): void {
    this.cancelCapture();
    this.inner.destroy();
  }
}
