// The engine worker's side of the meaning views: what the page watches (report.ts MeaningWatch),
// computed from a checkpoint of the run's tables now and then, off the page's thread. A tick costs
// the worker (and so the race) its compute time: ticks come at most every MIN_TICK_MS and take at
// most TICK_SHARE of the time between them, so training keeps at least ~90% of its speed. The
// reference of a text run (PPMI of all its pairs) is built at the first tick that needs it.
//
// Following a row: its count comes from the engines' counters; its last occurrence from replaying
// the (deterministic) token stream backwards; its last update is caught live: the watcher finds the
// row's next step t by replaying the stream forwards, asks the engine for a checkpoint right
// after t − 1 (capturingEngine.ts), and recomputes the update at t from it (rowUpdate.ts).

import type { PairData } from '../input/pairData.ts';
import { rowEffectiveStep } from '../hostMetrics.ts';
import { laneAt } from '../optimizers.ts';
import { bucketBounds } from '../sampling/distributions.ts';
import { sampleStep } from '../sampling/sampleStep.ts';
import type { Checkpoint } from '../types.ts';
import type { RunData } from '../workloads/runData.ts';
import { agreement, agreementSetup, type AgreementSetup } from './agreement.ts';
import type { CapturingEngine } from './capturingEngine.ts';
import { cosineNeighbours, unitRows } from './cosine.ts';
import { ppmiNeighbours, ppmiRows, type PpmiRows } from './ppmi.ts';
import { project, projectedRows } from './projection.ts';
import { MAX_NEIGHBOURS, type MeaningReport, type MeaningWatch } from './report.ts';
import { rowLoss, rowLossPlan, type RowLossPlan } from './rowLoss.ts';
import { rowUpdate, stepHolds, type RowUpdate } from './rowUpdate.ts';

/** Least time between two ticks, ms. */
export const MIN_TICK_MS = 500;
/** Most of the worker's time the ticks may take. */
export const TICK_SHARE = 0.1;
/** Steps searched back for a followed row's last occurrence. */
export const SCAN_LIMIT = 20_000;
/** Steps searched forward per tick for its next one (the search goes on at the next tick). */
const SCAN_PER_TICK = 4_000;
/** The agreement's candidates: at least this many of the most frequent rows. */
const MIN_CANDIDATES = 100;

/** A text run's reference and the agreement's fixed queries. */
export interface Reference {
  ppmi: PpmiRows;
  setup: AgreementSetup;
}

/** The frequent rows the agreement (and, unless asked otherwise, the neighbours) choose from. */
export function agreementCandidates(c: RunData['config']): number {
  const [, torsoEnd] = bucketBounds(c.rows, c.bucketEnds);
  return Math.min(c.rows, Math.max(torsoEnd, MIN_CANDIDATES));
}

/** The reference of a text run (PPMI of all its pairs) and the agreement's queries. */
export function textReference(data: RunData, pairs: PairData, excluded: Set<number>): Reference {
  const c = data.config;
  const ppmi = ppmiRows(pairs.a, pairs.b, c.rows, c.items);
  const bounds = bucketBounds(c.rows, c.bucketEnds);
  return { ppmi, setup: agreementSetup(ppmi, bounds, excluded, undefined, undefined, agreementCandidates(c)) };
}

/** What is known about the followed row. */
interface Followed {
  row: number;
  plan: RowLossPlan;
  update: RowUpdate | null;
  /** Its last occurrence (null: not found yet), and its count when that was found. */
  lastSeen: number | null;
  countSeen: number;
  /** The forward search for its next occurrence: next step to look at; a capture is pending. */
  searchFrom: number;
  armed: boolean;
}

export class MeaningWatcher {
  private reference: Reference | null | undefined = undefined;
  private followed: Followed | null = null;
  /** The tick in progress (ticks run one at a time). */
  private inFlight: Promise<void> | null = null;
  private lastEnd = -Infinity;
  private lastCost = 0;
  private readonly scratch;
  private readonly bounds: [number, number];
  /** Set once the run is replaced: nothing more is posted. */
  private closed = false;

  constructor(
    private readonly data: RunData,
    private readonly pairs: PairData | null,
    private watch: MeaningWatch,
    private readonly post: (r: MeaningReport) => void,
  ) {
    this.scratch = sampleStep(data, 1, undefined, true);
    this.bounds = bucketBounds(data.config.rows, data.config.bucketEnds);
  }

  /** Whether the run trains on a text (it has a reference of meaning). */
  get isText(): boolean {
    return this.data.config.data?.source === 'text' && this.pairs !== null;
  }

  private get excluded(): Set<number> {
    return new Set(this.watch.exclude);
  }

  private get candidates(): number {
    return agreementCandidates(this.data.config);
  }

  setWatch(w: MeaningWatch): void {
    if (w.follow !== this.watch.follow) this.followed = null;
    this.watch = w;
  }

  close(): void {
    this.closed = true;
  }

  /** The engine was replaced (a lost device): a capture it was asked for will not come. */
  engineReplaced(): void {
    if (this.followed) this.followed.armed = false;
  }

  /** Whether there is anything to report: a text run's agreement, or something the page watches. */
  get watching(): boolean {
    const w = this.watch;
    return this.isText || w.query !== null || w.projection || w.follow !== null;
  }

  /** Whether a tick is due (after a metrics report). */
  due(now: number): boolean {
    return (
      this.watching &&
      !this.inFlight &&
      now - this.lastEnd >= Math.max(MIN_TICK_MS, ((1 - TICK_SHARE) / TICK_SHARE) * this.lastCost)
    );
  }

