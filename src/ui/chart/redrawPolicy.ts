// When a chart redraws and how much of a series it draws: every number of that policy, in one
// place. The engine's metrics reach the store at most every STORE_FLUSH_MS, on an animation frame
// (src/app/engineClient.ts); the charts read them in a deferred render (parts/storeContext.ts
// useLive); each chart then redraws at most every MIN_REDRAW_MS while in sight (SLOW_REDRAW_MS for
// small multiples and per-row charts), OFFSCREEN_REDRAW_MS while out of sight and a run trains
// (useInView.ts), one chart's redraw started per frame (frameQueue.ts). A chart draws at most
// drawnPoints() points per series (LTTB, decimateRows.ts) while its rows keep every recorded
// point. (The store keeps at most MAX_POINTS points per run, state/series.ts: a bound on memory
// and on exports, not a choice of drawing.)

/** Fewest milliseconds between two metrics updates of the store: a few a second, however fast training goes. */
export const STORE_FLUSH_MS = 200;
/** Fewest milliseconds between two redraws of one chart in sight, unless it says otherwise. */
export const MIN_REDRAW_MS = 500;
/** The same for charts that change slowly or come many at once (head/torso/tail, per-row charts). */
export const SLOW_REDRAW_MS = 1200;
/** Fewest milliseconds between two redraws of a chart out of sight while a run trains (it catches up at once when seen). */
export const OFFSCREEN_REDRAW_MS = 3000;

/** Fewest milliseconds between a chart's redraws, in sight or not. */
export const redrawInterval = (minRedrawMs: number, inView: boolean) =>
  inView ? minRedrawMs : Math.max(minRedrawMs, OFFSCREEN_REDRAW_MS);

/** Most points per series drawn: about one per 2 pixels of plot, from 60 up to 300. */
export const drawnPoints = (plotWidth: number) => Math.round(Math.min(300, Math.max(60, plotWidth / 2)));
/** Fewest points of a smooth series (a theory curve, a reference slope): a fifth of drawnPoints, at least 30. */
export const smoothPoints = (plotWidth: number) => Math.max(30, Math.round(drawnPoints(plotWidth) / 5));
