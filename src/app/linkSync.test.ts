import { describe, expect, test } from 'vitest';
import { defaultForm } from '../state/form.ts';
import { linkHash, readLink } from '../state/link.ts';
import { createPlaygroundStore } from '../state/store.ts';
import { LINK_SETTLE_MS, syncLink, type LinkWindow } from './linkSync.ts';

/** A window whose timers, hashchange events and URL writes the test drives by hand. */
function fakeWindow(hash = '') {
  const timers = new Map<number, () => void>();
  let next = 1;
  let onHash: (e: { newURL: string }) => void = () => {};
  const writes: string[] = [];
  const win: LinkWindow = {
    location: { hash },
    history: {
      state: null,
      replaceState: (_s, _u, url) => {
        writes.push(url);
        win.location.hash = url;
      },
    },
    addEventListener: (_t, f) => (onHash = f),
    setTimeout: (f, ms) => {
      expect(ms).toBe(LINK_SETTLE_MS);
      timers.set(next, f);
      return next++;
    },
    clearTimeout: (id) => void timers.delete(id),
  };
  return {
    win,
    writes,
    /** Runs the pending settle timer (at most one is ever pending). */
    settle() {
      expect(timers.size).toBeLessThanOrEqual(1);
      for (const [id, f] of timers) {
        timers.delete(id);
        f();
      }
    },
    pending: () => timers.size,
    /** The user follows a link: the hash changes at once, the event comes a task later. */
    follow(h: string) {
      win.location.hash = h;
      return () => onHash({ newURL: `http://localhost/${h}` });
    },
  };
}

const tick = () => new Promise((f) => setTimeout(f, 0));

/** A write the test resolves when it wants, to land it between a hash change and its event. */
function heldWrite() {
  const held: (() => void)[] = [];
  const write: typeof linkHash = (form) => new Promise((f) => held.push(() => void linkHash(form).then(f)));
  return { write, release: () => held.splice(0).forEach((f) => f()) };
}

describe('linkSync', () => {
  test('an edit is written once edits settle; a followed link opens its form and notices', async () => {
    const w = fakeWindow();
    const store = createPlaygroundStore(() => {}, defaultForm('zipf'));
    syncLink(store, w.win);
    store.getState().editField('seed', '7');
    store.getState().editField('seed', '77');
    w.settle();
    await tick();
    expect(w.writes).toEqual([await linkHash(store.getState())]);
    expect(w.writes[0]).toContain('seed=77');

    w.follow('#v=2&seed=1e309')();
    await tick();
    expect(store.getState().linkNotices.join(' ')).toMatch(/seed=1e309/);
  });

  test('a write that lands between a hash change and its event neither hides nor overwrites the link', async () => {
    const w = fakeWindow();
    const held = heldWrite();
    const store = createPlaygroundStore(() => {}, defaultForm('zipf'));
    syncLink(store, w.win, readLink, held.write);
    store.getState().editField('seed', '5');
    w.settle(); // the write of seed=5 starts and waits
    const event = w.follow('#v=2&seed=1e309');
    held.release();
    await tick(); // …and would land now, before the hashchange event
    event();
    await tick();
    expect(store.getState().linkNotices.join(' ')).toMatch(/seed=1e309/);
    expect(w.writes).toEqual([]);
    expect(w.win.location.hash).toBe('#v=2&seed=1e309');
  });

  test('a followed link cancels the pending write; of two links the later one wins', async () => {
    const w = fakeWindow();
    const store = createPlaygroundStore(() => {}, defaultForm('zipf'));
    let slow: () => void = () => {};
    const read: typeof readLink = (hash) =>
      hash.includes('seed=1') ? new Promise((f) => (slow = () => void readLink(hash).then(f))) : readLink(hash);
    syncLink(store, w.win, read);
    store.getState().editField('seed', '5');
    expect(w.pending()).toBe(1);
    w.follow('#v=2&seed=1')();
    expect(w.pending()).toBe(0);
    w.follow('#v=2&seed=2')();
    await tick();
    slow(); // the first link's read ends last
    await tick();
    expect(store.getState().fields.seed).toBe('2');
  });
});
