// Robustness, one test per point: security (CSP, same-origin requests), hostile links. Each link
// re-renders the whole page (~80 ms here), so 250 run in the page; src/state/link.test.ts reads
// 1,000 more through the same codec.

import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

test('security: a strict Content-Security-Policy holds, and the page requests nothing from other origins', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    (globalThis as { violations?: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (globalThis as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const app = new Playground(page);
  await app.open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/unsafe-eval/);
  expect(csp!.match(/script-src[^;]*/)![0]).not.toMatch(/unsafe-inline/);
  await app.field('Stop at step').fill('20');
  await app.runToStop(20);
  // Typeset formulas (fonts), a chart export (a PNG painted on a canvas) and a file read.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    app.button('Export “Excess loss (log scale) — lower is better” as PNG').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  expect(await page.evaluate(() => (globalThis as unknown as { violations: string[] }).violations)).toEqual([]);
  const origin = new URL(page.url()).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !/^(blob|data):/.test(u));
  expect(foreign).toEqual([]);
  expect(app.errors).toEqual([]);
});

test('hostile input: 250 generated malformed links never crash the page and each gives a notice', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  const outcomes = await page.evaluate(async () => {
    // Deterministic generator (mulberry32) of broken links: bad encodings, huge and negative
    // numbers, unknown keys, wrong versions, deep nesting, garbage compression.
    let seed = 12345;
    const r = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const keys = [
      'rows',
      'dim',
      'batch',
      'seed',
      'sgd.lr',
      'fasgd.cap',
      'tokens.kind',
      'tokens.knots',
      'lesson',
      'preset',
      'hide',
      'x.y.z',
      '__proto__',
      'constructor',
    ];
    const values = [
      '-1',
      '1e309',
      '9'.repeat(80),
      'NaN',
      '%E0%A4%A',
      '%FF',
      '[[[[[[[[]]]]]]]]',
      '{"a":{"b":{"c":{}}}}',
      '0x10',
      '',
      '-0',
      'Infinity',
      '<script>alert(1)</script>',
      'javascript:alert(1)',
    ];
    const store = (globalThis as unknown as { playground: { getState(): { linkNotices: string[] } } }).playground;
    const results: { hash: string; notices: number; shown: boolean }[] = [];
    for (let i = 0; i < 250; i++) {
      const kind = r();
      let hash: string;
      if (kind < 0.1)
        hash = `#z=${Array.from({ length: 1 + Math.floor(r() * 40) }, () => pick(['A', '-', '_', '9', '%', '='])).join('')}`;
      else if (kind < 0.2) hash = `#v=${pick(['0', '3', '-1', 'abc', '1e9', ''])}&${pick(keys)}=${pick(values)}`;
      else
        hash = `#v=2&${Array.from({ length: 1 + Math.floor(r() * 5) }, () => `${pick(keys)}=${pick(values)}`).join('&')}`;
      location.hash = hash;
      // hashchange → the link is read (a compressed one asynchronously) and its notices shown;
      // up to 2 s each, as a loaded machine may take a while.
      for (
        const until = performance.now() + 2000;
        performance.now() < until && store.getState().linkNotices.length === 0;
      )
        await new Promise((f) => setTimeout(f, 2));
      const notices = store.getState().linkNotices.length;
      // Every 10th link: wait for the page to draw, and look for the notice itself.
      let shown = true;
      if (i % 10 === 0) {
        await new Promise((f) => setTimeout(f, 0));
        shown = !!document.querySelector('[role=alert]')?.textContent?.includes('could not be used');
      }
      results.push({ hash, notices, shown });
      (store.getState() as unknown as { dismissLinkNotices(): void }).dismissLinkNotices();
    }
    return results;
  });
  expect(outcomes).toHaveLength(250);
  const silent = outcomes.filter((o) => o.notices === 0);
  expect(silent.map((o) => o.hash)).toEqual([]);
  expect(outcomes.filter((o) => !o.shown).map((o) => o.hash)).toEqual([]);
  await expect(page.getByRole('heading', { name: 'FA-SGD Playground' })).toBeVisible();
  await app.field('Stop at step').fill('10');
  await app.runToStop(10);
  expect(app.errors).toEqual([]);
});

