// Puts the keyboard (and the view) on the primary run button, e.g. once data is set up to train.

export function focusRun(): void {
  const button = document.querySelector<HTMLElement>('.primary-run');
  button?.focus({ preventScroll: true });
  button?.scrollIntoView({ block: 'nearest' });
}
