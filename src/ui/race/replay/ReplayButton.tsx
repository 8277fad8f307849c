// "Export replay…" (issue 30): a dialog that renders the race as it moved, from the recorded series
// (not the screen), frame by frame, as a video (MP4 H.264, or WebM VP9 where the browser cannot
// encode H.264) or an animated GIF (the form: ReplayDialog.tsx). What it replays is read when it
// opens: the charts the page registered (replayCharts.ts), the caption and the run's name.

import { lazy, Suspense, useContext, useRef, useState } from 'react';
import { configSummary } from '../../../state/runRecord.ts';
import { useOverlays } from '../chartSeries.ts';
import { ExportContext } from '../../chart/ExportButtons.tsx';
import { usePlaygroundStore } from '../../parts/storeContext.ts';
import { replayChoices } from './replayCharts.ts';
import type { Snapshot } from './ReplayDialog.tsx';
import '../../styles/replay.css';

const ReplayDialog = lazy(() => import('./ReplayDialog.tsx'));

export function ReplayButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const source = useContext(ExportContext);
  const store = usePlaygroundStore();
  const overlays = useOverlays();
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  if (!source) return null;
  const open = async () => {
    const s = store.getState();
    // Runs drawn over the charts are named in the caption too, with their own setup and link.
    const caption = [
      ...(await source.caption()),
      ...overlays.map(
        (o) =>
          `Overlaid run “${o.record.name}”: ${configSummary(o.record.config)}, on ${o.record.device}. Link: ${o.record.link}`,
      ),
    ];
    const name = s.running
      ? `${s.runningForm?.lessonId ?? s.runningForm?.presetId ?? 'run'}-${source.suffix()}`
      : (overlays[0]?.record.name ?? 'run');
    setSnapshot({ choices: replayChoices(source.charts), caption, name });
    dialog.current?.showModal();
  };
  return (
    <>
      <button type="button" className="replay-open" onClick={open}>
        Export replay…
      </button>
      <dialog ref={dialog} className="replay-dialog" aria-labelledby="replay-title" onClose={() => setSnapshot(null)}>
        {snapshot && (
          <Suspense fallback={<p className="hint">Loading the encoders…</p>}>
            <ReplayDialog snapshot={snapshot} close={() => dialog.current?.close()} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
