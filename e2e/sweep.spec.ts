// Learning-rate sweeps: every optimizer at 8 rates in one run, the loss against the rate, and the
// tuned comparison (each optimizer at its best rate) in the other charts.

import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

test('sweep: 8 rates per optimizer in one run, final loss against rate, each optimizer at its best rate', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open('/#v=2&rows=2000&cfsgd.on=0&adagradRow.on=0&adagradCoord.on=0');
  await page.getByLabel('Mode').selectOption('sweep');
  await expect(app.field('Stop at step')).toHaveValue('300');
  await app.field('Stop at step').fill('60');
  await expect(page).toHaveURL(/mode=sweep/);
  await app.runToStop(60);
  expect((await app.running()).lanes).toHaveLength(16);
  await expect(page.getByText('Sweep finished: step 60 of 60, 16 lanes')).toBeVisible();

  // The best rate named in the sweep chart is each optimizer's lowest final loss.
  const last = (await app.points()).at(-1)!.excess;
  const lanes = (await app.running()).lanes as { lr: number }[];
  const best = (from: number) => {
    const group = last.slice(from, from + 8).map((v) => (Number.isFinite(v) ? v : Infinity));
    return from + group.indexOf(Math.min(...group));
  };
  const [sgd, fasgd] = [best(0), best(8)];
  const sweep = page.getByRole('figure', { name: /^Learning-rate sweep/ });
  await expect(sweep.locator('.legend-item-text')).toHaveText([
    new RegExp(`^SGD: best η=${lanes[sgd].lr} \\(`),
    new RegExp(`^FA-SGD: best η=${lanes[fasgd].lr} \\(`),
  ]);
  const loss = page.getByRole('figure', { name: /^Excess loss/ });
  await expect(loss.locator('.legend-item-text')).toHaveText([
    `SGD (η=${lanes[sgd].lr}), best rate`,
    `FA-SGD (η=${lanes[fasgd].lr}), best rate`,
  ]);
  await expect(page.getByTestId('summary')).toContainText(`(best η=${lanes[fasgd].lr})`);
  await app.screenshot('sweep');

  // A running sweep can be cancelled.
  await app.button('Reset').click();
  await app.field('Stop at step').fill('100000');
  await app.button('Run').click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await app.button('Cancel sweep').click();
  await expect.poll(() => app.status()).toBe('idle');
  expect(app.errors).toEqual([]);
});
