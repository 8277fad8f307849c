import { describe, expect, test } from 'vitest';
import { NORMAL_LOOK } from '../chartLook.ts';
import { figureAt, planFigure, type FigureSpec } from './figure.ts';
import { planAxes, type PlotInput, type Row, type Series } from './plot.ts';
import { figureSvg } from './toSvg.ts';

const line = (key: string, name: string, more: Partial<Series> = {}): Series => ({
  key,
  name,
  color: '#000000',
  dash: '',
  ...more,
});

/** Rows at steps 0, 10, …, 300 of curves a (falling), b and the given others. */
function rows(values: Record<string, (step: number) => number | null>): Row[] {
  return Array.from({ length: 31 }, (_, i) => {
    const x = i * 10;
    return Object.fromEntries([['x', x], ...Object.entries(values).map(([k, f]) => [k, f(x)])]) as Row;
  });
}

const falling = (step: number) => 0.5 / (1 + step / 30);

const plot = (r: Row[], series: Series[], more: Partial<PlotInput> = {}): PlotInput => ({
  title: 'Excess loss',
  xLabel: 'training step',
  yLabel: 'excess loss',
  rows: r,
  series,
  ...more,
});

const spec = (panels: PlotInput[]): FigureSpec => ({ title: panels[0].title, panels, caption: ['Link: x'] });

const legendTexts = (p: PlotInput, size = { width: 800, plotHeight: 320 }) =>
  planFigure(spec([p]), size, NORMAL_LOOK)!.legend.map((e) => e.text);

describe('axes', () => {
  test('a log y axis spans whole decades of the values; a linear x axis runs from 0 to the last step', () => {
    const axes = planAxes(plot(rows({ a: falling }), [line('a', 'A')]), 600, 12);
    // Values from 0.5/11 ≈ 0.045 to 0.5: two decades, ticks at 1, 2, 5.
    expect(axes.yTicks).toEqual([0.02, 0.05, 0.1, 0.2, 0.5]);
    expect(axes.yDomain).toEqual([0.02, 0.5]);
    expect(axes.xDomain).toEqual([0, 300]);
    expect(axes.xTicks).toEqual([0, 50, 100, 150, 200, 250, 300]);
  });

  test('a fixed range is kept, and a linear y axis gets round ticks', () => {
    const p = plot(rows({ a: (s) => 0.5 + s / 1000 }), [line('a', 'A')], { yLinear: true, yRange: [0.5, 0.8] });
    const axes = planAxes(p, 600, 12);
    expect(axes.yLog).toBe(false);
    expect(axes.yTicks).toEqual([0.5, 0.6, 0.7, 0.8]);
  });
});

describe('legend: only what can be seen', () => {
  test('a series with no values in the rows is left out', () => {
    expect(legendTexts(plot(rows({ a: falling, b: () => null }), [line('a', 'A'), line('b', 'B')]))).toEqual(['A']);
  });

  test('a series drawn exactly over an earlier one is said to coincide with it', () => {
    const p = plot(rows({ a: falling, b: falling, c: (s) => falling(s) * 1.5 }), [
      line('a', 'SGD'),
      line('b', 'FA-SGD'),
      line('c', 'Adagrad'),
    ]);
    expect(legendTexts(p)).toEqual(['SGD', 'FA-SGD coincides with SGD', 'Adagrad']);
  });

  test('"within a pixel" is a pixel of the plot drawn: the same gap is apart on a taller plot', () => {
    // y spans 0.02–0.5 (ln 25 ≈ 3.22); a factor 1.006 is ln 1.006 / ln 25 × h ≈ 0.37 px at h = 200, 1.5 px at h = 800.
    const p = plot(rows({ a: falling, b: (s) => falling(s) * 1.006 }), [line('a', 'A'), line('b', 'B')]);
    expect(legendTexts(p, { width: 800, plotHeight: 200 })).toEqual(['A', 'B coincides with A']);
    expect(legendTexts(p, { width: 800, plotHeight: 800 })).toEqual(['A', 'B']);
  });

  test('a series that is under another only part of the way is listed', () => {
    const p = plot(rows({ a: falling, b: (s) => (s < 200 ? falling(s) : falling(s) * 1.3) }), [
      line('a', 'A'),
      line('b', 'B'),
    ]);
    expect(legendTexts(p)).toEqual(['A', 'B']);
  });

  test('a faint theory curve under a curve of data coincides with it, whichever comes first', () => {
    const p = plot(rows({ t: falling, a: falling }), [line('t', 'SGD, theory', { faint: true }), line('a', 'SGD')]);
    expect(legendTexts(p)).toEqual(['SGD, theory coincides with SGD', 'SGD']);
  });

  test('a curve that left through the top is listed (its mark shows), unlisted ones never are', () => {
    const p = plot(rows({ a: falling, d: (s) => (s < 50 ? falling(s) : Infinity), r: falling }), [
      line('a', 'A'),
      line('d', 'Diverged'),
      line('r', 'raw', { unlisted: true, faint: true }),
    ]);
    const plan = planFigure(spec([p]), { width: 800, plotHeight: 320 }, NORMAL_LOOK)!;
    expect(plan.legend.map((e) => e.text)).toEqual(['A', 'Diverged']);
    expect(plan.notes.map((n) => n.text)).toEqual(['Off the top: Diverged — from step 50']);
  });

  test('panels share one legend: a series seen in either is listed once', () => {
    const loss = plot(rows({ a: falling, b: falling }), [line('a', 'SGD'), line('b', 'FA-SGD')]);
    const tail = plot(rows({ a: falling, b: (s) => falling(s) * 0.5 }), [line('a', 'SGD'), line('b', 'FA-SGD')], {
      title: 'Tail',
    });
    const plan = planFigure(spec([loss, tail]), { width: 1280, height: 720 }, NORMAL_LOOK)!;
    expect(plan.legend.map((e) => e.text)).toEqual(['SGD', 'FA-SGD']);
  });
});

