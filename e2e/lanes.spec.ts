import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

test('lanes switch on and off; the update rule follows the values; memory per row is shown', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  // The typeset rule (KaTeX; its TeX source in data-tex) follows the values as they are typed.
  const rule = page.getByRole('group', { name: 'Update rule of FA-SGD' }).locator('[data-tex]');
  await expect(rule).toHaveAttribute('data-tex', /- 3\\,\\min.*\^\{0\.5\},\\ 20/);
  await app.field('β (FA-SGD)').fill('1');
  await app.field('cap c (FA-SGD)').fill('1e6');
  await expect(rule).toHaveAttribute('data-tex', /\^\{1\},\\ 10\^\{6\}/);
  await expect(rule.locator('.katex-html')).toBeVisible();
  await app.field('cap c (FA-SGD)').fill('20');
  // Optimizer memory per row and in all: FA-SGD none, CF-SGD a counter, Adagrad one float or d.
  const memory = page.locator('.memory');
  await expect(memory).toHaveText([
    'Memory: no optimizer memory',
    'Memory: no optimizer memory',
    'Memory: one u32 counter per row, 39.1 KiB for 10,000 rows',
    'Memory: one float per row, 39.1 KiB for 10,000 rows',
    'Memory: 16 floats per row (d), 625.0 KiB for 10,000 rows',
  ]);
  await app.field('Vocabulary N').fill('1000000');
  await app.field('Dimension d').fill('32');
  await expect(memory.last()).toHaveText('Memory: 32 floats per row (d), 122.1 MiB for 1,000,000 rows');
  await app.field('Vocabulary N').fill('10000');
  await app.field('Dimension d').fill('16');

  const optimizers = ['SGD', 'FA-SGD', 'CF-SGD', 'Adagrad (row-wise)', 'Adagrad (coordinate-wise)'];
  for (const name of optimizers) await page.getByRole('checkbox', { name, exact: true }).uncheck();
  await expect(page.getByText('Switch on at least one optimizer.', { exact: true })).toBeVisible();
  await expect(app.button('Run')).toBeDisabled();
  await page.getByRole('checkbox', { name: 'SGD', exact: true }).check();
  await page.getByRole('checkbox', { name: 'FA-SGD', exact: true }).check();
  await app.button('Run').click();
  await app.waitForStep(20);
  const chart = page.getByRole('figure', { name: /^Excess loss/ });
  await expect(chart.locator('.line')).toHaveCount(4); // the two lanes and their theory curves
  await expect(chart.locator('.legend-item-text')).toHaveText(['theory (dotted)', 'SGD (η=10)', 'FA-SGD (η=3)']);
  expect((await app.points()).at(-1)!.excess).toHaveLength(2);
  await app.screenshot('two-lanes');
  expect(app.errors).toEqual([]);
});
