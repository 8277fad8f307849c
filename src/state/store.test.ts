import { describe, expect, test } from 'vitest';
import type { ToWorker } from '../engine/protocol.ts';
import { StorageError, memoryStorage, type SavedRunStorage } from './savedRuns.ts';
import { createPlaygroundStore } from './store.ts';
import { defaultForm } from './form.ts';

/** A store whose current run has recorded two points. */
function withRun(storage: SavedRunStorage = memoryStorage()) {
  const sent: ToWorker[] = [];
  const store = createPlaygroundStore((m) => sent.push(m), defaultForm('zipf'), [], storage);
  store.getState().run();
  const runId = store.getState().runId;
  const lanes = store.getState().running!.lanes.length;
  const snapshot = (step: number) => ({
    step,
    lanes: Array.from({ length: lanes }, () => ({
      excess: 1 / (step + 1),
      buckets: [1, 1, 1] as [number, number, number],
      itemBuckets: [NaN, NaN, NaN] as [number, number, number],
      auc: NaN,
      rankError: new Float32Array(16),
      effStep: new Float32Array(3),
    })),
    effCounts: new Float32Array(3),
  });
  store.getState().receive({
    type: 'ready',
    runId,
    backend: 'cpu',
    device: 'CPU',
    notice: null,
    reported: { rank: [0, 1, 2], freq: [0.5, 0.3, 0.2], binStarts: [], teacherAuc: null },
    paused: false,
  });
  store
    .getState()
    .appendMetrics([0, 10].map((s) => ({ runId, snapshot: snapshot(s), stepsPerSecond: 1, diverged: [] })));
  return { store, sent, runId, snapshot };
}

describe('store: designer input', () => {
  test('bad counts leave the last good distribution in use, with a message', () => {
    const { store } = withRun();
    const s = () => store.getState();
    s().applyCounts('tokens', '5\n3\n2');
    expect(s().fields['tokens.kind']).toBe('counts');
    expect(s().fields.rows).toBe('3');
    s().applyCounts('tokens', '5\n-1');
    expect(s().designerErrors.tokens).toMatch(/negative/);
    expect(s().custom.tokens).toEqual({ kind: 'counts', counts: [5, 3, 2] });
    expect(s().fields.rows).toBe('3');
    s().applyDrawn('tokens', Array(24).fill(null));
    expect(s().designerErrors.tokens).toMatch(/Draw a curve first/);
    expect(s().fields['tokens.kind']).toBe('counts');
  });
});

describe('store: saved runs', () => {
  test('save, rename, overlay, delete', async () => {
    const { store } = withRun();
    const s = () => store.getState();
    await s().saveRun('  first  ', 'http://x/#v=2');
    expect(s().saved.map((r) => r.record.name)).toEqual(['first']);
    expect(s().saved[0].record.points.map((p) => p.step)).toEqual([0, 10]);
    const id = s().saved[0].id;
    await s().renameSaved(id, 'renamed');
    expect(s().saved[0].record.name).toBe('renamed');
    s().toggleOverlay(id);
    expect(s().overlays).toEqual([id]);
    await s().deleteSaved(id);
    expect(s().saved).toEqual([]);
    expect(s().overlays).toEqual([]);
  });

  test('a full or unavailable storage gives a message and loses nothing already saved', async () => {
    const inner = memoryStorage();
    let failWith: StorageError | null = null;
    const storage: SavedRunStorage = {
      list: () => (failWith ? Promise.reject(failWith) : inner.list()),
      put: (r) => (failWith ? Promise.reject(failWith) : inner.put(r)),
      remove: (id) => (failWith ? Promise.reject(failWith) : inner.remove(id)),
    };
    const { store } = withRun(storage);
    const s = () => store.getState();
    await s().saveRun('kept', 'l');
    failWith = new StorageError('full', 'quota');
    await s().saveRun('too many', 'l');
    expect(s().runsMessage).toEqual({
      text: expect.stringMatching(/storage is full.*nothing saved before was lost/),
      error: true,
    });
    expect(s().saved.map((r) => r.record.name)).toEqual(['kept']);
    failWith = new StorageError('unavailable', 'blocked');
    await s().loadSaved();
    expect(s().runsMessage?.text).toMatch(/does not allow local storage/);
    expect(s().saved.map((r) => r.record.name)).toEqual(['kept']);
    failWith = null;
    expect((await inner.list()).runs.map((r) => r.record.name)).toEqual(['kept']);
  });

  test('an opened run file is overlaid; a bad one is named with its reason', () => {
    const { store } = withRun();
    const s = () => store.getState();
    s().openRunFile('{"format":"x"}', 'other.json');
    expect(s().runsMessage?.text).toMatch(/^other\.json: .*not a run exported/);
    expect(s().opened).toEqual([]);
  });
});

/** Ten implicit pairs over 3 rows × 2 items: data to load. */
const pairs = {
  rows: 3,
  items: 2,
  a: Uint32Array.from([0, 0, 1, 2, 0, 1, 0, 2, 1, 0]),
  b: Uint32Array.from([0, 1, 0, 1, 1, 1, 0, 0, 0, 0]),
  y: null,
};

