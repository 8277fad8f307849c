import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

test('no WebGPU: without an adapter the page says so and trains on the CPU engine', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  // Said from page load, before Run.
  await expect(page.getByTestId('no-gpu')).toContainText('no WebGPU adapter');
  await app.button('Run').click();
  await expect(page.getByTestId('status')).toContainText('CPU (JavaScript, float32)');
  await app.waitForStep(50);
  // 5 lanes and the theory curves of SGD, FA-SGD and CF-SGD.
  await expect(page.getByRole('figure', { name: /Excess loss/ }).locator('.line')).toHaveCount(8);
  await app.screenshot('no-webgpu');
  expect(app.errors).toEqual([]);
});

test('limits: without WebGPU a table too big for the CPU engine is refused with its estimated memory', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Vocabulary N').fill('10000000');
  await app.field('Dimension d').fill('256');
  // Refused as it is typed: the page knows at load that it will train on the CPU.
  await expect(page.getByTestId('run-blockers')).toContainText(
    /needs about .* MiB, over the CPU engine's limit of 1024\.0 MiB/,
  );
  await expect(app.button('Run')).toBeDisabled();
  expect(await app.status()).toBe('idle');
  expect(app.errors).toEqual([]);
});

test('no WebGPU: the sample log and the CTR preset train on the CPU engine too', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.button('Make a sample log').click();
  await expect(page.getByTestId('log-summary')).toContainText('200,000 interactions');
  await app.button('Train on this log').click();
  await app.field('Stop at step').fill('60');
  await app.runToStop(60);
  await expect(page.getByTestId('status')).toContainText('CPU (JavaScript, float32)');
  await expect(page.getByRole('figure', { name: /^Held-out loss/ }).locator('.line')).toHaveCount(5);

  await page.getByRole('combobox', { name: 'Preset' }).selectOption('ctr');
  await app.field('Stop at step').fill('20');
  await app.runToStop(20);
  await expect(page.getByRole('figure', { name: /^AUC on the evaluation clicks/ }).locator('.line')).toHaveCount(6);
  expect(app.errors).toEqual([]);
});
