// The distribution designer: shapes and parameters reach the run; drawn curves and counts take
// effect only when valid, and bad input leaves the last good distribution in use.

import { expect, test, type Page } from '@playwright/test';
import { Playground } from './playground.ts';

const designer = (page: Page) => page.getByRole('region', { name: 'Token distribution' });

async function kindInUse(app: Playground) {
  return (await app.state<Record<string, string>>('fields'))['tokens.kind'];
}

test('shapes and their parameters change the preview and the run', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  const d = designer(page);
  const readout = d.locator('.expected');
  const zipf = await readout.textContent();
  await d.getByLabel('Shape').selectOption('headTail');
  await d.getByLabel('Head size (tokens)', { exact: false }).fill('50');
  await d.getByLabel('Head share of samples', { exact: false }).fill('0.9');
  await expect(readout).not.toHaveText(zipf!);
  await expect(readout).toContainText('head (ranks 1–100)');
  await d.getByLabel('Shape').selectOption('powerLaw');
  await d.getByLabel('Cutoff rank', { exact: false }).fill('2000');
  await app.field('Head: top % of ranks').fill('5');
  await expect(readout).toContainText('head (ranks 1–500)');
  await app.field('Stop at step').fill('20');
  await app.runToStop(20);
  const run = await app.running();
  expect(run.tokens).toEqual({ kind: 'powerLaw', s: 1.1, cutoff: 2000 });
  expect(run.bucketEnds).toEqual([0.05, 0.1]);
  await expect(page.getByText('Head: top 5% of tokens')).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('a drawn curve with a gap is refused and the last good distribution stays; a whole curve is used', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  const d = designer(page);
  await d.getByLabel('Shape').selectOption('drawn');
  const pad = d.getByRole('slider', { name: 'Draw the rank-frequency curve' });
  await d.getByRole('button', { name: 'Clear' }).click();
  const box = (await pad.boundingBox())!;
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  // Two strokes, left and right, with nothing drawn between them.
  const stroke = async (from: number, to: number, y0: number, y1: number) => {
    await page.mouse.move(...at(from, y0));
    await page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(...at(from + ((to - from) * i) / 10, y0 + ((y1 - y0) * i) / 10));
    await page.mouse.up();
  };
  await stroke(0.1, 0.4, 0.06, 0.3);
  await stroke(0.7, 0.99, 0.5, 0.8);
  await d.getByRole('button', { name: 'Use this curve' }).click();
  await expect(d.getByRole('alert')).toHaveText(
    /The drawn curve has a gap between rank [\d,]+ and rank [\d,]+: draw across it\. The last good distribution is still in use\./,
  );
  expect(await kindInUse(app)).toBe('zipf');
  await stroke(0.38, 0.72, 0.3, 0.5);
  // The keyboard edits the pad too: the focused knot moves down a quarter decade.
  await pad.focus();
  await page.keyboard.press('ArrowDown');
  await d.getByRole('button', { name: 'Use this curve' }).click();
  await expect(d.getByRole('alert')).toHaveCount(0);
  expect(await kindInUse(app)).toBe('drawn');
  await app.screenshot('designer-drawn');
  await app.field('Stop at step').fill('20');
  await app.runToStop(20);
  const tokens = (await app.running()).tokens as { kind: string; knots: number[] };
  expect(tokens.kind).toBe('drawn');
  expect(tokens.knots.every((y) => y <= 0 && y >= -8)).toBe(true);
  expect(app.errors).toEqual([]);
});

test('hostile input: pasted counts that are bad are refused with a clear message; good counts set the vocabulary', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  const d = designer(page);
  await d.getByLabel('Shape').selectOption('counts');
  const text = d.getByLabel('Counts: one per line, or token,count');
  const use = d.getByRole('button', { name: 'Use these counts' });
  for (const [input, message] of [
    ['', /No counts found/],
    ['5\n-3\n2', /Line 2: the count -3 is negative/],
    ['the,5\nof,many', /Line 2: "many" is not a number/],
    ['0\n0\n0', /All counts are zero/],
  ] as const) {
    await text.fill(input);
    await use.click();
    await expect(d.getByRole('alert')).toHaveText(message);
    await expect(d.getByRole('alert')).toContainText('The last good distribution is still in use.');
    expect(await kindInUse(app)).toBe('zipf');
    await expect(app.field('Vocabulary N')).toHaveValue('10000');
  }
  const counts = Array.from({ length: 300 }, (_, k) => `w${k},${Math.round(5000 / (k + 1))}`).join('\n');
  await text.fill(`word,count\n${counts}`);
  await use.click();
  await expect(d.getByRole('alert')).toHaveCount(0);
  await expect(d.getByText('Line 1 ("word,count") was read as a header.')).toBeVisible();
  // Pasted counts get their Zipf fit too (these are 5000/k: s = 1).
  await expect(d.getByText(/Zipf's law by maximum likelihood over ranks 1–300: s = 1\.00\./)).toBeVisible();
  await expect(app.field('Vocabulary N')).toHaveValue('300');
  await expect(app.field('Vocabulary N')).toHaveAttribute('readonly', '');
  await app.field('Stop at step').fill('20');
  await app.runToStop(20);
  const run = await app.running();
  expect(run.rows).toBe(300);
  expect((run.tokens as { counts: number[] }).counts[0]).toBe(5000);
  expect(app.errors).toEqual([]);
});

test('hostile input: an uploaded count file that is binary or empty is refused; a good one is used', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  const d = designer(page);
  await d.getByLabel('Shape').selectOption('counts');
  const upload = d.getByLabel('Upload a file…');
  await upload.setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.from('') });
  await expect(d.getByRole('alert')).toHaveText(/No counts found/);
  await upload.setInputFiles({
    name: 'image.png',
    mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0xff, 0xfe]),
  });
  await expect(d.getByRole('alert')).toHaveText(/binary file/);
  expect(await kindInUse(app)).toBe('zipf');
  const tsv = Array.from({ length: 80 }, (_, k) => `tok${k}\t${1000 - 10 * k}`).join('\n');
  await upload.setInputFiles({ name: 'counts.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(tsv) });
  await expect(d.getByRole('alert')).toHaveCount(0);
  expect(await kindInUse(app)).toBe('counts');
  await expect(app.field('Vocabulary N')).toHaveValue('80');
  expect(app.errors).toEqual([]);
});

test('matrix factorisation has a designer for users and one for items', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await page.getByLabel('Preset', { exact: true }).selectOption('mfZipf');
  await expect(page.getByRole('region', { name: 'User distribution' })).toBeVisible();
  const items = page.getByRole('region', { name: 'Item distribution' });
  await items.getByLabel('Shape').selectOption('uniform');
  await app.field('Stop at step').fill('20');
  await app.runToStop(20);
  const run = await app.running();
  expect(run.tokens).toEqual({ kind: 'zipf', s: 1.1 });
  expect(run.itemTokens).toEqual({ kind: 'uniform' });
  expect(app.errors).toEqual([]);
});
