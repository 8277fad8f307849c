import { DEFAULT_HELD_OUT } from '../engine/input/pairData.ts';
import { describe, expect, test } from 'vitest';
import { PRESETS, type PresetId } from '../engine/config.ts';
import { DRAWN_KNOTS } from '../engine/sampling/distributions.ts';
import { PACES } from './fields.ts';
import { defaultForm, formConfig, formErrors, type Form } from './form.ts';
import { HIDEABLE, LESSONS, type Hideable } from './lessons.ts';
import { COMPRESS_ABOVE, linkHash, linkParams, readLink } from './link.ts';

/** Deterministic uniform [0, 1) (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A random valid form: any preset or lesson, sizes, distributions, lanes, controls, hidden groups. */
function randomForm(r: () => number): Form {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const lesson = r() < 0.3 ? pick(LESSONS).id : null;
  const form = defaultForm(pick(Object.keys(PRESETS) as PresetId[]), lesson);
  const f = form.fields;
  const mf = PRESETS[form.presetId].config.workload === 'matrixFactorization';
  const onData = form.presetId === 'data';
  if (onData) {
    const source = pick(['log', 'text'] as const);
    // How the file was read, when the link knows it.
    const reading =
      r() < 0.3
        ? undefined
        : source === 'log'
          ? { source, duplicates: pick(['keep', 'drop'] as const) }
          : {
              source,
              vocabulary: 2 + Math.floor(r() * 1e6 - 2),
              window: 1 + Math.floor(r() * 10),
              lowercase: r() < 0.5,
            };
    form.custom.data = {
      source,
      ...(reading ? { reading } : {}),
      name: pick(['ratings.dat', 'my log, 2024 (€).csv', 'pasted text']),
      fingerprint: (Math.floor(r() * 2 ** 32) >>> 0).toString(16).padStart(8, '0'),
      pairs: 2 + Math.floor(r() * 1e6),
      ratings: r() < 0.5,
      heldOut: DEFAULT_HELD_OUT,
      rows: 1 + Math.floor(r() * 1e4),
      items: 1 + Math.floor(r() * 1e4),
    };
    if (r() < 0.5) f.heldOut = String(1 + Math.floor(r() * 50));
  } else if (form.presetId === 'ctr') {
    if (r() < 0.5)
      f.fields = Array.from(
        { length: 2 + Math.floor(r() * 7) },
        () => `${2 + Math.floor(r() * 5000)}:${Math.round(r() * 200) / 100}`,
      ).join(', ');
  } else if (r() < 0.5) f.rows = String(100 + Math.floor(r() * 5000));
  if (mf && r() < 0.5) f.items = String(100 + Math.floor(r() * 5000));
  if (r() < 0.5) f.dim = String(1 + Math.floor(r() * 64));
  if (r() < 0.5) f.batch = String(1 + Math.floor(r() * 4096));
  if (r() < 0.5) f.seed = String(Math.floor(r() * 2 ** 32));
  if (r() < 0.3) f['bucketEnds.0'] = String(0.5 + Math.floor(r() * 4));
  for (const t of onData || form.presetId === 'ctr'
    ? []
    : mf
      ? (['tokens', 'itemTokens'] as const)
      : (['tokens'] as const)) {
    const kind = pick(['uniform', 'zipf', 'headTail', 'powerLaw', 'drawn', 'counts', 'keep'] as const);
    if (kind === 'keep') continue;
    f[`${t}.kind`] = kind;
    f[`${t}.s`] = String(Math.round(r() * 300) / 100);
    f[`${t}.headSize`] = String(1 + Math.floor(r() * 50));
    f[`${t}.headShare`] = String(Math.round(1 + r() * 98) / 100);
    f[`${t}.cutoff`] = String(1 + Math.floor(r() * 1000));
    if (kind === 'drawn')
      form.custom[t] = {
        kind,
        knots: Array.from({ length: DRAWN_KNOTS }, (_, i) => Math.round((-i / 4 - r()) * 100) / 100 || 0),
      };
    if (kind === 'counts') {
      const counts = Array.from({ length: 50 + Math.floor(r() * 400) }, () => 1 + Math.floor(r() * 1000));
      form.custom[t] = { kind, counts };
      f[t === 'tokens' ? 'rows' : 'items'] = String(counts.length);
    }
  }
  for (let i = 0; i < 5; i++) {
    if (r() < 0.3) f[`lanes.${i}.lr`] = String(Math.round(r() * 1000) / 100 + 0.01);
    if (r() < 0.2) f[`lanes.${i}.beta`] = String(Math.round(r() * 100) / 100);
    if (r() < 0.2) f[`lanes.${i}.cap`] = String(1 + Math.floor(r() * 100));
    if (r() < 0.2) f[`lanes.${i}.on`] = '0';
  }
  f['lanes.0.on'] = '1';
  if (r() < 0.3) f.stopAt = String(1 + Math.floor(r() * 10_000));
  if (r() < 0.3) f.pace = pick(PACES)[0];
  if (r() < 0.3) form.hidden = (Object.keys(HIDEABLE) as Hideable[]).filter(() => r() < 0.5);
  return form;
}

