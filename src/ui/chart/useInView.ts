// Whether a chart is in sight, for its redraw rate: an element in (or within a margin of) the
// viewport, kept up to date by an IntersectionObserver. Only while data streams in (a run is
// training) does being out of sight count; otherwise, and where there is no observer, every chart
// counts as seen, so a finished run's charts all show its last values.

import { createContext, useContext, useEffect, useState } from 'react';

/** Whether data is streaming in: a run is training. */
export const StreamingContext = createContext(false);

/** How far beyond the viewport's top and bottom edges still counts as in sight (CSS rootMargin). */
const MARGIN = '15% 0px';

export function useInView(ref: React.RefObject<Element | null>): boolean {
  const streaming = useContext(StreamingContext);
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry.isIntersecting), { rootMargin: MARGIN });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return inView || !streaming;
}