describe('store: your data', () => {
  test('training on loaded data sends its pairs; the data preset keeps them when chosen again', () => {
    const sent: ToWorker[] = [];
    const store = createPlaygroundStore((m) => sent.push(m));
    const s = () => store.getState();
    s().trainOn(pairs, 'text', 'pasted text');
    expect(s().presetId).toBe('data');
    expect(s().custom.data?.name).toBe('pasted text');
    // Implicit data starts from its own rates.
    expect(s().fields['lanes.0.lr']).toBe('50');
    s().choosePreset('zipf');
    s().choosePreset('data');
    expect(s().custom.data?.fingerprint).toBe(s().loaded?.ref.fingerprint);
    s().run();
    const start = sent.find((m) => m.type === 'start');
    expect(start?.type === 'start' && start.pairs).toBe(pairs);
  });

  test('a data run whose data is not loaded asks for it and starts nothing', () => {
    const sent: ToWorker[] = [];
    const form = defaultForm('data');
    form.custom.data = {
      source: 'log',
      name: 'ratings.dat',
      fingerprint: '0badf00d',
      pairs: 10,
      ratings: true,
      heldOut: 0.1,
      rows: 3,
      items: 2,
    };
    const store = createPlaygroundStore((m) => sent.push(m), form);
    store.getState().run();
    expect(store.getState().errors.data).toMatch(/“ratings\.dat” \(10 interactions\), which is not loaded here/);
    expect(sent.some((m) => m.type === 'start')).toBe(false);
  });
});

describe('store: a data link, then its data', () => {
  /** The form a link of a run on `pairs` opens: data preset, the data's reference, own settings. */
  function linked() {
    const made = createPlaygroundStore(() => {});
    made.getState().trainOn(pairs, 'text', 'corpus.txt');
    const form = defaultForm('data');
    form.custom.data = made.getState().custom.data;
    form.fields = { ...made.getState().fields, seed: '5', 'lanes.1.beta': '0.7', stopAt: '120' };
    const sent: ToWorker[] = [];
    return { store: createPlaygroundStore((m) => sent.push(m), form), sent };
  }

  test('the same data keeps every setting of the link, and the run starts with them', () => {
    const { store, sent } = linked();
    const s = () => store.getState();
    s().trainOn(pairs, 'text', 'my copy.txt');
    expect(s().dataRefusal).toBeNull();
    expect([s().fields.seed, s().fields['lanes.1.beta'], s().fields.stopAt]).toEqual(['5', '0.7', '120']);
    expect(s().passing?.text).toMatch(/same fingerprint\): every setting of the link is kept/);
    s().run();
    const start = sent.find((m) => m.type === 'start');
    expect(start?.type === 'start' && [start.config.seed, start.config.lanes[1].beta]).toEqual([5, 0.7]);
    expect(start?.type === 'start' && start.pairs).toBe(pairs);
  });

  test('other data is refused with what differs; asked to, it starts afresh on it', () => {
    const { store } = linked();
    const s = () => store.getState();
    const other = { ...pairs, a: Uint32Array.from([1, 0, 1, 2, 0, 1, 0, 2, 1, 0]) };
    s().trainOn(other, 'text', 'other.txt');
    expect(s().dataRefusal).toMatch(/“other\.txt” is not the data this link was made with: .*with other contents/);
    expect(s().loaded).toBeNull();
    expect(s().fields.seed).toBe('5');
    s().trainOn(other, 'text', 'other.txt', { replace: true });
    expect(s().dataRefusal).toBeNull();
    expect(s().custom.data?.name).toBe('other.txt');
    expect(s().fields.seed).toBe('1');
  });
});

describe('store: device limits', () => {
  test('once the worker names its limits, a table too big for them is an error of its field, and Run sends nothing', () => {
    const sent: ToWorker[] = [];
    const store = createPlaygroundStore((m) => sent.push(m));
    const s = () => store.getState();
    s().editField('rows', '10000000');
    s().editField('dim', '256');
    expect(s().limitErrors).toEqual({}); // limits not known yet
    s().receive({
      type: 'limits',
      runId: 0,
      limits: { maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28 },
      device: 'test GPU',
      reason: null,
    });
    expect(s().limitErrors.rows).toMatch(
      /^The table buffer needs 48828\.1 MiB, over this device's maxStorageBufferBindingSize of 128\.0 MiB/,
    );
    s().run();
    expect(sent.some((m) => m.type === 'start')).toBe(false);
    s().editField('rows', '10000');
    expect(s().limitErrors).toEqual({});
    // Without a GPU the CPU engine's memory is the limit.
    s().receive({ type: 'limits', runId: 0, limits: null, device: 'CPU', reason: 'No WebGPU here.' });
    s().editField('rows', '10000000');
    expect(s().limitErrors.rows).toMatch(/over the CPU engine's limit of 1024\.0 MiB/);
  });
});

describe('store: metrics', () => {
  test('a lane is marked diverged at the first step the trainer reports it frozen, and stays so', () => {
    const { store, runId, snapshot } = withRun();
    const batch = (step: number, diverged: number[]) => ({
      runId,
      snapshot: snapshot(step),
      stepsPerSecond: 1,
      diverged,
    });
    store.getState().appendMetrics([batch(20, []), batch(30, [1])]);
    store.getState().appendMetrics([batch(40, [1, 3])]);
    const d = store.getState().diverged;
    expect(d.slice(0, 4)).toEqual([null, 30, null, 40]);
    expect(store.getState().points.map((p) => p.step)).toEqual([0, 10, 20, 30, 40]);
  });
});