describe('permalinks', () => {
  test('the default form is just the version', () => {
    expect(linkParams(defaultForm('zipf'))).toBe('v=4');
    expect(linkParams(defaultForm('zipf', 'tail-starves'))).toBe('v=4&lesson=tail-starves');
  });

  test('300 random valid forms survive the round trip exactly, with no notice (a data link: one piece of information)', async () => {
    const r = rng(7);
    let compressed = 0;
    for (let i = 0; i < 300; i++) {
      const form = randomForm(r);
      expect(formErrors(form), `form ${i} is valid`).toEqual({});
      const hash = await linkHash(form);
      if (hash.startsWith('#z=')) compressed++;
      const back = await readLink(hash);
      // No notice; a data run's link says (as information, not a problem) that the data is not in it.
      const expected = form.custom.data ? [expect.stringMatching(/The data itself is not in the link/)] : [];
      expect(back.notices, `form ${i}: ${hash.slice(0, 200)}`).toEqual([]);
      expect(back.info, `form ${i}: ${hash.slice(0, 200)}`).toEqual(expected);
      expect(back.form).toEqual(form);
    }
    // Enough of them take the compressed form (the count moves with the random draws, e.g. the lessons listed).
    expect(compressed).toBeGreaterThanOrEqual(10);
  });

  test('how a data link was read (data.read) is kept, and a malformed one is named and left out', async () => {
    const base = '#v=4&preset=data&data=text,120,120,5000,i,0a1b2c3d&data.name=brown.txt';
    const good = await readLink(`${base}&data.read=5000,2,lower`);
    expect(good.notices).toEqual([]);
    expect(good.form.custom.data?.reading).toEqual({ source: 'text', vocabulary: 5000, window: 2, lowercase: true });
    for (const bad of ['5000,0,lower', '1,2,lower', 'keep', '5000,2,upper']) {
      const { form, notices } = await readLink(`${base}&data.read=${bad}`);
      expect(notices, bad).toEqual([
        `How the data was read ("data.read=${bad}") is not usable; the reading settings of the page are used.`,
      ]);
      expect(form.custom.data?.reading, bad).toBeUndefined();
    }
    const log = await readLink('#v=4&preset=data&data=log,3,2,10,r,0a1b2c3d&data.name=r.dat&data.read=drop');
    expect(log.form.custom.data?.reading).toEqual({ source: 'log', duplicates: 'drop' });
  });

  test('long links are compressed and much shorter', async () => {
    const form = defaultForm('zipf');
    const counts = Array.from({ length: 5000 }, (_, k) => Math.round(1e6 / (k + 1)));
    form.custom.tokens = { kind: 'counts', counts };
    form.fields['tokens.kind'] = 'counts';
    form.fields.rows = '5000';
    const plain = linkParams(form);
    const hash = await linkHash(form);
    expect(plain.length).toBeGreaterThan(COMPRESS_ABOVE);
    expect(hash.startsWith('#z=')).toBe(true);
    expect(hash.length).toBeLessThan(plain.length / 2);
    expect((await readLink(hash)).form.custom.tokens).toEqual({ kind: 'counts', counts });
  });

  test.each([
    ['v=2&sgd.lr=-3', /"sgd\.lr=-3" is not usable: Learning rate .* The default 10 is used/],
    ['v=2&sgd.lr=abc', /"sgd\.lr=abc" is not usable/],
    ['v=1&lanes.0.lr=-3', /"sgd\.lr=-3" is not usable: Learning rate/],
    ['v=2&rows=1e99', /"rows=1e99" is not usable: Vocabulary/],
    ['v=2&rows=-5', /"rows=-5" is not usable/],
    ['v=2&dim=0', /"dim=0" is not usable/],
    ['v=2&batch=1.5', /"batch=1\.5" is not usable/],
    ['v=2&seed=4294967296', /"seed=4294967296" is not usable/],
    ['v=2&tokens.s=-1', /"tokens\.s=-1" is not usable: Zipf exponent/],
    ['v=2&tokens.kind=bogus', /"tokens\.kind=bogus" is not usable: Unknown distribution/],
    ['v=2&tokens.kind=drawn', /"tokens\.kind=drawn" is not usable: Draw a curve first/],
    ['v=2&tokens.kind=headTail&tokens.headSize=0', /"tokens\.headSize=0" is not usable: Head size/],
    ['v=2&bucketEnds.0=0', /"bucketEnds\.0=0" is not usable/],
    [
      'v=2&bucketEnds.1=0.5',
      /"bucketEnds\.1=0\.5" is not usable: The head \(top 1%\) must end before the torso does \(0\.5%\)/,
    ],
    ['v=2&stopAt=0', /"stopAt=0" is not usable: Stop at step/],
    ['v=2&pace=7', /"pace=7" is not usable: Speed/],
    ['v=2&mode=bogus', /"mode=bogus" is not usable: Mode must be/],
    ['v=2&mode=sweep', /"mode=sweep" is not usable: A sweep compares the rates at a stop step/],
    ['v=2&sgd.on=0&fasgd.on=0&cfsgd.on=0&adagradRow.on=0&adagradCoord.on=0', /Switch on at least one optimizer/],
    ['v=2&lanes.0.lr=1', /Unknown setting "lanes\.0\.lr"/],
    ['v=2&sgd.momentum=1', /Unknown setting "sgd\.momentum"/],
    ['v=1&lanes.9.lr=1', /Unknown setting "lanes\.9\.lr"/],
    ['v=2&__proto__=1', /Unknown setting "__proto__"/],
    ['v=2&preset=nope', /There is no preset "nope"/],
    ['v=2&preset=constructor', /There is no preset "constructor"/],
    ['v=2&lesson=nope', /There is no lesson "nope"/],
    ['v=2&hide=sizes,nope', /Unknown control group "nope"/],
    ['v=9&dim=8', /version "9"/],
    ['v=0&dim=8', /version "0"/],
    ['dim=8', /no version/],
    ['v=2&dim=8&dim=9', /"dim" appears more than once/],
    ['v=2&tokens.knots=1,2', /needs 24 values/],
    ['v=2&tokens.knots=' + Array(24).fill('x').join(','), /other than numbers/],
    ['v=2&tokens.counts=5,-1,3&tokens.kind=counts', /token distribution is not usable: Count 2/],
    ['v=2&rows=5&tokens.kind=headTail', /"tokens\.kind=headTail" is not usable: Head size .* from 1 to 4/],
    ['v=2&rows=' + '9'.repeat(100), /too long/],
    ['z=@@@', /compressed part of the link could not be read/],
    ['z=A9A', /compressed part of the link could not be read/],
    ['v=2&dim=0x10', /"dim=0x10" is not usable/],
    ['v=2&seed=%20', /"seed= " is not usable/],
    ['z=AAAA', /compressed part of the link could not be read/],
  ])('%s is refused with a message and leaves a valid form', async (params, message) => {
    const { form, notices } = await readLink(`#${params}`);
    expect(notices.join('\n')).toMatch(message);
    expect(formErrors(form)).toEqual({});
  });

  test('a sweep link runs every optimizer at 8 rates', async () => {
    const { form, notices } = await readLink('#v=2&mode=sweep&stopAt=300&adagradCoord.on=0');
    expect(notices).toEqual([]);
    const lanes = formConfig(form).lanes;
    expect(lanes).toHaveLength(32);
    expect(lanes.slice(0, 8).map((l) => l.lr)).toEqual([0.625, 1.25, 2.5, 5, 10, 20, 40, 80]);
  });

  test('valid values next to invalid ones are kept', async () => {
    const { form, notices } = await readLink('#v=1&dim=8&lanes.0.lr=-1&seed=42');
    expect(notices).toHaveLength(1);
    expect(form.fields.dim).toBe('8');
    expect(form.fields.seed).toBe('42');
    expect(form.fields['lanes.0.lr']).toBe('10');
  });

  test('version-3 links without a stop step keep running as they did; a lesson keeps its stop; new links stop at 1,000', async () => {
    const stop = async (hash: string) => (await readLink(hash)).form.fields.stopAt;
    expect(await stop('#v=3&seed=4')).toBe('');
    expect(await stop('#v=2&preset=uniform')).toBe('');
    expect(await stop('#v=3&stopAt=40')).toBe('40');
    expect(await stop('#v=3&lesson=tail-starves')).toBe('300');
    expect(await stop('#v=4&seed=4')).toBe('1000');
    expect(await stop('')).toBe('1000');
    // A run that should never stop says so in its link, and the link reads back the same.
    const form = defaultForm('zipf');
    form.fields.stopAt = '';
    expect(linkParams(form)).toBe('v=4&stopAt=');
    expect((await readLink(`#${linkParams(form)}`)).form).toEqual(form);
    expect((await readLink('#v=3&seed=4')).notices).toEqual([]);
  });

  test("version-2 links of the uniform preset (or its lesson) keep CF-SGD's rate of then, 32; others are unchanged", async () => {
    const cf = async (hash: string) => (await readLink(hash)).form.fields['lanes.2.lr'];
    expect(await cf('#v=2&preset=uniform&seed=3')).toBe('32');
    expect(await cf('#v=2&lesson=uniform-no-gap')).toBe('32');
    expect(await cf('#v=2&preset=uniform&cfsgd.lr=40')).toBe('40');
    expect(await cf('#v=3&preset=uniform')).toBe(String(PRESETS.uniform.config.lanes[2].lr));
    expect(await cf('#v=2&preset=zipf')).toBe(String(PRESETS.zipf.config.lanes[2].lr));
    expect((await readLink('#v=2&preset=uniform')).notices).toEqual([]);
  });

  test('version-1 links (lanes by position, plain or compressed) open as they did', async () => {
    const v1 = 'v=1&preset=uniform&seed=77&lanes.0.lr=7&lanes.2.beta=0.7&lanes.4.on=0&tokens.s=1.3&stopAt=40';
    const expected = defaultForm('uniform');
    Object.assign(expected.fields, {
      seed: '77',
      'lanes.0.lr': '7',
      'lanes.2.beta': '0.7',
      'lanes.4.on': '0',
      'tokens.s': '1.3',
      stopAt: '40',
      // CF-SGD's rate on the uniform preset when the link was made (migration 2).
      'lanes.2.lr': '32',
    });
    const plain = await readLink(`#${v1}`);
    expect(plain.notices).toEqual([]);
    expect(plain.form).toEqual(expected);
    // The version-1 encoder compressed long links the same way.
    const bytes = new Uint8Array(
      await new Response(new Blob([v1]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer(),
    );
    const z = btoa(String.fromCharCode(...bytes))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, '');
    expect((await readLink(`#z=${z}`)).form).toEqual(expected);
    expect(linkParams(expected)).toBe(
      'v=4&preset=uniform&seed=77&tokens.s=1.3&sgd.lr=7&cfsgd.lr=32&cfsgd.beta=0.7&adagradCoord.on=0&stopAt=40',
    );
  });

  test('hostile input: 1000 random garbage fragments never throw and always give a valid form', async () => {
    const r = rng(99);
    const alphabet = 'v=2&%#z.,-+eE0123456789abcdefxyz_[]{}"\'<>\\/ \u00e9\u4e2d\ud83d';
    const keys = [
      'v',
      'preset',
      'lesson',
      'hide',
      'rows',
      'dim',
      'tokens.kind',
      'tokens.knots',
      'fasgd.cap',
      'lanes.1.cap',
      'z',
    ];
    for (let i = 0; i < 1000; i++) {
      const parts = Array.from({ length: 1 + Math.floor(r() * 6) }, () => {
        const value = Array.from({ length: Math.floor(r() * 30) }, () => alphabet[Math.floor(r() * alphabet.length)]);
        return `${keys[Math.floor(r() * keys.length)]}=${value.join('')}`;
      });
      const { form } = await readLink(`#${parts.join('&')}`);
      expect(formErrors(form), parts.join('&')).toEqual({});
    }
  });
});
