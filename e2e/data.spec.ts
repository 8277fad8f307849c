// Your data: interaction logs are read off the main thread with progress and Cancel; malformed
// lines are listed by number or refuse the file, as chosen; a sample log shows the flow.

import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DEFAULT_TEXT_OPTIONS, parseText } from '../src/engine/input/text.ts';
import { sampleText } from '../src/engine/testing/sampleText.ts';
import { Playground } from './playground.ts';

test('your data: a sample log, a file with bad lines (skipped or refused), an empty file, and Cancel', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  const summary = page.getByTestId('log-summary');

  await app.button('Make a sample log').click();
  await expect(summary).toContainText(
    /sample log: [\d,]+ users, [\d,]+ items, 200,000 interactions with ratings; a header line was read; 0 malformed lines skipped/,
  );
  await expect(summary).toContainText(/The top 1% of users make \d+% of the interactions/);
  const chart = page.getByRole('figure', { name: /^Interactions by rank/ });
  await expect(chart.locator('.line')).toHaveCount(2);
  const [download] = await Promise.all([page.waitForEvent('download'), app.button('Download the sample log').click()]);
  expect(download.suggestedFilename()).toBe('fa-sgd-sample-interactions.csv');
  await chart.scrollIntoViewIfNeeded();
  await app.screenshot('data-sample');

  const input = page.getByRole('button', { name: 'Open an interaction log…' });
  const bad = Buffer.concat([
    Buffer.from('user::item::rating\nu1::i1::5\nu2\nu3::i2::five\n'),
    Buffer.from([0x75, 0x34, 0x3a, 0x3a, 0xff, 0xfe, 0x3a, 0x3a, 0x31, 0x0a]), // u4::<not UTF-8>::1
    Buffer.from('u5::i3::2\nu1::i3::4\n'),
  ]);
  await input.setInputFiles({ name: 'ratings.dat', mimeType: 'text/plain', buffer: bad });
  await expect(summary).toContainText('ratings.dat: 2 users, 2 items, 3 interactions with ratings');
  await expect(page.getByRole('list', { name: 'Malformed lines' }).getByRole('listitem')).toHaveText([
    'Line 3: it needs at least a user and an item',
    'Line 4: rating "five" is not a finite number',
    'Line 5: bytes that are not UTF-8 text',
  ]);

  await page.getByRole('combobox', { name: 'Malformed lines' }).selectOption('refuse');
  await input.setInputFiles({ name: 'ratings.dat', mimeType: 'text/plain', buffer: bad });
  await expect(page.getByRole('alert').filter({ hasText: 'ratings.dat' })).toHaveText(
    'ratings.dat: Line 3: it needs at least a user and an item. Fix the line, or choose to skip malformed lines.',
  );
  await input.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect(page.getByRole('alert').filter({ hasText: 'empty.csv' })).toContainText('The file has no interactions');

  // A large file shows progress and can be cancelled.
  const big = Buffer.from(Array.from({ length: 1_500_000 }, (_, i) => `u${i % 50000},i${(i * 7) % 20000}`).join('\n'));
  await input.setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: big });
  await expect(page.getByText('Reading big.csv…')).toBeVisible();
  await app.button('Cancel').click();
  await expect(page.getByRole('alert').filter({ hasText: 'cancelled' })).toHaveText(
    'Reading was cancelled; nothing changed.',
  );
  await expect(page.getByText('Reading big.csv…')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('your data: train on the sample log; held-out loss by user and item bucket; FA-SGD beats SGD on tail users; the link leaves the data out', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new Playground(page);
  await app.open();
  await app.button('Make a sample log').click();
  await expect(page.getByTestId('log-summary')).toContainText('200,000 interactions');
  await app.button('Train on this log').click();
  await expect(page.getByLabel('Preset', { exact: true }).locator('option:checked')).toHaveText(
    'Your data: sample log',
  );
  await expect(page.getByTestId('data-summary')).toContainText(
    'Training on sample log: 2,000 users × 1,000 items, 200,000 interactions. Squared loss on the ratings',
  );
  await expect(page.getByTestId('data-not-in-link')).toContainText('The data itself is not in the link');
  await app.field('Stop at step').fill('250');
  await app.runToStop(250);

  const loss = page.getByRole('figure', { name: /^Held-out loss \(log scale\)/ });
  await expect(loss.locator('.line')).toHaveCount(5);
  for (const of of ['users', 'items'])
    await expect(page.getByRole('figure', { name: `Head: top 1% of ${of}` }).locator('.line')).toHaveCount(5);
  await expect(page.getByTestId('summary')).toContainText('held-out loss');
  // Lanes in preset order: SGD, FA-SGD, CF-SGD, Adagrad (row), Adagrad (coordinate). Tail users:
  // FA-SGD and CF-SGD clearly below SGD at step 250 (the unit test checks the same on the CPU).
  const points = await app.state<{ step: number; buckets: number[][] }[]>('points');
  const last = points.at(-1)!;
  expect(last.step).toBe(250);
  const tail = last.buckets.map((b) => b[2]);
  expect(tail[1]).toBeLessThan(0.85 * tail[0]);
  expect(tail[2]).toBeLessThan(0.85 * tail[0]);
  await loss.scrollIntoViewIfNeeded();
  await app.screenshot('data-run');
  // The Share panel offers to keep the run here instead, with its data summary.
  await page.getByTestId('data-not-in-link').getByRole('button', { name: 'Save this run here' }).click();
  await expect(page.getByText(/^Saved “sample log, \d{4}-\d\d-\d\d”\.$/)).toBeVisible();

  // The link opens the same setup elsewhere, says the data is not in it, and asks for the file.
  await app.button('Copy link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('preset=data');
  const other = new Playground(await context.newPage());
  await other.open(link.replace(/^http:\/\/localhost:\d+/, ''));
  // A good data link is information, not a problem.
  await expect(other.page.getByTestId('link-info')).toContainText(
    'This link is of a run on “sample log” (200,000 interactions). The data itself is not in the link',
  );
  await expect(other.page.getByText('could not be used')).toHaveCount(0);
  // Run cannot start, and says why beside it (and where the data is described).
  await expect(other.button('Run')).toBeDisabled();
  await expect(other.page.getByTestId('run-blockers')).toContainText(
    'which is not loaded here: data never travels in a link',
  );
  await expect(other.page.getByTestId('data-summary').getByRole('alert')).toContainText('which is not loaded here');
  await expect(other.page.getByTestId('data-needed')).toContainText('This link trains on “sample log”');
  expect(await other.status()).toBe('idle');
  expect(app.errors).toEqual([]);
  expect(other.errors).toEqual([]);
});

test('your data: a text — words by rank with a Zipf fit, skip-gram training on held-out pairs, and bad input', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  const panel = page.locator('section.data').filter({ hasText: 'Your data: a text' });
  await expect(panel.getByRole('button', { name: 'Read the pasted text' })).toBeDisabled();
  await panel.getByLabel('Window', { exact: true }).fill('0');
  await expect(panel.getByRole('alert')).toHaveText('Window must be a whole number from 1 to 10.');
  await panel.getByLabel('Window', { exact: true }).fill('2');
  await panel.getByLabel('Text to train on').fill('  …  ');
  await panel.getByRole('button', { name: 'Read the pasted text' }).click();
  await expect(panel.getByRole('alert')).toHaveText('pasted text: The text has fewer than two words.');

  await panel
    .locator('input[type=file]')
    .setInputFiles({ name: 'generated.txt', mimeType: 'text/plain', buffer: Buffer.from(sampleText(60_000)) });
  const summary = page.getByTestId('text-summary');
  await expect(summary).toContainText(
    /generated\.txt: 60,000 words, [\d,]+ distinct; the [\d,]+ most frequent are kept/,
  );
  await expect(summary).toContainText(
    /Zipf's law fitted by maximum likelihood over the head, ranks 1–[\d,]+ .*exponent s = \d\.\d\d, R² = 0\.\d{3}/,
  );
  await expect(page.getByRole('figure', { name: /^Words by rank/ }).locator('.line')).toHaveCount(2);

  await app.button('Train on this text').click();
  await expect(page.getByTestId('data-summary')).toContainText(
    /Training on generated\.txt: [\d,]+ words × [\d,]+ contexts, 239,994 word–context pairs\. Implicit: logistic loss, 4 sampled negatives per positive\./,
  );
  await app.field('Stop at step').fill('150');
  await app.runToStop(150);
  const loss = page.getByRole('figure', { name: /^Held-out loss \(log scale\)/ });
  await expect(loss.locator('.line')).toHaveCount(5);
  for (const of of ['words', 'contexts'])
    await expect(page.getByRole('figure', { name: `Head: top 1% of ${of}` }).locator('.line')).toHaveCount(5);
  // Every lane learns: the held-out logistic loss falls below log 2 (a coin flip).
  const last = (await app.points()).at(-1)!;
  for (const e of last.excess) expect(e).toBeLessThan(Math.log(2));
  await summary.scrollIntoViewIfNeeded();
  await app.screenshot('data-text');
  expect(app.errors).toEqual([]);
});

