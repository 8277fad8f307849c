// The URL fragment kept in step with the form, both ways:
//   form → URL: once edits settle (one replaceState, no history entry per keystroke);
//   URL → form: a link followed within the page (a lesson link, a pasted fragment) opens its form.
// Invariant: a link the user follows always wins over the page's own pending write. The write is
// asynchronous (a long form is compressed) and a hashchange is dispatched a task after the hash
// changed, so a write that lands in between must neither hide the followed link nor overwrite it.

import type { Form } from '../state/form.ts';
import { linkHash, readLink } from '../state/link.ts';
import type { PlaygroundState } from '../state/slices/state.ts';
import type { PlaygroundStore } from '../state/store.ts';

/** Quiet time after the last edit before the URL is rewritten. */
export const LINK_SETTLE_MS = 400;

/** What the sync needs of `window` (a plain object in unit tests). */
export interface LinkWindow {
  location: { hash: string };
  history: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  addEventListener(type: 'hashchange', listener: (e: { newURL: string }) => void): void;
  setTimeout(f: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

const formOf = (s: PlaygroundState): Form => ({
  presetId: s.presetId,
  lessonId: s.lessonId,
  fields: s.fields,
  custom: s.custom,
  hidden: s.hidden,
});

const hashOf = (url: string) => {
  const i = url.indexOf('#');
  return i < 0 ? '' : url.slice(i);
};

export function syncLink(store: PlaygroundStore, win: LinkWindow, read = readLink, write = linkHash): void {
  /** The fragment the form was last read from or written to. */
  let written = win.location.hash;
  /** Counts followed links: an async step started before the latest one is stale. */
  let followed = 0;
  let timer = 0;
  store.subscribe((s, before) => {
    const [a, b] = [formOf(s), formOf(before)];
    if ((Object.keys(a) as (keyof Form)[]).every((k) => a[k] === b[k])) return;
    win.clearTimeout(timer);
    timer = win.setTimeout(async () => {
      const at = followed;
      const hash = await write(formOf(store.getState()));
      // A link followed since (or whose hashchange is still to come) is left alone.
      if (at !== followed || win.location.hash !== written || hash === written) return;
      win.history.replaceState(win.history.state, '', hash);
      written = win.location.hash; // as the browser spells it
    }, LINK_SETTLE_MS);
  });
  win.addEventListener('hashchange', async (e) => {
    // The event's URL, not location: a replaceState may have run since the hash changed.
    const hash = hashOf(e.newURL);
    if (hash === written) return;
    const at = ++followed;
    win.clearTimeout(timer);
    written = hash;
    const { form, notices, info } = await read(hash);
    if (at === followed) store.getState().loadForm(form, notices, info);
  });
}
