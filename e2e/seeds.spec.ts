// Seeds mode: every optimizer in K runs with consecutive seeds; the loss chart draws each
// optimizer's geometric mean over the seeds with the range as a band.

import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

test('seeds: K seeds per optimizer drawn as mean with a band; seed 1 is the single-seed run', async ({ page }) => {
  const app = new Playground(page);
  await app.open('/#v=2&rows=2000&stopAt=40&cfsgd.on=0&adagradRow.on=0&adagradCoord.on=0');
  await app.runToStop(40);
  const single = (await app.points()).at(-1)!.excess;
  await app.button('Reset').click();

  await page.getByLabel('Mode').selectOption('seeds');
  await app.field('Seeds').fill('3');
  await expect(page).toHaveURL(/mode=seeds&seeds=3|seeds=3.*mode=seeds/);
  await app.runToStop(40);
  const excess = (await app.points()).at(-1)!.excess;
  expect(excess).toHaveLength(6); // 2 lanes × 3 seeds, seed-major
  expect(excess.slice(0, 2)).toEqual(single); // seed 1 is the run above, bit for bit
  expect(new Set(excess.filter((_, i) => i % 2 === 0)).size).toBe(3); // the seeds differ

  const loss = page.getByRole('figure', { name: /^Excess loss/ });
  await expect(loss.locator('.legend-item-text')).toHaveText([
    'theory (dotted)',
    'SGD (η=10), mean of 3 seeds',
    'FA-SGD (η=3), mean of 3 seeds',
  ]);
  // Each theory curve is named in the table (and on hover).
  await loss.getByText('Table').click();
  for (const name of ['SGD (η=10), theory, over 3 seeds', 'FA-SGD (η=3), theory, over 3 seeds'])
    await expect(loss.getByRole('columnheader', { name })).toBeVisible();
  await expect(loss.locator('.band')).toHaveCount(2);
  await expect(page.getByTestId('fairness')).toContainText('Fair race, 3 times: in each of seeds 1–3');
  await expect(page.getByTestId('summary')).toContainText('mean excess loss over 3 seeds');
  await app.screenshot('seeds');

  await app.field('Seeds').fill('99');
  await expect(page.getByText('Seeds must be a whole number from 1 to 8 (got 99).', { exact: true })).toBeVisible();
  expect(app.errors).toEqual([]);
});