test('CTR: fields are validated; a run fills the excess log loss and AUC charts, the AUC rises above chance', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('ctr');
  const fields = app.field('Fields (values:Zipf s)');
  await expect(fields).toHaveValue('10000:1.1, 50000:1.2, 1000:0.8, 20:0.5');
  await fields.fill('1000:1.1, x');
  await expect(page.getByText(/^Fields must be 2 to 8 entries "values:exponent"/)).toBeVisible();
  await expect(app.button('Run')).toBeDisabled();
  await fields.fill('5000:1.1, 20000:1.2, 300:0.8, 20:0.5');
  await app.field('Stop at step').fill('200');
  await app.runToStop(200);
  await expect(page.getByRole('figure', { name: /^Excess log loss \(log scale\)/ }).locator('.line')).toHaveCount(5);
  const aucChart = page.getByRole('figure', { name: /^AUC on the evaluation clicks/ });
  // Five lanes and the teacher's AUC as a reference line.
  await expect(aucChart.locator('.line')).toHaveCount(6);
  await expect(aucChart).toContainText(/teacher \(the best to expect\): 0\.\d{3}/);
  const points = await app.state<{ step: number; auc: number[] }[]>('points');
  const [first, last] = [points[0], points.at(-1)!];
  expect(last.step).toBe(200);
  for (let l = 0; l < 5; l++) expect(last.auc[l]).toBeGreaterThan(Math.max(0.55, first.auc[l]));
  await aucChart.scrollIntoViewIfNeeded();
  await app.screenshot('ctr-run');
  expect(app.errors).toEqual([]);
});

