// A run of several seeds: K single-seed engines (GPU or CPU) stepped in lockstep, seen as one
// engine whose lanes are seed-major (lane l of seed k is k·L + l). Each seed has its own token
// stream, so nothing per step can be shared between seeds (sampling, sort, counters); within a
// seed all lanes still share them, in one set of buffers and dispatches.

import type { Checkpoint, Engine, MetricsSnapshot, Resumable } from './types.ts';

export class SeededEngine implements Engine, Resumable {
  readonly backend;
  readonly device;

  /** `engines[k]` runs seed k with the run's L lanes. */
  constructor(
    private readonly engines: (Engine & Resumable)[],
    private readonly lanesPerSeed: number,
  ) {
    this.backend = engines[0].backend;
    this.device = engines[0].device;
  }

  get stepCount(): number {
    return this.engines[0].stepCount;
  }

  steps(n: number): void {
    for (const e of this.engines) e.steps(n);
  }

  /** Lanes of all seeds; the reported rows' counts are the first seed's. */
  async recordMetrics(): Promise<MetricsSnapshot> {
    const all = await Promise.all(this.engines.map((e) => e.recordMetrics()));
    return { ...all[0], lanes: all.flatMap((m) => m.lanes) };
  }

  freezeLane(l: number): void {
    this.engines[Math.floor(l / this.lanesPerSeed)].freezeLane(l % this.lanesPerSeed);
  }

  async readTables(): Promise<ArrayLike<number>[]> {
    return (await Promise.all(this.engines.map((e) => e.readTables()))).flat();
  }

  async checkpoint(): Promise<Checkpoint> {
    const parts = await Promise.all(this.engines.map((e) => e.checkpoint()));
    return {
      step: parts[0].step,
      tables: parts.flatMap((p) => p.tables),
      states: parts.flatMap((p) => p.states),
      counters: parts.flatMap((p) => p.counters),
    };
  }

  restore(c: Checkpoint): void {
    const L = this.lanesPerSeed;
    this.engines.forEach((e, k) =>
      e.restore({
        step: c.step,
        tables: c.tables.slice(k * L, (k + 1) * L),
        states: c.states.slice(k * L, (k + 1) * L),
        counters: [c.counters[k]],
      }),
    );
  }

  destroy(): void {
    for (const e of this.engines) e.destroy();
  }
}
