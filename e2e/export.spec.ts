// Exports (PNG, SVG, CSV, JSON, a PyTorch script) hold what they claim; saved runs survive a reload and overlay
// correctly; full or blocked storage gives a clear message and loses nothing.

import { expect, test, type Download, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFile, writeFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pythonPath } from '../scripts/python.js';
import { Playground } from './playground.ts';

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await (d as Download).path();
  return { name: d.suggestedFilename(), data: await readFile(path) };
}

const keep = async (name: string, data: Buffer | string) => {
  await mkdir('e2e/screenshots', { recursive: true });
  await writeFile(`e2e/screenshots/${name}`, data);
};

test('charts export as SVG and PNG with title, legend, axis labels and a caption with the link', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Stop at step').fill('40');
  await app.runToStop(40);

  const svg = await downloaded(page, () =>
    app.button('Export “Excess loss (log scale) — lower is better” as SVG').click(),
  );
  expect(svg.name).toBe('fa-sgd-excess-loss-log-scale-lower-is-better-step40.svg');
  const text = svg.data.toString('utf8');
  await keep('exported-loss.svg', text);
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      texts: Array.from(doc.querySelectorAll('text'), (t) => t.textContent),
      lines: doc.querySelectorAll('.line').length,
    };
  }, text);
  expect(parsed.error).toBeNull();
  const all = parsed.texts.join('\n');
  expect(all).toContain('Excess loss (log scale) — lower is better');
  for (const name of ['SGD (η=10)', 'FA-SGD (η=3)', 'CF-SGD (η=3)', 'Adagrad (row-wise) (η=0.1)'])
    expect(all).toContain(name);
  expect(all).toContain('training step');
  expect(all).toContain('excess loss');
  expect(all).toMatch(/token regression, N=10000 \(Zipf s=1\.1\), d=16, B=1024, seed 1/);
  expect(all).toMatch(/Link: http:\/\/localhost:\d+\/#v=4&stopAt=40/);
  expect(parsed.lines).toBe(8); // 5 lanes, 3 theory curves
  expect(all).toContain('SGD (η=10), theory');

  const png = await downloaded(page, () =>
    app.button('Export “Excess loss (log scale) — lower is better” as PNG').click(),
  );
  await keep('exported-loss.png', png.data);
  expect(png.data.subarray(1, 4).toString()).toBe('PNG');
  const [w, h] = [png.data.readUInt32BE(16), png.data.readUInt32BE(20)];
  expect(w).toBeGreaterThan(900);
  expect(h).toBeGreaterThan(600);

  const strip = await downloaded(page, () =>
    page.getByRole('button', { name: /^Export “Which tokens got a gradient.*as SVG$/ }).click(),
  );
  expect(strip.data.toString()).toMatch(/<rect [^>]*fill="#0b3d66"/);
  expect(app.errors).toEqual([]);
});

test('CSV and JSON exports hold every recorded step; the JSON opens again as an overlay', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Stop at step').fill('40');
  await app.runToStop(40);
  const points = await app.points();

  const csv = (await downloaded(page, () => app.button('Export CSV').click())).data.toString('utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^step,SGD \(η=10\) excess loss,SGD \(η=10\) head loss,SGD \(η=10\) torso loss,/);
  // 5 lanes, then the theory curves of SGD, FA-SGD and CF-SGD, 4 columns each.
  expect(lines[0].split(',')).toHaveLength(1 + 5 * 4 + 3 * 4);
  expect(lines[0]).toContain(',SGD (η=10) theory excess loss,');
  expect(lines[0]).toContain(',CF-SGD (η=3) theory (plug-in approximation) tail loss');
  expect(lines.length - 1).toBe(points.length);
  const last = lines.at(-1)!.split(',').map(Number);
  expect(last[0]).toBe(40);
  expect(last[1]).toBe(points.at(-1)!.excess[0]);
  expect(last[5]).toBe(points.at(-1)!.excess[1]);

  const json = await downloaded(page, () => app.button('Export JSON').click());
  const record = JSON.parse(json.data.toString('utf8'));
  expect(record).toMatchObject({ format: 'fa-sgd-playground/run', version: 1, config: { seed: 1, dim: 16 } });
  expect(record.points.map((p: { excess: number[] }) => p.excess)).toEqual(points.map((p) => p.excess));
  expect(record.link).toMatch(/#v=4&stopAt=40$/);

  await app.button('Reset').click();
  await page
    .getByLabel('Open a run file…')
    .setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: json.data });
  await expect(page.getByText('Opened “run” and drew it over the charts.')).toBeVisible();
  const loss = page.getByRole('figure', { name: /^Excess loss/ });
  await expect(loss.getByText('run: SGD (η=10)')).toBeVisible();
  await expect(loss.locator('.line')).toHaveCount(13); // 5 live lanes (reset, empty), their 3 theory curves, 5 opened
  await page
    .getByLabel('Open a run file…')
    .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":1}') });
  await expect(page.getByRole('alert').filter({ hasText: 'bad.json' })).toHaveText(
    /not a run exported by FA-SGD Playground/,
  );
  expect(app.errors).toEqual([]);
});

