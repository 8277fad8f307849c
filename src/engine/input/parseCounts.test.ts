import { describe, expect, test } from 'vitest';
import { MAX_COUNTS_TEXT, parseCounts } from './parseCounts.ts';

const ok = (text: string) => {
  const r = parseCounts(text);
  if (!r.ok) throw new Error(r.error);
  return r;
};
const error = (text: string) => {
  const r = parseCounts(text);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(r.counts)}`);
  return r.error;
};

describe('parseCounts', () => {
  test('one count per line, token,count, tabs, semicolons, uniq -c, header, comments, CRLF', () => {
    expect(ok('5\n3\n\n1\n').counts).toEqual([5, 3, 1]);
    expect(ok('the,50\nof,30\ncat,2').counts).toEqual([50, 30, 2]);
    expect(ok('the\t50\r\nof\t30').counts).toEqual([50, 30]);
    expect(ok('a;1.5\nb;2e3').counts).toEqual([1.5, 2000]);
    expect(ok('     42 the\n      7 cat').counts).toEqual([42, 7]);
    const h = ok('\uFEFFtoken,count\n# comment\nx,4\ny,2');
    expect(h.counts).toEqual([4, 2]);
    expect(h.notes[0]).toMatch(/Line 1 .* header/);
  });

  test('zero counts are left out and said so', () => {
    const r = ok('4\n0\n2\n0');
    expect(r.counts).toEqual([4, 2]);
    expect(r.notes).toEqual(['2 tokens with count 0 left out (never sampled).']);
  });

  test('hostile input: bad counts are refused with the line that is wrong', () => {
    expect(error('')).toMatch(/No counts found/);
    expect(error('\n  \n# only a comment')).toMatch(/No counts found/);
    expect(error('3\n-5\n2')).toBe('Line 2: the count -5 is negative; counts must be 0 or more.');
    expect(error('3\n2\nabc')).toMatch(/^Line 3: "abc" is not a number/);
    expect(error('3\nNaN')).toMatch(/^Line 2: "NaN" is not a number/);
    expect(error('3\nInfinity')).toMatch(/^Line 2: "Infinity" is not a number/);
    expect(error('3\n1e999')).toMatch(/^Line 2: .* too large/);
    expect(error('0\n0\n0')).toMatch(/All counts are zero/);
    expect(error('7\n0')).toMatch(/At least two tokens/);
    expect(error('a,1\nb,2\na,3')).toBe('Line 3: token "a" already appeared on line 1.');
    expect(error('1\n2\u0000\u0001')).toMatch(/binary/);
    expect(error('x'.repeat(MAX_COUNTS_TEXT + 1))).toMatch(/limit is 20 MB/);
  });
});
