// Links, saved runs and run files made before a change still open the same way: fixtures written
// by the code of 2026-12-01 (60 random valid forms, a few hand-written links with problems, one
// run record per kind of run), read back by today's code.

import { describe, expect, test } from 'vitest';
import links from './fixtures/links-v2.json';
import runs from './fixtures/runs-v1.json';
import { defaultForm, formConfig, formErrors, type Form } from './form.ts';
import { readLink } from './link.ts';
import { configSummary, parseRunRecord, seriesCsv } from './runRecord.ts';
import { memoryStorage } from './savedRuns.ts';
import { createPlaygroundStore } from './store.ts';

describe('fixtures from earlier code', () => {
  test.each(links.map((l, i) => [i, l] as const))('link %i opens the same form, config and notices', async (_, l) => {
    const back = await readLink(l.hash);
    // What a good data link says moved from the notices to `info` (it is not a problem), and a
    // value that is not a number is now quoted where the notice said "got NaN".
    // An unusable stop step of an old link now falls back to version 4's default stop (1,000).
    const said = (n: string[]) =>
      n
        .map((m) => m.replace(/\(got [^)]*\)/g, '(got …)'))
        .map((m) =>
          m.startsWith('"stopAt=') ? m.replace('The default (empty) is used.', 'The default 1000 is used.') : m,
        )
        .sort();
    expect(said([...back.notices, ...back.info])).toEqual(said(l.notices));
    // Fields added since take their defaults; every field the fixture has is the same.
    const { fields, ...rest } = back.form;
    const { fields: before, ...restBefore } = l.form;
    expect(rest).toEqual(restBefore);
    const stopRefused = l.notices.some((n) => n.startsWith('"stopAt='));
    expect(fields).toEqual({
      ...defaultForm(back.form.presetId, back.form.lessonId).fields,
      ...before,
      ...(stopRefused ? { stopAt: '1000' } : {}),
    });
    // As JSON, the form the fixture was written in (NaN, an unset parameter, reads null).
    expect(JSON.parse(JSON.stringify(formConfig(back.form as Form)))).toEqual(l.config);
    expect(formErrors(back.form as Form)).toEqual(l.errors);
  });

  test.each(runs.map((r) => [r.id, r] as const))('run file %s reads back with the same CSV and summary', (_, r) => {
    const parsed = parseRunRecord(r.json);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.record).toEqual(r.record);
    expect(seriesCsv(parsed.record)).toBe(r.csv);
    expect(configSummary(parsed.record.config)).toBe(r.summary);
  });

  test('saved runs of earlier code are listed', async () => {
    const storage = memoryStorage();
    for (const r of runs) await storage.put({ id: r.id, record: JSON.parse(r.json) });
    const store = createPlaygroundStore(() => {}, undefined, [], storage);
    await store.getState().loadSaved();
    expect(store.getState().saved.map((s) => s.record)).toEqual(runs.map((r) => r.record));
    expect(store.getState().runsMessage).toBeNull();
  });
});
