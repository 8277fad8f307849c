// Whether the page shows a group of controls (a student link or a preview of one may hide it).

import type { Hideable } from '../../state/lessons.ts';
import { shows } from '../../state/selectors.ts';
import { usePlayground } from './storeContext.ts';

export function useShown(group: Hideable): boolean {
  return usePlayground((s) => shows(s, group));
}
