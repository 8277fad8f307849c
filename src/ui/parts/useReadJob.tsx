// Reading a file or a text off the main thread (a Job of the DataReaders): one job at a time, its
// progress bar with Cancel, and the reason it failed. A newer job or Cancel drops an older one.

import { useRef, useState } from 'react';
import type { Job } from '../../state/readers.ts';

type Outcome = { ok: true } | { ok: false; error: string };

export function useReadJob<R extends Outcome>(id: string) {
  const [job, setJob] = useState<{ name: string; fraction: number; cancel(): void } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(0);

  /** Starts `make` (dropping any job in flight); `done` gets a successful result. */
  const start = (
    name: string,
    make: (progress: (f: number) => void) => Job<R>,
    done: (r: R & { ok: true }) => void,
  ) => {
    job?.cancel();
    const mine = ++current.current;
    setError(null);
    const j = make((fraction) => mine === current.current && setJob((s) => s && { ...s, fraction }));
    setJob({ name, fraction: 0, cancel: j.cancel });
    void j.done.then((r) => {
      if (mine !== current.current) return;
      setJob(null);
      if (r.ok) done(r as R & { ok: true });
      else setError(`${name}: ${r.error}`);
    });
  };

  const cancel = () => {
    job?.cancel();
    current.current++;
    setJob(null);
    setError('Reading was cancelled; nothing changed.');
  };

  const status = (
    <>
      {job && (
        <div className="sweep-progress">
          <label htmlFor={`${id}-progress`}>Reading {job.name}…</label>
          <progress id={`${id}-progress`} max={1} value={job.fraction} />
          <button onClick={cancel}>Cancel</button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
  return { start, setError, status };
}
