// Whether an element is in (or within a margin of) the viewport, kept up to date by an
// IntersectionObserver. True until the observer first reports, and where there is none.

import { useEffect, useState } from 'react';

/** `margin`: how far beyond the viewport's top and bottom edges still counts, as CSS rootMargin. */
export function useInView(ref: React.RefObject<Element | null>, margin = '15%'): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry.isIntersecting), {
      rootMargin: `${margin} 0px`,
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, margin]);
  return inView;
}
