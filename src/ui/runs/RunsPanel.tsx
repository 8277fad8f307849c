// The run as data, and runs kept for later: export CSV / JSON, save in this browser, open an
// exported file, and draw saved or opened runs over the live charts.

import { memo, useState } from 'react';
import { absoluteLink } from '../parts/absoluteLink.ts';
import { configSummary, makeRecord, seriesCsv, type RunRecord } from '../../state/runRecord.ts';
import { agreementRecord } from '../../state/agreementRecord.ts';
import type { SavedRun } from '../../state/savedRuns.ts';
import { download } from '../chart/exportFigure.ts';
import { FileButton } from '../parts/FileButton.tsx';
import { usePlayground, usePlaygroundStore } from '../parts/storeContext.ts';

function RunItem({ run, saved }: { run: SavedRun; saved: boolean }) {
  const overlaid = usePlayground((s) => s.overlays.includes(run.id));
  const toggle = usePlayground((s) => s.toggleOverlay);
  const rename = usePlayground((s) => s.renameSaved);
  const remove = usePlayground((s) => s.deleteSaved);
  const [editing, setEditing] = useState<string | null>(null);
  const r = run.record;
  const last = r.points.at(-1)?.step ?? 0;
  return (
    <li>
      <label className="choice">
        <input type="checkbox" checked={overlaid} onChange={() => toggle(run.id)} /> Overlay <strong>{r.name}</strong>
      </label>
      <span className="hint">
        {saved ? 'saved' : 'opened'} {new Date(r.savedAt).toLocaleString()} · {last} steps · {configSummary(r.config)}
      </span>
      {saved && (
        <span className="row">
          {editing === null ? (
            <button type="button" onClick={() => setEditing(r.name)} aria-label={`Rename “${r.name}”`}>
              Rename
            </button>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void rename(run.id, editing).then(() => setEditing(null));
              }}
            >
              <input
                aria-label="New name"
                value={editing}
                onChange={(e) => setEditing(e.target.value)}
                maxLength={100}
              />
              <button type="submit">OK</button>
            </form>
          )}
          <button type="button" onClick={() => void remove(run.id)} aria-label={`Delete “${r.name}”`}>
            Delete
          </button>
        </span>
      )}
    </li>
  );
}

export const RunsPanel = memo(function RunsPanel() {
  const store = usePlaygroundStore();
  const running = usePlayground((s) => s.running);
  const hasPoints = usePlayground((s) => s.points.length > 0);
  const saved = usePlayground((s) => s.saved);
  const opened = usePlayground((s) => s.opened);
  const message = usePlayground((s) => s.runsMessage);
  const save = usePlayground((s) => s.saveRun);
  const openFile = usePlayground((s) => s.openRunFile);
  const [name, setName] = useState('');
  const current = async (): Promise<RunRecord> => {
    const s = store.getState();
    const link = await absoluteLink(s.runningForm!);
    // A text run's agreement with its reference goes with the losses.
    return makeRecord(
      name.trim() || 'run',
      s.running!,
      s.points,
      link,
      s.device,
      agreementRecord(s.agreementInfo, s.agreement),
    );
  };
  const stem = () => `fa-sgd-run-step${store.getState().step}`;
  const [scriptError, setScriptError] = useState<string | null>(null);
  const exportScript = async () => {
    // The Python templates load only when asked for (their own chunk).
    const { scriptOf } = await import('../../export/scriptOfPage.ts');
    const made = scriptOf(store.getState());
    setScriptError(made.ok ? null : made.error);
    if (made.ok) download(new Blob([made.script], { type: 'text/x-python' }), 'fa-sgd-run.py');
  };
  return (
    <section className="runs" aria-labelledby="runs-title">
      <h3 id="runs-title">Data and saved runs</h3>
      <div className="row">
        <button
          type="button"
          disabled={!running || !hasPoints}
          onClick={async () => download(new Blob([seriesCsv(await current())], { type: 'text/csv' }), `${stem()}.csv`)}
        >
          Export CSV
        </button>
        <button
          type="button"
          disabled={!running || !hasPoints}
          onClick={async () =>
            download(
              new Blob([JSON.stringify(await current(), null, 1)], { type: 'application/json' }),
              `${stem()}.json`,
            )
          }
        >
          Export JSON
        </button>
        <button
          type="button"
          onClick={() => void exportScript()}
          title="A Python script (torch and numpy) that reruns this comparison exactly, on CPU or GPUs, in one or several processes"
        >
          Export PyTorch script
        </button>
        <FileButton
          label="Open a run file…"
          accept=".json,application/json"
          onFile={async (file) => openFile(await file.text(), file.name)}
        />
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void absoluteLink(store.getState().runningForm ?? store.getState()).then((link) => save(name, link));
        }}
      >
        <label htmlFor="run-name">Name</label>
        <input
          id="run-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          placeholder="e.g. Zipf, β = 0.7"
        />
        <button type="submit" disabled={!running || !hasPoints}>
          Save this run
        </button>
      </form>
      <p className="hint">
        The PyTorch script reruns this comparison exactly (same tokens, same CSV) with only torch and numpy, on CPU or
        GPUs, in one or several processes: <code>python3 fa-sgd-run.py --help</code>.
      </p>
      {scriptError && (
        <p className="error" role="alert">
          {scriptError}
        </p>
      )}
      {message && (
        <p className={message.error ? 'error' : 'hint'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {saved.length + opened.length > 0 && (
        <ul className="run-list" aria-label="Saved and opened runs">
          {saved.map((r) => (
            <RunItem key={r.id} run={r} saved />
          ))}
          {opened.map((r) => (
            <RunItem key={r.id} run={r} saved={false} />
          ))}
        </ul>
      )}
    </section>
  );
});
