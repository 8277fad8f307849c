// The theory curves the charts draw faint behind the lanes (state/theory.ts): of the run, or before
// Run of the form's configuration, over a horizon that is the stop step or grows with the run;
// computed once per change by TheoryProvider (on a worker in the page) and read by every chart.

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { RunConfig } from '../../engine/config.ts';
import { mustPredict, shownConfig } from '../../state/selectors.ts';
import { noTheoryReason, theoryAt, theorySteps, type ComputeTheory } from '../../state/theory.ts';
import type { Theory } from './rows/lanes.ts';
import { usePlayground } from '../parts/storeContext.ts';

/** The configuration the charts show: the run's, or (with no run on screen) the form's when valid. */
export const useShownConfig = (): RunConfig | null => usePlayground(shownConfig);

const NONE: Theory = { curves: [], reason: null };

/** Where the theory is computed: here by default; the page gives a worker (src/app/theoryClient.ts). */
export const ComputeTheoryContext = createContext<ComputeTheory>(async (c, steps) => theoryAt(c, steps));

const TheoryContext = createContext<Theory>(NONE);

/** The theory of the configuration on screen, computed once for every chart that draws it. */
export const useTheory = () => useContext(TheoryContext);

/**
 * `value`, or the one before it while it has the same content: Run turns the form's configuration
 * into the run's, an equal object, and its theory (the same curves) is neither dropped nor computed
 * again.
 */
function useSameContent<T>(value: T): T {
  const key = useMemo(() => JSON.stringify(value), [value]);
  const [kept, setKept] = useState({ key, value });
  if (kept.key !== key) setKept({ key, value });
  return kept.key === key ? kept.value : value;
}

/**
 * Computes the theory of the shown configuration over its horizon and gives it to the charts
 * inside. While a longer horizon is computed the shorter curves stay; a new configuration shows
 * none until its own arrive.
 */
export function TheoryProvider({ children }: { children: ReactNode }) {
  const compute = useContext(ComputeTheoryContext);
  const config = useSameContent(useShownConfig());
  const stopAt = usePlayground((s) => s.controls.stopAt);
  // Without a stop step the horizon doubles as the run goes (the curves are recomputed rarely).
  const horizon = usePlayground((s) => stopAt ?? Math.max(300, 2 ** Math.ceil(Math.log2(s.step * 1.25 + 1))));
  const [theory, setTheory] = useState<{ of: RunConfig | null; theory: Theory }>({ of: null, theory: NONE });
  const reason = useMemo(() => (config ? noTheoryReason(config) : null), [config]);
  useEffect(() => {
    if (!config || reason) return;
    let current = true;
    compute(config, theorySteps(config, horizon)).then(
      (curves) => current && setTheory({ of: config, theory: { curves, reason: null } }),
      () => current && setTheory({ of: config, theory: NONE }),
    );
    return () => void (current = false);
  }, [compute, config, reason, horizon]);
  // In a lesson, the theory is part of the answer: it appears (as the maths' prediction) only once
  // the prediction is made.
  const hidden = usePlayground(mustPredict);
  const value = useMemo(
    () => (!config || hidden ? NONE : reason ? { curves: [], reason } : theory.of === config ? theory.theory : NONE),
    [config, hidden, reason, theory],
  );
  return <TheoryContext.Provider value={value}>{children}</TheoryContext.Provider>;
}
