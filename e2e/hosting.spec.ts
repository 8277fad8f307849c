// The built site works from a sub-path (a hosted copy opens the same links) and offline once loaded.

import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

const hosted = `http://localhost:${Number(process.env.E2E_PORT ?? 4173) + 1}/hosted/fa-sgd/`;

test('served from a sub-path, a link opens its comparison; once loaded, the page works offline', async ({
  page,
  context,
}) => {
  const app = new Playground(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await app.open(`${hosted}#v=2&seed=5&stopAt=20`);
  await expect(app.field('Seed')).toHaveValue('5');
  await app.runToStop(20);
  const online = await app.points();
  expect(requests.filter((u) => !u.startsWith(hosted) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  // Wait until the service worker has cached the build.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 100 && !(await caches.has('fa-sgd-playground')); i++)
      await new Promise((r) => setTimeout(r, 100));
  });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'FA-SGD Playground' })).toBeVisible();
  await expect(app.field('Seed')).toHaveValue('5');
  await app.runToStop(20);
  expect(await app.points()).toEqual(online);
  await app.screenshot('offline-subpath');
  await context.setOffline(false);
  expect(app.errors).toEqual([]);
});