test('a saved run survives a reload, overlays the live run correctly, and can be renamed and deleted', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Stop at step').fill('40');
  await app.runToStop(40);
  const baseline = await app.points();
  await page.getByLabel('Name', { exact: true }).fill('baseline');
  await app.button('Save this run').click();
  await expect(page.getByText('Saved “baseline”.')).toBeVisible();

  await page.reload();
  const list = page.getByRole('list', { name: 'Saved and opened runs' });
  await expect(list.getByText('baseline')).toBeVisible();
  await list.getByLabel(/Overlay/).check();
  const loss = page.getByRole('figure', { name: /^Excess loss/ });
  // Curves drawn: line paths with points (before Run the live lanes' lines wait empty).
  const curves = () =>
    loss
      .locator('.line path.recharts-line-curve')
      .evaluateAll((ps) => ps.filter((p) => (p.getAttribute('d') ?? '').includes('L')).length);
  // Before Run: the 5 saved curves over the 3 theory curves of the setup.
  await expect.poll(curves).toBe(8);
  await app.field('η (SGD)').fill('5');
  await app.runToStop(40);
  await expect.poll(curves).toBe(13); // and the 5 live lanes
  await expect(loss.getByText('baseline: SGD (η=10)')).toBeVisible();
  // The overlay is the saved run's data, step for step.
  const saved = await app.state<{ record: { points: { step: number; excess: number[] }[] } }[]>('saved');
  expect(saved[0].record.points.map((p) => p.excess)).toEqual(baseline.map((p) => p.excess));
  await app.screenshot('overlay');

  await list.getByRole('button', { name: 'Rename “baseline”' }).click();
  await list.getByLabel('New name').fill('η = 10');
  await list.getByRole('button', { name: 'OK' }).click();
  await expect(list.getByText('η = 10', { exact: true })).toBeVisible();
  await page.reload();
  await expect(list.getByText('η = 10', { exact: true })).toBeVisible();
  await list.getByRole('button', { name: 'Delete “η = 10”' }).click();
  await expect(list).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Saved and opened runs' })).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('hostile input: full or corrupt storage: a refused save or unreadable entries give a message; what was saved stays', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if ((globalThis as { storageFull?: boolean }).storageFull)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const app = new Playground(page);
  await app.open();
  await app.field('Stop at step').fill('20');
  await app.runToStop(20);
  await page.getByLabel('Name', { exact: true }).fill('first');
  await app.button('Save this run').click();
  await expect(page.getByText('Saved “first”.')).toBeVisible();
  await page.evaluate(() => ((globalThis as { storageFull?: boolean }).storageFull = true));
  await page.getByLabel('Name', { exact: true }).fill('second');
  await app.button('Save this run').click();
  await expect(page.getByRole('alert').filter({ hasText: 'second' })).toHaveText(
    /Could not save “second”: local storage is full\. .*nothing saved before was lost\./,
  );
  await page.reload();
  const list = page.getByRole('list', { name: 'Saved and opened runs' });
  await expect(list.getByText('first')).toBeVisible();
  await expect(list.getByText('second')).toHaveCount(0);

  // Entries written by something else (another version, a broken extension) or damaged on disk.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fa-sgd-playground');
        open.onsuccess = () => {
          const tx = open.result.transaction('runs', 'readwrite');
          const runs = tx.objectStore('runs');
          runs.put({ id: 'garbage', record: { format: 'fa-sgd-playground/run', version: 1, points: 'x' } });
          runs.put({ id: 'not a record', record: '<script>alert(1)</script>' });
          runs.put({ id: 'empty' });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'saved run' })).toHaveText(
    '3 saved run(s) could not be read and are left out.',
  );
  await expect(list.getByText('first')).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  expect(app.errors).toEqual([]);
});

