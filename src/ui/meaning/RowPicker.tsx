// A search box for one row: a word (with the vocabulary as suggestions), a rank or an id, checked
// as it is submitted (pickRow.ts); and a few rows of each bucket one click away.

import { useId, useMemo, useState } from 'react';
import { pickRow } from './pickRow.ts';
import { BUCKET_NAMES } from './rows.ts';

export function RowPicker({
  label,
  rows,
  names,
  excluded,
  suggested,
  chosen,
  onPick,
  onClear,
  testId,
}: {
  label: string;
  rows: number;
  names: string[] | null;
  excluded: number[];
  /** [head, torso, tail] rows offered as buttons. */
  suggested: number[][];
  chosen: number | null;
  onPick(row: number): void;
  /** Stops watching the chosen row (the engine then computes nothing for it). */
  onClear(): void;
  testId: string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const nameOf = (r: number) => names?.[r] ?? `#${(r + 1).toLocaleString('en-US')}`;
  // The vocabulary as the input's suggestions (built once per run's names).
  const options = useMemo(
    () => names?.map((w, r) => (excluded.includes(r) ? null : <option key={r} value={w} />)),
    [names, excluded],
  );
  const submit = () => {
    const p = pickRow(text, rows, names, excluded);
    if (!p.ok) return setError(p.error);
    setError(null);
    onPick(p.row);
  };
  return (
    <div className="row-picker" data-testid={testId}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor={id}>{label}</label>{' '}
        <input
          id={id}
          value={text}
          list={names ? `${id}-words` : undefined}
          placeholder={names ? 'a word, #rank or id n' : '#rank or id n'}
          aria-invalid={error !== null || undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
        />{' '}
        <button type="submit">Show</button>
        {chosen !== null && (
          <button
            type="button"
            onClick={() => {
              setText('');
              setError(null);
              onClear();
            }}
          >
            Clear
          </button>
        )}
        {names && <datalist id={`${id}-words`}>{options}</datalist>}
      </form>
      {error && (
        <p className="error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
      <p className="suggestions">
        {suggested.map((group, b) =>
          group.length === 0 ? null : (
            <span key={b} className="suggestion-group">
              <span className="bucket-name">{BUCKET_NAMES[b]}:</span>
              {group.map((r) => (
                <button
                  key={r}
                  type="button"
                  className="chip"
                  aria-pressed={r === chosen}
                  onClick={() => {
                    setError(null);
                    setText(nameOf(r));
                    onPick(r);
                  }}
                >
                  {nameOf(r)}
                </button>
              ))}
            </span>
          ),
        )}
      </p>
    </div>
  );
}
