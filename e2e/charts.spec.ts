// The charts are Recharts charts that draw what the run measured: curves in every chart, exact
// values on hover, degenerate inputs drawn honestly, a diverging lane marked where it left, and
// the projector view carried by the link.

import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { Playground } from './playground.ts';

test('after Run every chart is a Recharts chart with curves, and hovering shows exact values', async ({ page }) => {
  const app = new Playground(page);
  await app.open('/#v=3&stopAt=60');
  // Before Run the per-row charts are mounted but say what they wait for, with no empty axes shown.
  for (const name of [/^Effective step size/, /^Error against rank/]) {
    const figure = page.getByRole('figure', { name });
    await expect(figure.locator('.plot-empty-note')).toHaveText('Measured once training starts: press Run.');
    await expect(figure.locator('.recharts-wrapper')).toBeHidden();
    await expect(figure.getByRole('button', { name: 'PNG' })).toHaveCount(0); // nothing to export yet
  }
  await app.runToStop(60);
  await expect(page.locator('.plot-empty-note')).toHaveCount(0);
  const figures = page.locator('.race figure.chart:has(.plot-box)');
  const count = await figures.count();
  expect(count).toBeGreaterThanOrEqual(6); // loss, head, torso, tail, effective step, error by rank
  for (let i = 0; i < count; i++) {
    const figure = figures.nth(i);
    await expect(figure.locator('.recharts-wrapper > svg')).toHaveCount(1);
    // Curves drawn: a line path with points in it.
    await expect
      .poll(() =>
        figure
          .locator('.line path.recharts-line-curve')
          .evaluateAll((ps) => ps.filter((p) => (p.getAttribute('d') ?? '').includes('L')).length),
      )
      .toBeGreaterThan(0);
  }
  const loss = page.getByRole('figure', { name: /^Excess loss/ });
  const box = (await loss.locator('.recharts-wrapper > svg').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
  const tip = loss.locator('.chart-tooltip');
  await expect(tip).toContainText('training step');
  // The values shown are the run's own at the hovered step. Until the chart's last redraw after
  // the stop, the hovered step can be one the picture has only theory for (measured values end
  // earlier there), so the hover values are read once they hold a measured one.
  await expect.poll(() => tip.innerText()).toMatch(/\nSGD \(η=10\): [\d.e-]+/);
  const text = await tip.innerText();
  const step = Number(/training step (\d+)/.exec(text)![1]);
  const point = (await app.points()).find((p) => p.step === step)!;
  const sgd = Number(/\nSGD \(η=10\): ([\d.e-]+)/.exec(text)![1]);
  expect(sgd).toBeCloseTo(point.excess[0], 3);
  expect(app.errors).toEqual([]);
});

/** How many times the chart titled `title` has redrawn since the page opened (frameQueue.ts measures each). */
const redraws = (page: Page, title: RegExp) =>
  page.evaluate(
    (source) =>
      (performance.getEntriesByName('chart-commit') as PerformanceMeasure[]).filter((e) =>
        new RegExp(source).test(String(e.detail)),
      ).length,
    title.source,
  );

type Curve = [number, number][];

/** The curves of an SVG (`curve` picks their path tags) in its plot's box: (0, 0) top left, (1, 1) bottom right. */
function plotCurves(svg: string, curve: RegExp): Curve[] {
  // The plot's box is the first clipping rectangle (Recharts' and the exported figure's alike).
  const box = /<clipPath\b[^>]*>\s*<rect\b([^>]*)>/.exec(svg)![1];
  const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(new RegExp(`\\b${a}="([^"]*)"`).exec(box)![1]));
  return [...svg.matchAll(/<path\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => curve.test(tag))
    .map((tag) => {
      const n = /\sd="([^"]*)"/
        .exec(tag)![1]
        .match(/-?\d*\.?\d+(?:e[-+]?\d+)?/g)!
        .map(Number);
      return Array.from({ length: n.length / 2 }, (_, i): [number, number] => [
        (n[2 * i] - x) / w,
        (n[2 * i + 1] - y) / h,
      ]);
    });
}

/** Whether two sets of curves draw the same lines: every vertex of each lies on the other, within 0.3% of the plot. */
function sameCurves(a: Curve[], b: Curve[]): boolean {
  const on = (p: [number, number], c: Curve) => {
    const i = c.findIndex((q) => q[0] >= p[0] - 1e-9);
    if (i < 0) return Math.abs(p[0] - c[c.length - 1][0]) < 0.003 && Math.abs(p[1] - c[c.length - 1][1]) < 0.003;
    if (i === 0) return Math.abs(p[0] - c[0][0]) < 0.003 && Math.abs(p[1] - c[0][1]) < 0.003;
    const [[x0, y0], [x1, y1]] = [c[i - 1], c[i]];
    return Math.abs(y0 + ((y1 - y0) * (p[0] - x0)) / (x1 - x0 || 1) - p[1]) < 0.003;
  };
  return a.length === b.length && a.every((c, k) => c.every((p) => on(p, b[k])) && b[k].every((p) => on(p, c)));
}

