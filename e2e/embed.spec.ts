// The race as a figure in another page: a host on another origin frames view=embed, hears what
// the run does (the schema of docs/embed.md), drives it, and a malformed message changes nothing.

import { expect, test, type Frame, type Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const port = Number(process.env.E2E_PORT ?? 4173);

/**
 * A host page on another origin (127.0.0.1, its own server; the app is on localhost) that frames
 * `src` and keeps every message it hears in window.heard.
 */
async function openHost(page: Page, src: string): Promise<Frame> {
  const html = `<!doctype html><html><body><h1>A course page</h1>
<iframe id="fig" src="${src}" width="900" height="640" style="border:0"></iframe>
<script>
  window.heard = [];
  addEventListener('message', (e) => {
    if (e.source === document.getElementById('fig').contentWindow) window.heard.push({ origin: e.origin, data: e.data });
  });
  window.send = (m) => document.getElementById('fig').contentWindow.postMessage(m, '*');
</script></body></html>`;
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  page.once('close', () => server.close());
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await expect.poll(() => page.frames().some((f) => /view=embed/.test(f.url()))).toBe(true);
  const frame = page.frames().find((f) => /view=embed/.test(f.url()))!;
  await frame.waitForSelector('section.race');
  return frame;
}

type Heard = { origin: string; data: Record<string, unknown> };
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);
const types = async (page: Page) => (await heard(page)).map((h) => h.data.type);
const send = (page: Page, m: unknown) =>
  page.evaluate((m) => (window as unknown as { send(m: unknown): void }).send(m), m);
const status = (frame: Frame) =>
  frame.evaluate(
    () => (globalThis as unknown as { playground: { getState(): { status: string } } }).playground.getState().status,
  );

test('a host page on another origin frames the race: ready, started, progress and stopped messages; it can run, pause and reset', async ({
  page,
}) => {
  const frame = await openHost(page, `http://localhost:${port}/#v=4&stopAt=120&view=embed`);
  await expect.poll(() => types(page)).toContain('ready');
  const ready = (await heard(page)).find((h) => h.data.type === 'ready')!;
  expect(ready.origin).toBe(`http://localhost:${port}`);
  expect(ready.data).toMatchObject({ source: 'fa-sgd-playground', version: 1, lesson: null });
  expect(ready.data.link).toMatch(/#v=4&stopAt=120$/);
  await expect.poll(() => types(page)).toContain('height');
  // The figure: the race, Run/Pause/Reset, a caption that links to the full playground.
  await expect(frame.getByRole('figure', { name: /^Excess loss/ })).toBeVisible();
  await expect(frame.getByRole('figure', { name: /^Tail/ })).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Step' })).toHaveCount(0);
  await expect(frame.getByRole('link', { name: 'FA-SGD Playground' })).toHaveAttribute(
    'href',
    ready.data.link as string,
  );
  await page.screenshot({ path: 'e2e/screenshots/embed-before.png' });

  // Malformed messages change nothing.
  for (const m of [
    'run',
    { command: 'run' },
    { source: 'fa-sgd-host', version: 2, command: 'run' },
    { source: 'fa-sgd-host', version: 1, command: 'loseDevice' },
    { source: 'fa-sgd-host', version: 1, command: 'run()' },
  ])
    await send(page, m);
  await page.waitForTimeout(500);
  expect(await status(frame)).toBe('idle');
  expect(await types(page)).not.toContain('started');

  // The host runs it; the run reports its progress and its stop with the final losses.
  await send(page, { source: 'fa-sgd-host', version: 1, command: 'run' });
  await expect.poll(() => types(page), { timeout: 60_000 }).toContain('stopped');
  const all = (await heard(page)).map((h) => h.data);
  for (const m of all) expect(m).toMatchObject({ source: 'fa-sgd-playground', version: 1 });
  const started = all.find((m) => m.type === 'started')!;
  expect(started.summary).toMatch(/^token regression, N=10000/);
  const progress = all.filter((m) => m.type === 'progress');
  expect(progress.map((m) => m.step)).toEqual([50, 100]);
  const stopped = all.find((m) => m.type === 'stopped')!;
  expect(stopped).toMatchObject({ run: started.run, step: 120, reason: 'stopStep' });
  const losses = stopped.losses as Record<string, number>;
  expect(Object.keys(losses)).toEqual([
    'SGD (η=10)',
    'FA-SGD (η=3)',
    'CF-SGD (η=3)',
    'Adagrad (row-wise) (η=0.1)',
    'Adagrad (coordinate-wise) (η=0.1)',
  ]);
  expect(losses['FA-SGD (η=3)']).toBeLessThan(losses['SGD (η=10)']);
  // The figure draws the run (its curves, not only the theory's).
  await expect
    .poll(() =>
      frame
        .getByRole('figure', { name: /^Excess loss/ })
        .locator('path.recharts-line-curve')
        .evaluateAll((ps) => ps.filter((p) => /L/.test(p.getAttribute('d') ?? '')).length),
    )
    .toBeGreaterThanOrEqual(8);
  await page.screenshot({ path: 'e2e/screenshots/embed-after.png' });
  // Run goes on (Continue), pause stops it, reset drops it.
  await send(page, { source: 'fa-sgd-host', version: 1, command: 'run' });
  await expect.poll(() => status(frame)).not.toBe('atStop');
  await send(page, { source: 'fa-sgd-host', version: 1, command: 'pause' });
  await expect.poll(() => status(frame)).toMatch(/paused|atStop/);
  await send(page, { source: 'fa-sgd-host', version: 1, command: 'reset' });
  await expect.poll(() => status(frame)).toBe('idle');
});

test('an embedded lesson keeps its prediction step, and says what the student predicted', async ({ page }) => {
  const frame = await openHost(page, `http://localhost:${port}/#v=4&lesson=tail-starves&view=embed`);
  await expect.poll(() => types(page)).toContain('ready');
  // Run waits for the prediction, also when the host asks.
  await send(page, { source: 'fa-sgd-host', version: 1, command: 'run' });
  await page.waitForTimeout(300);
  expect(await status(frame)).toBe('idle');
  await frame.getByLabel('Tail (the other 90%)').check();
  await expect
    .poll(async () => (await heard(page)).find((h) => h.data.type === 'predicted')?.data)
    .toMatchObject({
      lesson: 'tail-starves',
      choice: 2,
      right: true,
    });
  await page.screenshot({ path: 'e2e/screenshots/embed-lesson.png' });
});
