import { expect, test } from 'vitest';
import { numberOf } from './fields.ts';
import { defaultForm, formConfig, formErrors } from './form.ts';

test('numberOf: decimals, and thousands grouped by commas, underscores or spaces; nothing else', () => {
  expect(['10000', '10,000', '1_000_000', '16 000', '1,234.5', '2.5e3', ' 7 '].map(numberOf)).toEqual([
    10000, 10000, 1e6, 16000, 1234.5, 2500, 7,
  ]);
  for (const bad of ['abc', '0,5', '1,00', '10,0000', '0x10', '', '1e', '--1']) expect(numberOf(bad)).toBeNaN();
});

test('a field typed with separators is used; one that is not a number says what was typed', () => {
  const form = defaultForm('zipf');
  form.fields = { ...form.fields, rows: '10,000', dim: 'abc', batch: '' };
  const errors = formErrors(form);
  expect(errors.rows).toBeUndefined();
  expect(errors.dim).toBe('Dimension must be a whole number from 1 to 256 (got “abc”, which is not a number).');
  expect(errors.batch).toBe('Batch must be a whole number from 1 to 65,536 (got nothing).');
  form.fields = { ...form.fields, dim: '16', batch: '1,024' };
  expect(formErrors(form)).toEqual({});
  expect(formConfig(form)).toMatchObject({ rows: 10000, batch: 1024 });
});

test('a head that ends after the torso is named under both fields; a head that is not a number under its own', () => {
  const form = defaultForm('zipf');
  form.fields = { ...form.fields, 'bucketEnds.0': '50' };
  const errors = formErrors(form);
  expect(errors['bucketEnds.0']).toBe('The head (top 50%) must end before the torso does (10%).');
  expect(errors['bucketEnds.1']).toBe(errors['bucketEnds.0']);
  form.fields = { ...form.fields, 'bucketEnds.0': 'x' };
  expect(formErrors(form)['bucketEnds.0']).toBe(
    'The head must be more than 0% and less than 100% of the ranks (got “x”, which is not a number).',
  );
  expect(formErrors(form)['bucketEnds.1']).toBeUndefined();
});
