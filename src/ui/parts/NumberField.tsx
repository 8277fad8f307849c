// A labelled text field of the form (numeric keyboard for numbers, by the field table) whose
// validation message sits next to it. Fields with a scale (fieldScales.ts) move with the arrow
// keys (Shift: ten steps) and, for the ones worth playing with, a slider.

import { fieldSpec, numberOf, type FieldPath } from '../../state/fields.ts';
import { nudge, scaleOf, SLIDER_STEPS, sliderOf, valueOfSlider } from './fieldScales.ts';
import { usePlayground } from './storeContext.ts';

/** `context` completes the label for screen readers only (e.g. which optimizer an η belongs to). */
export function NumberField({
  name,
  label,
  hint,
  context,
  readOnly = false,
  wide = false,
}: {
  name: FieldPath;
  label: string;
  hint?: string;
  context?: string;
  readOnly?: boolean;
  /** Spans the whole row of its grid. */
  wide?: boolean;
}) {
  const value = usePlayground((s) => s.fields[name] ?? '');
  const error = usePlayground((s) => s.errors[name] ?? s.limitErrors[name]);
  const edit = usePlayground((s) => s.editField);
  const id = `field-${name.replaceAll('.', '-')}`;
  const scale = readOnly ? undefined : scaleOf(name);
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (!scale || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    edit(name, String(nudge(numberOf(value), scale, e.key === 'ArrowUp' ? 1 : -1, e.shiftKey)));
  };
  return (
    <div className={['field', error && 'invalid', wide && 'wide'].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {context && <span className="sr-only"> ({context})</span>}
      </label>
      <input
        id={id}
        name={name}
        inputMode={fieldSpec(name)?.holds === 'number' ? 'decimal' : 'text'}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        title={hint}
        readOnly={readOnly}
        onChange={(e) => edit(name, e.target.value)}
        onKeyDown={onKeyDown}
      />
      {scale?.slider && (
        <input
          type="range"
          className="slider"
          aria-label={`${label}${context ? ` (${context})` : ''}, slider${scale.log ? ' (log scale)' : ''}`}
          min={0}
          max={SLIDER_STEPS}
          value={sliderOf(numberOf(value), scale)}
          onChange={(e) => edit(name, String(valueOfSlider(Number(e.target.value), scale)))}
        />
      )}
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
