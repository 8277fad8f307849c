import { describe, expect, test } from 'vitest';
import { connect, serve, type CallMessage, type Methods, type ReplyMessage, type WorkerPort } from './rpc.ts';

type M = {
  double: { args: number; reply: number };
  count: { args: number; reply: string; progress: number };
  fail: { args: string; reply: never };
  wait: { args: null; reply: number };
};

/**
 * A worker in this thread: a MessageChannel between a page side and a worker side serving
 * `handlers` (each message is cloned, as between threads). `made` counts workers, `ended` the ones terminated.
 */
function fakeWorkers<T extends Methods>(setup: (scope: Parameters<typeof serve<T, string>>[0]) => void) {
  const made = { count: 0, ended: 0 };
  const make = (): WorkerPort => {
    made.count++;
    const { port1, port2 } = new MessageChannel();
    setup({
      postMessage: (m: ReplyMessage) => port2.postMessage(m),
      set onmessage(f: ((e: MessageEvent<CallMessage>) => void) | null) {
        port2.onmessage = f as never;
      },
      get onmessage() {
        return null;
      },
    });
    const page: WorkerPort = {
      postMessage: (m) => port1.postMessage(m),
      onmessage: null,
      onerror: null,
      terminate: () => {
        made.ended++;
        port1.close();
      },
    };
    port1.onmessage = (e) => page.onmessage?.(e as MessageEvent<ReplyMessage>);
    return page;
  };
  return { make, made };
}

let release: (v: number) => void = () => {};
const workers = () =>
  fakeWorkers<M>((scope) => {
    const events = serve<M, string>(scope, {
      double: (x) => 2 * x,
      count: async (n, { progress }) => {
        for (let i = 1; i <= n; i++) progress(i / n);
        events.emit(`counted ${n}`);
        return `${n} counted`;
      },
      fail: (why) => {
        throw new Error(why);
      },
      wait: () => new Promise<number>((r) => (release = r)),
    });
  });

describe('rpc: one request/reply protocol for every worker', () => {
  test('calls are answered by id, in any order; progress reaches its call; events reach onEvent', async () => {
    const { make, made } = workers();
    const events: string[] = [];
    const client = connect<M, string>(make, { onEvent: (e) => events.push(e) });
    const progress: number[] = [];
    const waiting = client.call('wait', null);
    const [a, b, c] = await Promise.all([
      client.call('double', 21).done,
      client.call('count', 4, (p) => progress.push(p)).done,
      client.call('double', 0.5).done,
    ]);
    expect([a, b, c]).toEqual([42, '4 counted', 1]);
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
    expect(events).toEqual(['counted 4']);
    release(7);
    expect(await waiting.done).toBe(7);
    expect(made).toEqual({ count: 1, ended: 0 });
  });

  test('a handler’s error rejects its call only; an unknown method is an error, never evaluated', async () => {
    const { make } = workers();
    const client = connect<M>(make);
    await expect(client.call('fail', 'no such file').done).rejects.toThrow('no such file');
    await expect(client.call('constructor' as 'double', 1).done).rejects.toThrow('no method "constructor"');
    expect(await client.call('double', 2).done).toBe(4);
  });

  test('cancel drops a long-lived worker’s reply; one worker per call is terminated when done or cancelled', async () => {
    const shared = workers();
    const client = connect<M>(shared.make);
    const dropped = client.call('wait', null);
    let settled = false;
    dropped.done.then(() => (settled = true));
    dropped.cancel();
    release(1);
    expect(await client.call('double', 3).done).toBe(6);
    expect(settled).toBe(false);
    const own = workers();
    const perCall = connect<M>(own.make, { perCall: true });
    expect(await perCall.call('double', 5).done).toBe(10);
    const cancelled = perCall.call('wait', null);
    cancelled.cancel();
    expect(own.made).toEqual({ count: 2, ended: 2 });
  });

  test('a worker that stops rejects the calls it had and says so', async () => {
    let page: WorkerPort | null = null;
    const { make } = workers();
    const errors: string[] = [];
    const client = connect<M>(() => (page = make()), { onError: (m) => errors.push(m) });
    const call = client.call('wait', null);
    page!.onerror?.({ message: 'script error' } as ErrorEvent);
    await expect(call.done).rejects.toThrow('script error');
    expect(errors).toEqual(['script error']);
  });
});