test('hostile input: blocked storage: the page says so, and runs and exports still work', async ({ page }) => {
  await page.addInitScript(() => {
    indexedDB.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  const app = new Playground(page);
  await app.open();
  await expect(page.getByRole('alert').filter({ hasText: 'saved runs' })).toHaveText(
    /Could not read the saved runs: this browser does not allow local storage here/,
  );
  await app.field('Stop at step').fill('20');
  await app.runToStop(20);
  await page.getByLabel('Name', { exact: true }).fill('blocked');
  await app.button('Save this run').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not save' })).toContainText(
    'Export the run as JSON instead.',
  );
  const csv = await downloaded(page, () => app.button('Export CSV').click());
  expect(csv.data.toString().split('\r\n').length).toBeGreaterThan(2);
  expect(app.errors).toEqual([]);
});

test('"Export PyTorch script" gives a script of the run on the page that reproduces its CSV; an invalid form says why', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Vocabulary N').fill('1');
  await app.button('Export PyTorch script').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Fix the settings marked in red first' })).toBeVisible();
  await app.field('Vocabulary N').fill('2000');
  await app.field('Stop at step').fill('40');
  await app.runToStop(40);
  const script = await downloaded(page, () => app.button('Export PyTorch script').click());
  expect(script.name).toBe('fa-sgd-run.py');
  const text = script.data.toString('utf8');
  expect(text).toMatch(
    /^#!\/usr\/bin\/env python3\n"""FA-SGD Playground run, exported as a PyTorch script: token regression, N=2000/,
  );
  expect(text).toContain('"steps": 40');
  const csv = (await downloaded(page, () => app.button('Export CSV').click())).data.toString('utf8');

  // The script, run as its header says, writes the page's columns and (float rounding aside) its values.
  const dir = await mkdtemp(join(tmpdir(), 'fasgd-e2e-'));
  await writeFile(join(dir, 'fa-sgd-run.py'), text);
  await promisify(execFile)(pythonPath, ['fa-sgd-run.py', '--out', 'run.csv'], { cwd: dir, timeout: 120_000 });
  const rows = (s: string) =>
    s
      .trimEnd()
      .split('\r\n')
      .map((r) => r.split(','));
  const [pageHeader, ...pageRows] = rows(csv);
  const [scriptHeader, ...scriptRows] = rows(await readFile(join(dir, 'run.csv'), 'utf8'));
  const lanes = scriptHeader.length;
  expect(pageHeader.slice(0, lanes)).toEqual(scriptHeader);
  expect(scriptRows.map((r) => r[0])).toEqual(pageRows.map((r) => r[0]));
  scriptRows.forEach((r, i) =>
    r.slice(1).forEach((v, j) => expect(Number(v)).toBeCloseTo(Number(pageRows[i][j + 1]), 5)),
  );
});

test('exported figures list only the curves that can be seen, say which coincide, and keep the legend off the plot', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open('/#v=4&preset=uniform&stopAt=30');
  await app.runToStop(30);
  // Uniform tokens: FA-SGD's step is SGD's, so its curve is SGD's, drawn over it.
  const loss = await downloaded(page, () =>
    app.button('Export “Excess loss (log scale) — lower is better” as SVG').click(),
  );
  const svgOf = (text: string) =>
    page.evaluate((s) => {
      const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
      const box = doc.querySelector('clipPath rect')!;
      return {
        width: Number(doc.documentElement.getAttribute('width')),
        texts: Array.from(doc.querySelectorAll('text'), (t) => ({
          text: t.textContent!,
          y: Number(t.getAttribute('y')),
        })),
        plot: { y: Number(box.getAttribute('y')), width: Number(box.getAttribute('width')) },
        lines: doc.querySelectorAll('.line').length,
      };
    }, text);
  const lossSvg = await svgOf(loss.data.toString('utf8'));
  const texts = lossSvg.texts.map((t) => t.text);
  expect(texts).toContainEqual(expect.stringMatching(/^FA-SGD \(η=[\d.]+\) coincides with SGD \(η=[\d.]+\)$/));
  expect(texts.filter((t) => /^FA-SGD \(η=[\d.]+\)$/.test(t))).toEqual([]);
  expect(lossSvg.lines).toBeGreaterThanOrEqual(5); // every curve is still drawn

  // A small multiple: its legend stands above the plot, which keeps the figure's width.
  const tail = await downloaded(page, () => page.getByRole('button', { name: /^Export “Tail:.*as SVG$/ }).click());
  const tailSvg = await svgOf(tail.data.toString('utf8'));
  await keep('exported-tail.svg', tail.data);
  const tailPng = await downloaded(page, () => page.getByRole('button', { name: /^Export “Tail:.*as PNG$/ }).click());
  await keep('exported-tail.png', tailPng.data);
  const legend = tailSvg.texts.filter((t) => /^(SGD|FA-SGD|CF-SGD|Adagrad) \(/.test(t.text));
  expect(legend.length).toBeGreaterThan(0);
  for (const t of legend) expect(t.y).toBeLessThan(tailSvg.plot.y);
  expect(tailSvg.width).toBeGreaterThanOrEqual(640);
  expect(tailSvg.plot.width).toBeGreaterThan(0.75 * tailSvg.width);
  expect(app.errors).toEqual([]);
});
