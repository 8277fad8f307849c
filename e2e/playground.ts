// Page object of the playground for end-to-end tests: role and label locators, plus read access
// to the store that the page exposes as globalThis.playground.

import { expect, type Page } from '@playwright/test';

export interface PointView {
  step: number;
  excess: number[];
}

export class Playground {
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && this.errors.push(`console: ${m.text()}`));
  }

  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.page.getByRole('heading', { name: 'FA-SGD Playground' })).toBeVisible();
  }

  /** Follows a link within the open page (a fragment: the page reads it without reloading). */
  async follow(hash: string) {
    await this.page.evaluate((h) => (location.hash = h), hash);
    await expect.poll(() => this.status()).toBe('idle');
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async step(): Promise<number> {
    return Number(await this.page.getByTestId('step').textContent());
  }

  async waitForStep(atLeast: number) {
    await expect.poll(() => this.step(), { timeout: 90_000 }).toBeGreaterThanOrEqual(atLeast);
  }

  points(): Promise<PointView[]> {
    return this.page.evaluate(() => {
      const s = (globalThis as unknown as { playground: { getState(): { points: PointView[] } } }).playground;
      return s.getState().points.map((p) => ({ step: p.step, excess: p.excess }));
    });
  }

  /** The configuration of the current run, as the page sent it to the engine. */
  running(): Promise<Record<string, unknown> & { lanes: Record<string, unknown>[] }> {
    return this.page.evaluate(
      () => (globalThis as unknown as { playground: { getState(): { running: never } } }).playground.getState().running,
    );
  }

  /** Any slice of the store's state (plain data only). */
  state<T>(key: string): Promise<T> {
    return this.page.evaluate(
      (k) => (globalThis as unknown as { playground: { getState(): Record<string, T> } }).playground.getState()[k],
      key,
    );
  }

  /** Runs until the run pauses at its stop step. */
  async runToStop(stopAt: number) {
    await this.button('Run').click();
    await expect.poll(() => this.status(), { timeout: 90_000 }).toBe('atStop');
    // The last metrics reach the page on the next animation frame.
    await expect.poll(() => this.step()).toBe(stopAt);
  }

  status(): Promise<string> {
    return this.page.evaluate(
      () => (globalThis as unknown as { playground: { getState(): { status: string } } }).playground.getState().status,
    );
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
  }
}