test('a chart out of sight redraws seldom, soon once seen, and exports what was measured last', async ({ page }) => {
  // A window where the effective-step chart is well below the fold (beyond the in-sight margin).
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new Playground(page);
  await app.open('/#v=3&stopAt=');
  const loss = /^Excess loss/;
  const steps = /^Effective step size/;
  const stepsFigure = page.getByRole('figure', { name: steps });
  await expect(stepsFigure).not.toBeInViewport();
  // Before Run every chart counts as seen and draws what the theory worker sends: wait until that
  // is done (a cold first page load can still be drawing), so only the run's redraws are counted.
  await expect
    .poll(async () => {
      const settled = await redraws(page, steps);
      await page.waitForTimeout(1000);
      return (await redraws(page, steps)) - settled;
    })
    .toBe(0);
  const before = { loss: await redraws(page, loss), steps: await redraws(page, steps) };
  await app.button('Run').click();
  await page.waitForTimeout(8000);
  const lossDrawn = (await redraws(page, loss)) - before.loss;
  const stepsDrawn = (await redraws(page, steps)) - before.steps;
  // In sight every 0.5 s (this chart, 1.2 s), out of sight every 3 s at most.
  expect(stepsDrawn).toBeLessThanOrEqual(4);
  expect(lossDrawn).toBeGreaterThan(2 * stepsDrawn);

  // Just after one of its out-of-sight redraws, the chart is scrolled to: it redraws well before 3 s.
  const count = await redraws(page, steps);
  await expect.poll(() => redraws(page, steps), { timeout: 10_000, intervals: [50] }).toBeGreaterThan(count);
  await stepsFigure.scrollIntoViewIfNeeded();
  const seen = await redraws(page, steps);
  await expect.poll(() => redraws(page, steps), { timeout: 2500, intervals: [50] }).toBeGreaterThan(seen);

  // Out of sight again while training goes on: the chart keeps an older picture, but an export
  // draws the latest values first, so the file holds newer curves than were drawn, and the chart
  // shows the same ones from then on. The file is drawn from the chart's figure description, not
  // from Recharts, so curves are compared where they lie in their plots (within 0.3% of the plot).
  const drawn = () => stepsFigure.locator('.recharts-wrapper > svg').evaluate((e) => e.outerHTML);
  const onPage = /\brecharts-line-curve\b/;
  const inFile = /\bclass="line"/;
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(stepsFigure).not.toBeInViewport();
  const away = await redraws(page, steps);
  await expect.poll(() => redraws(page, steps), { timeout: 10_000, intervals: [50] }).toBeGreaterThan(away);
  const old = plotCurves(await drawn(), onPage);
  await page.waitForTimeout(1500); // new values arrive; out of sight, the chart waits
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Export “Effective step size.*as SVG$/ }).click(),
  ]);
  // What the chart shows right after the export (before its next out-of-sight redraw, 3 s on).
  const after = plotCurves(await drawn(), onPage);
  const exported = plotCurves((await readFile(await download.path())).toString('utf8'), inFile);
  expect(exported.length).toBeGreaterThan(0);
  expect(sameCurves(exported, old)).toBe(false);
  expect(sameCurves(after, exported)).toBe(true);
  expect(app.errors).toEqual([]);
});

test('uniform tokens: the effective-step chart draws dots over the one frequency and says slope n/a', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open('/#v=3&preset=uniform&stopAt=30');
  await app.runToStop(30);
  const steps = page.getByRole('figure', { name: /^Effective step size/ });
  await expect(steps.locator('.recharts-line-dots circle').first()).toBeVisible();
  await expect(page.getByTestId('no-slope')).toContainText('Slope: n/a — every token is equally frequent');
  await expect(steps.locator('.legend-item-text', { hasText: 'slope' })).toHaveCount(0);
});

test('a diverging lane is marked where it left the top, and named under the chart', async ({ page }) => {
  const app = new Playground(page);
  await app.open('/#v=3&sgd.lr=300&stopAt=60');
  await app.runToStop(60);
  const loss = page.getByRole('figure', { name: /^Excess loss/ });
  await expect(loss.locator('.escape')).toHaveCount(1);
  await expect(loss.locator('.chart-note')).toContainText(
    /Off the top: SGD \(η=300\), diverged at step \d+ — from step \d+/,
  );
  expect(app.errors).toEqual([]);
});

test('the bucket charts: one scale by default, each its own on request, relative to SGD with a line at 1', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open('/#v=3&stopAt=100');
  await app.runToStop(100);
  const tail = page.getByRole('figure', { name: /^Tail:/ });
  const head = page.getByRole('figure', { name: /^Head:/ });
  const topTick = (f: typeof tail) =>
    f.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').last().textContent();
  // One scale for all by default; each on its own as a choice.
  expect(await topTick(tail)).toBe(await topTick(head));
  await page.getByLabel('Each on its own scale').check();
  await expect.poll(async () => (await topTick(tail)) === (await topTick(head))).toBe(false);
  await page.getByLabel(/Relative to SGD/).check();
  await expect(tail.locator('.recharts-reference-line')).toHaveCount(1);
  await expect(tail.locator('.line')).toHaveCount(4); // every lane but SGD, divided by SGD
  const readout = page.getByTestId('bucket-readout');
  await expect(readout.locator('[data-bucket="tail"]')).toContainText(
    /SGD \(η=10\) [\d.]+ · FA-SGD \(η=3\) [\d.]+, [−+]\d+%/,
  );
});

test('projector view: thicker lines and larger text, kept by the link', async ({ page }) => {
  const app = new Playground(page);
  await app.open('/#v=3&stopAt=20');
  await app.runToStop(20);
  const loss = page.getByRole('figure', { name: /^Excess loss/ });
  // The last line is a live lane's (theory curves come first, thinner).
  const width = () => loss.locator('.line path.recharts-line-curve').last().getAttribute('stroke-width');
  expect(await width()).toBe('2');
  await page.getByLabel(/Projector view/).check();
  await expect.poll(width).toBe('3.5');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('view=projector');
  await app.follow('#v=3&view=projector&stopAt=20');
  await expect(page.getByLabel(/Projector view/)).toBeChecked();
  await expect(page.locator('main.projector')).toHaveCount(1);
});
