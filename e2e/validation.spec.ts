import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

test('bad input shows a message next to its control and blocks Run', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  const cases: [string, string, RegExp][] = [
    ['Vocabulary N', '1', /Vocabulary must be a whole number from 2/],
    ['Dimension d', '300', /Dimension must be a whole number from 1 to 256/],
    ['Dimension d', 'abc', /Dimension must be a whole number .*\(got “abc”, which is not a number\)/],
    ['Head: top % of ranks', '50', /The head \(top 50%\) must end before the torso does \(10%\)/],
    ['Batch B', '0', /Batch must be a whole number from 1 to 65,536/],
    ['Zipf exponent s (Token distribution)', '-1', /Zipf exponent must be a number from 0/],
    ['η (SGD)', '0', /Learning rate must be a finite number > 0/],
    ['η (FA-SGD)', '', /Learning rate must be a finite number > 0/],
    ['β (FA-SGD)', '-1', /β must be a number from 0 to 4/],
    ['cap c (CF-SGD)', '0.5', /Cap must be a number from 1 to 1e30/],
    ['ε (Adagrad (row-wise))', '0', /ε must be a finite number > 0/],
  ];
  for (const [label, value, message] of cases) {
    const input = app.field(label);
    const before = await input.inputValue();
    await input.fill(value);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    const id = await input.getAttribute('aria-describedby');
    await expect(page.locator(`#${id}`)).toHaveText(message);
    await expect(app.button('Run')).toBeDisabled();
    await input.fill(before);
    await expect(input).not.toHaveAttribute('aria-invalid');
  }
  await expect(app.button('Run')).toBeEnabled();
  // Thousands separators are understood.
  await app.field('Vocabulary N').fill('20,000');
  await expect(app.field('Vocabulary N')).not.toHaveAttribute('aria-invalid');
  await app.field('Stop at step').fill('1,000');
  await expect(app.field('Stop at step')).not.toHaveAttribute('aria-invalid');
  await app.field('Stop at step').fill('10');
  await app.runToStop(10);
  expect((await app.running()).rows).toBe(20000);
  expect(app.errors).toEqual([]);
});

test("limits: a table beyond the device's limits is refused as it is typed, naming the limit", async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Dimension d').fill('256');
  await app.field('Vocabulary N').fill('10000000');
  // No Run needed: the page asked the device for its limits at load.
  const rows = app.field('Vocabulary N');
  await expect(rows).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`#${await rows.getAttribute('aria-describedby')}`)).toHaveText(
    /table buffer needs .* MiB, over this device's max\w+ of .* MiB by/,
  );
  await expect(page.getByTestId('run-blockers')).toContainText('Too big for this device');
  await expect(app.button('Run')).toBeDisabled();
  await app.screenshot('limit-refused');
  await app.field('Vocabulary N').fill('100000');
  await expect(rows).not.toHaveAttribute('aria-invalid');
  await expect(app.button('Run')).toBeEnabled();
  expect(app.errors).toEqual([]);
});

test('scale: a table of 1M rows at d 32 (5 lanes, 640 MiB) runs where the device allows it', async ({ page }) => {
  const app = new Playground(page);
  await app.open('/#v=2&rows=1000000&dim=32&batch=4096&stopAt=20');
  await expect(page.locator('.memory').last()).toHaveText(
    'Memory: 32 floats per row (d), 122.1 MiB for 1,000,000 rows',
  );
  await app.runToStop(20);
  const points = await app.points();
  expect(points.at(-1)!.excess.every((e) => Number.isFinite(e) && e < points[0].excess[0])).toBe(true);
  expect(app.errors).toEqual([]);
});
