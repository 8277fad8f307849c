// A labelled numeric text field whose validation message sits next to it.

import { usePlayground } from './storeContext.ts';

/** `context` completes the label for screen readers only (e.g. which optimizer an η belongs to). */
export function NumberField({
  name,
  label,
  hint,
  context,
  readOnly = false,
  text = false,
  wide = false,
}: {
  name: string;
  label: string;
  hint?: string;
  context?: string;
  readOnly?: boolean;
  /** Free text (e.g. a list), not a number: no numeric keyboard. */
  text?: boolean;
  /** Spans the whole row of its grid. */
  wide?: boolean;
}) {
  const value = usePlayground((s) => s.fields[name] ?? '');
  const error = usePlayground((s) => s.errors[name]);
  const edit = usePlayground((s) => s.editField);
  const id = `field-${name.replaceAll('.', '-')}`;
  return (
    <div className={['field', error && 'invalid', wide && 'wide'].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {context && <span className="sr-only"> ({context})</span>}
      </label>
      <input
        id={id}
        name={name}
        inputMode={text ? 'text' : 'decimal'}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        title={hint}
        readOnly={readOnly}
        onChange={(e) => edit(name, e.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
