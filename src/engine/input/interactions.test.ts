import { describe, expect, test } from 'vitest';
import { countsIn, decodeLog, parseInteractions, splitHeldOut, type ParseOptions } from './interactions.ts';
import { sampleLog } from './sampleLog.ts';

const skip: ParseOptions = { malformed: 'skip', duplicates: 'keep' };
const parse = (text: string, o: Partial<ParseOptions> = {}) => parseInteractions(text, { ...skip, ...o });
const ok = (text: string, o: Partial<ParseOptions> = {}) => {
  const r = parse(text, o);
  if (!r.ok) throw new Error(r.error);
  return r.log;
};

describe('interaction logs', () => {
  test('users and items are numbered by frequency rank; ties keep first appearance', () => {
    const log = ok('a,x\nb,y\nb,x\nc,x\nb,z\n');
    expect(log.users).toEqual(['b', 'a', 'c']);
    expect(Array.from(log.userCounts)).toEqual([3, 1, 1]);
    expect(log.items).toEqual(['x', 'y', 'z']);
    expect(Array.from(log.user)).toEqual([1, 0, 0, 2, 0]);
    expect(Array.from(log.item)).toEqual([0, 1, 0, 0, 2]);
    expect(log.rating).toBeNull();
  });

  test('separators: comma, tab, semicolon, spaces and MovieLens ::, mixed line by line', () => {
    const log = ok(
      '1::10::5::978300760\n2\t10\t3\t978302109\r\n3;11;4;978301968\n  4  12  1  978300275 \n1,12,2,978824291\n',
    );
    expect(log.users).toHaveLength(4);
    expect(log.items).toEqual(['10', '12', '11']);
    expect(Array.from(log.rating!)).toEqual([5, 3, 4, 1, 2]);
  });

  test('a header line, comments, blank lines, a BOM and CRLF are taken in stride', () => {
    const log = ok(
      '\uFEFFuser_id,movie_id,rating,timestamp\r\n# exported 2026\r\n\r\nu1,m1,4,1\r\nu2,m1,5,2\r\nu2,m2,3,3\r\n',
    );
    expect(log.header).toBe(true);
    expect(log.users).toEqual(['u2', 'u1']);
    expect(log.malformed).toBe(0);
    // User names that merely look like words are data, not a header, once data has been seen.
    expect(ok('alice,book\nbob,book\nbob,film\n').header).toBe(false);
  });

  test('malformed lines are reported with their line numbers and skipped, or refuse the file', () => {
    const text =
      'u1,i1,4\nu2\nu3,i2,five\nu4,i3,NaN\nu5,i4,1e999\nu6,i5,3,not a date\nu7,i6,4,1,extra\nu2,i1,2\nu8,i9,3\n';
    const log = ok(text);
    expect(log.malformed).toBe(6);
    expect(log.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(log.problems[0].reason).toMatch(/needs at least a user and an item/);
    expect(log.problems[1].reason).toMatch(/rating "five" is not a finite number/);
    expect(log.problems[4].reason).toMatch(/timestamp "not a date"/);
    expect(log.problems[5].reason).toMatch(/5 fields/);
    expect(log.user).toHaveLength(3);
    const refused = parse(text, { malformed: 'refuse' });
    expect(refused).toEqual({
      ok: false,
      error: 'Line 2: it needs at least a user and an item. Fix the line, or choose to skip malformed lines.',
    });
  });

  test('duplicate interactions are counted, and kept or dropped as chosen', () => {
    const text = 'a,x\nb,x\na,x\na,y\na,x\n';
    const kept = ok(text);
    expect([kept.duplicates, kept.user.length, kept.userCounts[0]]).toEqual([2, 5, 4]);
    const dropped = ok(text, { duplicates: 'drop' });
    expect([dropped.duplicates, dropped.user.length, dropped.duplicatesDropped]).toEqual([2, 3, true]);
  });

  test('empty, binary, one-sided and mixed-format files are refused with a reason', () => {
    expect(parse('')).toEqual({ ok: false, error: 'The file has no interactions. Write one user,item pair per line.' });
    expect(parse('\n# nothing\n')).toMatchObject({ ok: false, error: /no interactions/ });
    expect(parse('PK\u0003\u0004\u0000\u0000binary')).toMatchObject({ ok: false, error: /binary file/ });
    expect(parse('a,x\na,y\n')).toMatchObject({ ok: false, error: /two users and two items .* 1 and 2/ });
    expect(parse('only\nlines\n')).toMatchObject({ ok: false, error: /all 2 were malformed \(line 1: it needs/ });
    expect(parse('a,x,5\nb,y\n')).toMatchObject({
      ok: false,
      error: /Line 2: no rating, while the lines before it had one/,
    });
  });

  test('bytes that are not UTF-8 make their line malformed; the rest is read', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('a,x\nb,'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('\nc,y\n'),
    ]);
    const log = ok(decodeLog(bytes));
    expect(log.problems).toEqual([{ line: 2, reason: 'bytes that are not UTF-8 text' }]);
    expect(log.users).toEqual(['a', 'c']);
  });

  test('the held-out split is seeded and disjoint; training counts come from the training part only', () => {
    const log = ok(sampleLog({ users: 300, items: 200, interactions: 5000, seed: 3 }));
    const a = splitHeldOut(log.user.length, 0.1, 7);
    const b = splitHeldOut(log.user.length, 0.1, 7);
    expect(a).toEqual(b);
    expect(a.train.length + a.heldOut.length).toBe(5000);
    expect(a.heldOut.length / 5000).toBeGreaterThan(0.08);
    expect(a.heldOut.length / 5000).toBeLessThan(0.12);
    expect(new Set([...a.train, ...a.heldOut]).size).toBe(5000);
    expect(splitHeldOut(log.user.length, 0.1, 8).heldOut).not.toEqual(a.heldOut);
    const train = countsIn(log, a.train);
    const all = countsIn(
      log,
      Uint32Array.from({ length: 5000 }, (_, j) => j),
    );
    expect(Array.from(all.users)).toEqual(Array.from(log.userCounts));
    expect(train.users.reduce((s, c) => s + c, 0)).toBe(a.train.length);
  });

  test('the sample log is Zipf-like: the most active user has far more interactions than the median', () => {
    const text = sampleLog({ users: 2000, items: 1000, interactions: 20_000, seed: 1 });
    expect(text).toBe(sampleLog({ users: 2000, items: 1000, interactions: 20_000, seed: 1 }));
    const log = ok(text);
    expect(log.header).toBe(true);
    expect(log.rating!.every((r) => r >= 1 && r <= 5)).toBe(true);
    const median = log.userCounts[Math.floor(log.users.length / 2)];
    expect(log.userCounts[0]).toBeGreaterThan(50 * median);
  });
});