test('your data: a data link and the same file reproduce the run bit for bit, with every setting of the link; another file is refused', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new Playground(page);
  await app.open();
  await app.button('Make a sample log').click();
  await app.button('Train on this log').click();
  await app.field('Seed').fill('5');
  await app.field('β (FA-SGD)').fill('0.7');
  await app.field('Stop at step').fill('120');
  await app.runToStop(120);
  const csv = async (p: Playground) => {
    const [d] = await Promise.all([p.page.waitForEvent('download'), p.button('Export CSV').click()]);
    return (await readFile(await d.path())).toString('utf8');
  };
  const first = await csv(app);
  await app.button('Copy link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  const other = new Playground(await context.newPage());
  await other.open(link.replace(/^http:\/\/localhost:\d+/, ''));
  // Another file first: refused, saying what differs; the link's settings stay.
  const text = other.page.locator('section.data').filter({ hasText: 'Your data: a text' });
  await text.getByLabel('Text to train on').fill('the cat sat on the mat and the dog sat on the log '.repeat(40));
  await text.getByRole('button', { name: 'Read the pasted text' }).click();
  await other.button('Train on this text').click();
  await expect(other.page.getByTestId('data-refusal')).toContainText(
    '“pasted text” is not the data this link was made with',
  );
  await expect(other.field('Seed')).toHaveValue('5');
  // The same log: accepted, every setting kept, and the same curves to the last bit.
  await other.button('Make a sample log').click();
  await other.button('Train on this log').click();
  await expect(
    other.page.getByText(/is the data of this link \(same fingerprint\): every setting of the link is kept/),
  ).toBeVisible();
  await expect(other.field('Seed')).toHaveValue('5');
  await expect(other.field('β (FA-SGD)')).toHaveValue('0.7');
  await expect(other.field('Stop at step')).toHaveValue('120');
  await other.runToStop(120);
  expect(await csv(other)).toBe(first);
  expect(app.errors).toEqual([]);
  expect(other.errors).toEqual([]);
});