describe('layout', () => {
  test('an export keeps its plot at full width and at its height, however long the legend', () => {
    const many = Array.from({ length: 10 }, (_, i) => line(`s${i}`, `Optimizer number ${i} (η=0.${i})`));
    const values = Object.fromEntries(many.map((s, i) => [s.key, (x: number) => falling(x) * (1 + i / 5)]));
    const one = planFigure(spec([plot(rows(values), many.slice(0, 1))]), { width: 640, plotHeight: 220 }, NORMAL_LOOK)!;
    const ten = planFigure(spec([plot(rows(values), many)]), { width: 640, plotHeight: 220 }, NORMAL_LOOK)!;
    for (const plan of [one, ten]) {
      expect(plan.layout.panels[0].plot.h).toBe(220);
      expect(plan.layout.panels[0].plot.w).toBeGreaterThan(0.8 * 640);
    }
    expect(ten.layout.legend.at(-1)!.y).toBeGreaterThan(one.layout.legend[0].y + 2 * 12);
    expect(ten.layout.height).toBeGreaterThan(one.layout.height);
    // The legend lies above the plot, across the figure's width.
    const plotTop = ten.layout.panels[0].plot.y;
    expect(Math.max(...ten.layout.legend.map((s) => s.y))).toBeLessThan(plotTop);
  });

  test('a video frame is filled: the plots take what the text leaves; too small a frame holds nothing', () => {
    const p = plot(rows({ a: falling }), [line('a', 'A')]);
    const plan = planFigure(spec([p, { ...p, title: 'Tail' }]), { width: 1280, height: 720 }, NORMAL_LOOK)!;
    expect(plan.layout.height).toBe(720);
    const [left, right] = plan.layout.panels;
    expect(left.plot.h).toBe(right.plot.h);
    expect(left.plot.h).toBeGreaterThan(400);
    expect(right.plot.x).toBeGreaterThan(left.plot.x + left.plot.w);
    expect(plan.layout.caption.at(-1)!.y).toBeLessThanOrEqual(720);
    expect(planFigure(spec([p]), { width: 320, height: 120 }, NORMAL_LOOK)).toBeNull();
  });
});

describe('frames', () => {
  const p = plot(rows({ a: falling, b: (s) => falling(s) * 1.3, t: (s) => falling(s) * 1.1 }), [
    line('t', 'theory', { faint: true }),
    line('a', 'A'),
    line('b', 'B', { dash: '8 3' }),
  ]);
  const plan = planFigure({ ...spec([p]), counter: true }, { width: 1280, height: 720 }, NORMAL_LOOK)!;

  test('the frame at step t holds exactly the rows up to t, on the whole run’s axes', () => {
    for (const t of [0, 10, 95, 150, 300]) {
      const frame = figureAt(plan, t);
      expect(frame.plan.panels).toBe(plan.panels); // axes and legend fixed
      expect(frame.counter).toBe(`step ${t}`);
      const byKey = new Map(frame.panels[0].curves.map((c) => [c.key, c.points]));
      for (const key of ['t', 'a', 'b'])
        expect(byKey.get(key)).toEqual(p.rows.filter((r) => r.x! <= t).map((r) => [r.x, r[key]]));
    }
  });

  test('a band over seeds (mean and range) grows with its line, up to step t', () => {
    const seeds = plot(rows({ a: falling, lo: (x) => falling(x) * 0.9, hi: (x) => falling(x) * 1.1 }), [
      line('a', 'SGD, mean of 3 seeds', { band: { lo: 'lo', hi: 'hi' } }),
    ]);
    const banded = planFigure(spec([seeds]), { width: 1280, height: 720 }, NORMAL_LOOK)!;
    const [band] = figureAt(banded, 100).panels[0].bands;
    expect(band.points).toEqual(seeds.rows.filter((r) => r.x! <= 100).map((r) => [r.x, r.lo, r.hi]));
    expect(banded.legend).toMatchObject([{ text: 'SGD, mean of 3 seeds', band: true }]);
  });

  test('without a step, every row; thinned to about one point per pixel of the plot', () => {
    const long = plot(rows({}), [line('a', 'A')], {
      rows: Array.from({ length: 5000 }, (_, i) => ({ x: i, a: falling(i) })),
    });
    const all = planFigure(spec([long]), { width: 640, height: 360 }, NORMAL_LOOK)!;
    const [curve] = figureAt(all).panels[0].curves;
    const width = Math.round(all.layout.panels[0].plot.w);
    expect(width).toBeGreaterThan(400);
    expect(curve.points).toHaveLength(width);
    expect(curve.points[0]).toEqual([0, 0.5]);
    expect(curve.points.at(-1)![0]).toBe(4999);
  });
});

describe('SVG', () => {
  test('a document with the title, the legend, the axes’ labels, one .line per curve and escaped text', () => {
    const p = plot(rows({ a: falling, b: (s) => falling(s) * 2 }), [line('a', 'A <a>'), line('b', 'B & co')]);
    const svg = figureSvg(figureAt(planFigure(spec([p]), { width: 800, plotHeight: 320 }, NORMAL_LOOK)!));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="800" height="\d+"/);
    expect(svg).toContain('>Excess loss</text>');
    expect(svg).toContain('>A &lt;a&gt;</text>');
    expect(svg).toContain('>B &amp; co</text>');
    expect(svg).toContain('>training step</text>');
    expect(svg).toContain('transform="rotate(-90');
    expect(svg.match(/class="line"/g)).toHaveLength(2);
    expect(svg).toContain('>Link: x</text>');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });
});
