// Links: the form is kept in the URL, "Copy link" gives a link that opens the same comparison with
// identical curves, bad links are named in a notice (classroom links: classroom.spec.ts).

import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

test('a copied link opens the same configuration in a fresh page and gives identical metrics', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new Playground(page);
  await app.open();
  const entries = await page.evaluate(() => history.length);
  await app.field('Seed').fill('77');
  await app.field('Dimension d').fill('8');
  await app.field('η (SGD)').fill('7');
  await page.getByRole('checkbox', { name: 'Adagrad (coordinate-wise)', exact: true }).uncheck();
  await app.field('Stop at step').fill('40');
  // The URL follows the form once edits settle, without a history entry per edit.
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('seed=77');
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await app.runToStop(40);
  const before = await app.points();

  await app.button('Copy link').click();
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#v=4&.*seed=77/);
  expect(link).toContain('sgd.lr=7');
  expect(link).toContain('adagradCoord.on=0');

  const other = new Playground(await context.newPage());
  await other.open(link.replace(/^http:\/\/localhost:\d+/, ''));
  await expect(other.field('Seed')).toHaveValue('77');
  await expect(other.field('Dimension d')).toHaveValue('8');
  await other.runToStop(40);
  expect(await other.points()).toEqual(before);
  expect(app.errors).toEqual([]);
  expect(other.errors).toEqual([]);
});

test('a bad link names each unusable value in a notice and still works', async ({ page }) => {
  const app = new Playground(page);
  await app.open('/#v=2&dim=-4&sgd.lr=abc&bogus=1&seed=5&preset=nope');
  const notice = page.getByRole('alert').filter({ hasText: 'could not be used' });
  await expect(notice).toContainText('"dim=-4" is not usable');
  await expect(notice).toContainText('"sgd.lr=abc" is not usable');
  await expect(notice).toContainText('Unknown setting "bogus"');
  await expect(notice).toContainText('There is no preset "nope"');
  await expect(app.field('Dimension d')).toHaveValue('16');
  await expect(app.field('Seed')).toHaveValue('5');
  await app.screenshot('bad-link');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await app.field('Stop at step').fill('10');
  await app.runToStop(10);
  expect(app.errors).toEqual([]);
});

test('a link from schema version 1 (lanes by position) still opens, without notices', async ({ page }) => {
  const app = new Playground(page);
  // Written by the version-1 encoder: seed 77, SGD at η = 7, coordinate-wise Adagrad off.
  await app.open('/#v=1&seed=77&lanes.0.lr=7&lanes.4.on=0&stopAt=20');
  await expect(app.field('Seed')).toHaveValue('77');
  await expect(app.field('η (SGD)')).toHaveValue('7');
  await expect(page.getByRole('checkbox', { name: 'Adagrad (coordinate-wise)', exact: true })).not.toBeChecked();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be used' })).toHaveCount(0);
  await app.runToStop(20);
  expect((await app.running()).lanes).toHaveLength(4);
  // The page rewrites the link in the current version.
  await app.field('Seed').fill('78');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#v=4&seed=78&sgd.lr=7&adagradCoord.on=0&stopAt=20');
  expect(app.errors).toEqual([]);
});