test('your data: a text run names its words on hover (rank chart, sparse-update strip, step-size chart) and starts SGD at a rate stable on real text', async ({
  page,
}) => {
  const app = new Playground(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  const text = sampleText(60_000);
  const parsed = parseText(text, DEFAULT_TEXT_OPTIONS);
  if (!parsed.ok) throw new Error(parsed.error);
  const words = parsed.corpus.words;
  const panel = page.locator('section.data').filter({ hasText: 'Your data: a text' });
  await panel
    .locator('input[type=file]')
    .setInputFiles({ name: 'generated.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });

  /** Hovers the first point of the figure's first curve; returns the hover box's text. */
  const hoverFirstPoint = async (figure: ReturnType<typeof page.getByRole>) => {
    const d = await figure.locator('path.recharts-line-curve').first().getAttribute('d');
    const [x, y] = d!
      .match(/^M([\d.]+),([\d.]+)/)!
      .slice(1)
      .map(Number);
    await figure.scrollIntoViewIfNeeded();
    const box = (await figure.locator('.recharts-wrapper > svg').boundingBox())!;
    // The first move mounts the hover box, the second places it.
    await page.mouse.move(box.x + x + 3, box.y + y);
    await page.mouse.move(box.x + x + 1, box.y + y);
    const tip = figure.locator('.chart-tooltip');
    await expect(tip).toBeVisible();
    return tip.innerText();
  };
  const byRank = page.getByRole('figure', { name: /^Words by rank/ });
  expect(await hoverFirstPoint(byRank)).toContain(`rank 1: “${words[0]}”`);

  await app.button('Train on this text').click();
  await expect(page.getByLabel('Preset', { exact: true }).locator('option:checked')).toHaveText(
    'Your data: generated.txt',
  );
  // SGD at 100 spikes on real text (the Brown corpus, docs/engine.md); its default is 50.
  await expect(app.field('η (SGD)')).toHaveValue('50');
  await app.field('Stop at step').fill('60');
  await app.runToStop(60);

  const strip = page.getByRole('img', { name: /got a gradient/ });
  // Charts above the strip may still grow as they come into sight (a loaded machine redraws late):
  // point again until the pointer stays where it was put.
  await expect(async () => {
    await strip.hover({ position: { x: 20, y: 1 } });
    await expect(page.getByTestId('strip-pointed')).toHaveText(
      new RegExp(`^rank 1: “${words[0]}”: a gradient in \\d+ of \\d+ intervals\\.$`),
      { timeout: 1000 },
    );
  }).toPass({ timeout: 30_000 });
  const steps = page.getByRole('figure', { name: /^Effective step size against token frequency/ });
  await steps.scrollIntoViewIfNeeded();
  expect(await hoverFirstPoint(steps)).toMatch(/rank [\d,]+: “[^”]+”/);
  await steps.screenshot({ path: 'e2e/screenshots/data-run-hover-word.png' });
  await strip.hover({ position: { x: 20, y: 1 } });
  await page.getByRole('figure', { name: /got a gradient/ }).screenshot({ path: 'e2e/screenshots/data-run-strip.png' });

  for (const [width, height] of [
    [1400, 900],
    [1280, 800],
    [820, 1180],
  ]) {
    await page.setViewportSize({ width, height });
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `e2e/screenshots/data-run-${width}x${height}.png` });
  }
  expect(app.errors).toEqual([]);
});
