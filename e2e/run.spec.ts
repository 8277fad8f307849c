import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

test('the default preset runs: the chart fills with one curve per optimizer', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.button('Run').click();
  await app.waitForStep(60);
  const chart = page.getByRole('figure', { name: /Excess loss/ });
  // One curve per optimizer, and the theory curves of SGD, FA-SGD and CF-SGD behind them.
  await expect(chart.locator('.line')).toHaveCount(8);
  for (const name of ['SGD', 'FA-SGD', 'CF-SGD', 'Adagrad (row-wise)', 'Adagrad (coordinate-wise)'])
    await expect(
      chart.locator('.legend-item-text', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')} \\(η=[\\d.]+\\)$`) }),
    ).toBeVisible();
  // The theory is listed once; each curve is named on hover and in the table.
  await expect(chart.locator('.legend-item-text', { hasText: /^theory \(dotted\)$/ })).toBeVisible();
  await chart.getByText('Table').click();
  for (const name of ['SGD (η=10), theory', 'FA-SGD (η=3), theory', 'CF-SGD (η=3), theory (plug-in approximation)'])
    await expect(chart.getByRole('columnheader', { name })).toBeVisible();
  await expect(page.getByTestId('status')).toContainText(/swiftshader|GPU/i);
  expect(Number(await page.getByTestId('rate').textContent())).toBeGreaterThan(0);
  const points = await app.points();
  expect(points[0].step).toBe(0);
  expect(points.at(-1)!.excess.every((v) => v > 0 && v < points[0].excess[0])).toBe(true);
  await app.screenshot('default-running');
  expect(app.errors).toEqual([]);
});

test('Pause stops the steps, Resume continues, Reset gives the identical run again', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.button('Run').click();
  await app.waitForStep(40);
  await app.button('Pause').click();
  await expect.poll(() => app.status()).toBe('paused');
  const paused = await app.step();
  await page.waitForTimeout(1500);
  expect(await app.step()).toBe(paused);
  await app.button('Resume').click();
  await app.waitForStep(paused + 20);
  const first = await app.points();

  await app.button('Reset').click();
  await expect(app.button('Run')).toBeVisible();
  expect(await app.step()).toBe(0);
  await app.button('Run').click();
  await app.waitForStep(first.at(-1)!.step);
  const second = await app.points();
  // Same seed, same configuration: identical metrics at every step both runs recorded.
  const byStep = new Map(second.map((p) => [p.step, p.excess]));
  for (const p of first) if (byStep.has(p.step)) expect(byStep.get(p.step)).toEqual(p.excess);
  expect(first.filter((p) => byStep.has(p.step)).length).toBeGreaterThan(5);
  expect(app.errors).toEqual([]);
});

test('Uniform preset: SGD and FA-SGD draw the same curve', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await page.getByLabel('Preset', { exact: true }).selectOption('uniform');
  await app.button('Run').click();
  await app.waitForStep(60);
  const uniform = (await app.points()).at(-1)!;
  expect(uniform.excess[1]).toBe(uniform.excess[0]);
  await app.screenshot('uniform-running');
  expect(app.errors).toEqual([]);
});

test('every chart has a table view and the race is summarised in words', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.button('Run').click();
  await app.waitForStep(40);
  await expect(page.getByTestId('summary')).toHaveText(
    /^Step \d+: (FA|CF)-SGD leads with excess loss [\d.]+; .*SGD [\d.]+/,
  );
  // Loss, head/torso/tail, effective step, error by rank, update strip, and the designer's preview.
  const figures = page.getByRole('figure');
  await expect(figures).toHaveCount(8);
  const first = page.getByRole('figure', { name: /^Excess loss/ });
  await first.getByText('Table', { exact: true }).click();
  await expect(first.getByRole('table')).toBeVisible();
  await expect(first.getByRole('columnheader', { name: 'FA-SGD (η=3)', exact: true })).toBeVisible();
  await expect(first.getByRole('columnheader', { name: 'FA-SGD (η=3), theory', exact: true })).toBeVisible();
  expect(await first.getByRole('row').count()).toBeGreaterThan(3);
  // The effective-step chart reports slopes: SGD flat.
  await expect(page.getByText(/SGD \(η=10\), slope 0\.00/)).toBeVisible();
  await app.screenshot('tables-and-explanations');
  expect(app.errors).toEqual([]);
});

test('a run at its noise floor by theory says so (the check runs on the theory worker)', async ({ page }) => {
  const app = new Playground(page);
  await app.open('/#v=4&preset=uniform&rows=200&stopAt=500');
  await app.runToStop(500);
  await expect(page.getByTestId('floor')).toContainText(
    'By step 500, SGD and FA-SGD have reached their noise floor by theory',
  );
  expect(app.errors).toEqual([]);
});