  /**
   * Computes a report from a checkpoint of `engine` and posts it (unless closed meanwhile); also
   * arms the capture of the followed row's next update. `frozen`: the lanes that diverged.
   */
  async tick(engine: CapturingEngine, frozen: ReadonlySet<number>): Promise<void> {
    // One at a time: a tick asked for during another follows it (so one asked for at a stop
    // reports the stop's step).
    while (this.inFlight) await this.inFlight;
    if (this.closed || !this.watching) return;
    this.inFlight = this.run(engine, frozen).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async run(engine: CapturingEngine, frozen: ReadonlySet<number>): Promise<void> {
    try {
      const cp = await engine.checkpoint();
      if (this.closed) return;
      const started = performance.now();
      const setup = this.ensureReference();
      const report = this.compute(cp);
      this.arm(engine, frozen);
      const now = performance.now();
      this.lastCost = now - started - setup;
      this.lastEnd = now;
      this.post(report);
    } catch {
      // The device went away under the read: the next tick tries again.
    }
  }

  /** Builds a text run's reference once; returns the ms it took (0 when already built). */
  private ensureReference(): number {
    if (this.reference !== undefined) return 0;
    const started = performance.now();
    this.reference = this.isText ? textReference(this.data, this.pairs!, this.excluded) : null;
    return performance.now() - started;
  }

  private compute(cp: Checkpoint): MeaningReport {
    const { data, watch } = this;
    const c = data.config;
    const d = c.dim;
    const L = c.lanes.length;
    const ref = this.reference ?? null;
    const excluded = this.excluded;
    const skip = (r: number) => excluded.has(r);
    // Normalised first tables, lane by lane, only those needed.
    const units = new Map<number, Float32Array>();
    const unit = (l: number) => units.get(l) ?? units.set(l, unitRows(cp.tables[l], d, 0, c.rows)).get(l)!;
    const agreementByLane = ref ? cp.tables.map((_, l) => agreement(ref.setup, unit(l), d)) : null;
    let neighbours: MeaningReport['neighbours'] = null;
    const q = watch.query;
    if (q !== null && q >= 0 && q < c.rows) {
      const k = Math.max(1, Math.min(MAX_NEIGHBOURS, Math.floor(watch.k)));
      const among = Math.min(c.rows, watch.among > 0 ? watch.among : this.candidates);
      const reference = ref ? ppmiNeighbours(ref.ppmi, q, k, (r) => skip(r) || r >= among) : [];
      const lanes = Array.from({ length: L }, (_, l) => cosineNeighbours(unit(l), d, q, k, among, skip));
      neighbours = { query: q, among, reference, lanes };
    }
    let projection: MeaningReport['projection'] = null;
    if (watch.projection) {
      const rows = projectedRows(c.rows, this.bounds, excluded);
      const head = rows.filter((r) => r < this.bounds[0]).length;
      projection = { rows, lanes: Array.from({ length: L }, (_, l) => project(cp.tables[l], d, rows, head)) };
    }
    return {
      step: cp.step,
      agreement: agreementByLane,
      agreementInfo: ref
        ? {
            k: ref.setup.k,
            among: ref.setup.candidates,
            queries: ref.setup.queries.map((x) => x.length) as [number, number, number],
          }
        : null,
      neighbours,
      projection,
      follow: this.follow(cp),
    };
  }

  /** The followed row at the checkpoint: count, last occurrence, effective steps, losses, last update. */
  private follow(cp: Checkpoint): MeaningReport['follow'] {
    const { data } = this;
    const c = data.config;
    const row = this.watch.follow;
    if (row === null || row < 0 || row >= c.rows) return null;
    const f = (this.followed ??= {
      row,
      plan: rowLossPlan(data, row),
      update: null,
      lastSeen: null,
      countSeen: -1,
      searchFrom: cp.step + 1,
      armed: false,
    });
    const counters = cp.counters[0];
    const count = counters[row];
    if (count === 0) f.lastSeen = null;
    else if (count !== f.countSeen) {
      // It occurred since the last look: the newest step that holds it, searching back.
      const stop = Math.max(1, cp.step - SCAN_LIMIT + 1, f.countSeen >= 0 && f.lastSeen !== null ? f.lastSeen : 1);
      let found: number | null = null;
      for (let t = cp.step; t >= stop && found === null; t--) if (stepHolds(data, t, row, this.scratch)) found = t;
      f.lastSeen = found ?? (f.countSeen >= 0 ? f.lastSeen : null);
    }
    f.countSeen = count;
    const inp = { rowFreq: data.rowFreq, pmax: data.pmax, counters, tableStarts: data.tableStarts };
    return {
      row,
      count,
      lastSeen: f.lastSeen,
      effStep: c.lanes.map((lane, l) => rowEffectiveStep(laneAt(lane, cp.step), row, c.dim, cp.states[l], inp)),
      loss: c.lanes.map((_, l) => rowLoss(data, f.plan, cp.tables[l])),
      update: f.update,
    };
  }

  /** Asks the engine for the state before the followed row's next step (searching forward). */
  private arm(engine: CapturingEngine, frozen: ReadonlySet<number>): void {
    const f = this.followed;
    if (!f || f.armed) return;
    const from = Math.max(f.searchFrom, engine.stepCount + 1);
    for (let t = from; t < from + SCAN_PER_TICK; t++)
      if (stepHolds(this.data, t, f.row, this.scratch)) {
        f.armed = engine.captureAfter(t - 1, (before) =>
          before
            .then((cp) => {
              if (this.followed === f) f.update = rowUpdate(this.data, cp, f.row, frozen);
            })
            .catch(() => {})
            .finally(() => {
              f.armed = false;
              f.searchFrom = t + 1;
            }),
        );
        return;
      }
    f.searchFrom = from + SCAN_PER_TICK;
  }
}