test('divergence: a lane whose loss grows past 1000× its start stops, is marked "diverged at step t", and the others go on', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open('/#v=2&fasgd.beta=1&fasgd.cap=1000&cfsgd.on=0&adagradRow.on=0&adagradCoord.on=0&stopAt=300');
  await app.runToStop(300);
  const diverged = await app.state<(number | null)[]>('diverged');
  expect(diverged[0]).toBeNull();
  expect(diverged[1]).toBeGreaterThan(0);
  const loss = page.getByRole('figure', { name: /^Excess loss/ });
  await expect(
    loss.locator('.legend-item-text', { hasText: `FA-SGD (η=3), diverged at step ${diverged[1]}` }),
  ).toBeVisible();
  // Marked where it left the chart, and named under it.
  await expect(loss.locator('.escape')).toHaveCount(1);
  await expect(loss.locator('.chart-note')).toContainText('Off the top: FA-SGD (η=3)');
  await expect(page.getByTestId('summary')).toContainText('FA-SGD diverged at step');
  const points = await app.points();
  expect(points.at(-1)!.excess[0]).toBeLessThan(points[0].excess[0]);
  expect(Number.isFinite(points.at(-1)!.excess[0])).toBe(true);
  await app.screenshot('diverged');
  expect(app.errors).toEqual([]);
});

test('long runs: 200k steps of metrics keep the JS heap bounded and the page responsive', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Stop at step').fill('10');
  await app.runToStop(10);
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  // The metrics of steps 20 … 200,000 (every 10th step, as the default records them), fed through
  // the same path as the worker's, one batch of 500 per animation frame.
  const feed = (from: number, to: number) =>
    page.evaluate(
      async ([from, to]) => {
        const store = (globalThis as unknown as { playground: { getState(): Record<string, never> } }).playground;
        const s = store.getState() as unknown as {
          runId: number;
          running: { lanes: unknown[] };
          reported: { rank: number[] };
          appendMetrics(b: unknown[]): void;
        };
        const L = s.running.lanes.length;
        const E = s.reported.rank.length;
        for (let step = from; step <= to;) {
          const batch = [];
          for (let i = 0; i < 500 && step <= to; i++, step += 10)
            batch.push({
              runId: s.runId,
              stepsPerSecond: 60,
              diverged: [],
              snapshot: {
                step,
                lanes: Array.from({ length: L }, (_, l) => ({
                  excess: 0.5 / (1 + step / 1000) / (l + 1),
                  buckets: [0.1, 0.2, 0.4],
                  rankError: new Float32Array(16).fill(0.1),
                  effStep: new Float32Array(E).fill(1),
                })),
                effCounts: new Float32Array(E).fill(step),
              },
            });
          (store.getState() as unknown as { appendMetrics(b: unknown[]): void }).appendMetrics(batch);
          await new Promise((r) => requestAnimationFrame(r));
        }
      },
      [from, to],
    );
  await feed(20, 20_000);
  const start = await heap();
  await feed(20_010, 200_000);
  const end = await heap();
  console.log(`heap after 20k steps ${(start / 2 ** 20).toFixed(1)} MiB, after 200k ${(end / 2 ** 20).toFixed(1)} MiB`);
  expect(end - start).toBeLessThan(8 * 2 ** 20);
  const points = await app.points();
  expect(points.length).toBeLessThanOrEqual(1200);
  expect(points.at(-1)!.step).toBe(200_000);
  expect(points[0].step).toBe(0);
  // Still responsive: a click is answered at once.
  const t = Date.now();
  await page.getByLabel(/Smooth \(debiased/).check();
  expect(Date.now() - t).toBeLessThan(2000);
  expect(app.errors).toEqual([]);
});

test('device lost: the run goes back to its checkpoint on a new device, keeps its curves and says so', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open('/#v=2&rows=2000&stopAt=400');
  await app.runToStop(400);
  const uninterrupted = await app.points();
  expect(uninterrupted.at(-1)!.excess.every(Number.isFinite)).toBe(true);
  await app.button('Reset').click();

  await app.button('Run').click();
  await app.waitForStep(260); // past a checkpoint (the first at step 10, then one every 2 s)
  await page.evaluate(() =>
    (globalThis as unknown as { playground: { getState(): { loseDevice(): void } } }).playground
      .getState()
      .loseDevice(),
  );
  await expect(page.getByRole('status').filter({ hasText: 'The GPU device was lost' })).toContainText(
    /back to its checkpoint at step [1-9]\d*0 and goes on on a new GPU device/,
  );
  await expect.poll(() => app.status(), { timeout: 90_000 }).toBe('atStop');
  await expect.poll(() => app.step()).toBe(400);
  // What happened stays on the page beside the stop notice.
  await expect(page.getByRole('status').filter({ hasText: 'The GPU device was lost' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Stopped at step 400, as asked.' })).toBeVisible();
  // The steps replayed from the checkpoint are the same bits: the curves equal a run never interrupted.
  expect(await app.points()).toEqual(uninterrupted);
  await app.screenshot('device-lost');
  expect(app.errors).toEqual([]);
});
