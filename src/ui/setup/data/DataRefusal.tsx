// Why the data just offered was not used (it is not the linked data), and the way to use it anyway.

import { usePlayground } from '../../parts/storeContext.ts';

export function DataRefusal({ replace }: { replace: () => void }) {
  const refusal = usePlayground((s) => s.dataRefusal);
  if (!refusal) return null;
  return (
    <div className="error" role="alert" data-testid="data-refusal">
      <p>{refusal}</p>
      <button onClick={replace}>Train on this one with fresh settings</button>
    </div>
  );
}
