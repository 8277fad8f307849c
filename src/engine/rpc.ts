// One request/reply protocol for every Web Worker of the page (the engine, the readers of data,
// the theory, the replay encoder). The page side (`connect`) calls a method by name with its
// argument and gets a Job: a promise of the reply, progress while it works, and cancel. The worker
// side (`serve`) answers from a table of handlers, and may also emit events nobody asked for (the
// engine's metrics and run events). Messages are structured clones (a reply may transfer its
// buffers); nothing in a message is ever evaluated.
//
// A worker is either long-lived (calls matched to replies by id; cancel drops the reply) or one
// per call (`perCall`: for work that cannot be interrupted, cancel terminates the worker).

/** A worker's methods: each one's argument, reply and (if it reports any) progress. */
export type Methods = Record<string, { args: unknown; reply: unknown; progress?: unknown }>;

/** Work in progress: its reply, and a way to give it up (then `done` never settles). */
export interface Job<T> {
  done: Promise<T>;
  cancel(): void;
}

/** What the page sends a worker. */
export interface CallMessage {
  id: number;
  method: string;
  args: unknown;
}

/** What a worker sends the page: a call's reply, error or progress, or an event. */
export type ReplyMessage =
  | { id: number; reply: unknown }
  | { id: number; error: string }
  | { id: number; progress: unknown }
  | { event: unknown };

/** The part of a Worker (or of a test's stand-in) the page side uses. */
export interface WorkerPort {
  postMessage(m: CallMessage): void;
  onmessage: ((e: MessageEvent<ReplyMessage>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

type Progress<M extends Methods, K extends keyof M> = (p: M[K]['progress']) => void;

export interface Client<M extends Methods> {
  call<K extends keyof M & string>(method: K, args: M[K]['args'], progress?: Progress<M, K>): Job<M[K]['reply']>;
}

/**
 * The page's side of a worker made by `make`: long-lived (one worker, made at once) or one worker
 * per call. `onEvent` gets what the worker emits unasked. A worker that fails (a script error)
 * rejects the calls it had.
 */
export function connect<M extends Methods, E = never>(
  make: () => WorkerPort,
  {
    perCall = false,
    onEvent,
    onError,
  }: {
    perCall?: boolean;
    onEvent?: (e: E) => void;
    /** The worker stopped (a script error), with or without calls waiting. */
    onError?: (message: string) => void;
  } = {},
): Client<M> {
  type Waiting = { resolve(r: unknown): void; reject(e: Error): void; progress?: (p: unknown) => void };
  const listen = (worker: WorkerPort, waiting: Map<number, Waiting>, after: () => void) => {
    worker.onmessage = ({ data: m }) => {
      if ('event' in m) return onEvent?.(m.event as E);
      const w = waiting.get(m.id);
      if (!w) return;
      if ('progress' in m) return w.progress?.(m.progress);
      waiting.delete(m.id);
      if ('reply' in m) w.resolve(m.reply);
      else w.reject(new Error(m.error));
      after();
    };
    worker.onerror = (e) => {
      const message = e.message || 'the worker stopped';
      for (const w of waiting.values()) w.reject(new Error(message));
      waiting.clear();
      onError?.(message);
      after();
    };
  };
  let next = 0;
  const shared = perCall ? null : { worker: make(), waiting: new Map<number, Waiting>() };
  if (shared) listen(shared.worker, shared.waiting, () => {});
  return {
    call(method, args, progress) {
      const id = next++;
      const own = shared ? null : { worker: make(), waiting: new Map<number, Waiting>() };
      const { worker, waiting } = shared ?? own!;
      if (own) listen(own.worker, own.waiting, () => own.worker.terminate());
      const done = new Promise<M[typeof method]['reply']>((resolve, reject) =>
        waiting.set(id, { resolve, reject, progress: progress as Waiting['progress'] }),
      );
      worker.postMessage({ id, method, args });
      return {
        done,
        cancel() {
          waiting.delete(id);
          own?.worker.terminate();
        },
      };
    },
  };
}

/** What a handler is given besides its argument. */
export interface CallContext<P> {
  progress(p: P): void;
}

export type Handlers<M extends Methods> = {
  [K in keyof M]: (args: M[K]['args'], ctx: CallContext<M[K]['progress']>) => M[K]['reply'] | Promise<M[K]['reply']>;
};

/** The part of a worker's global scope the worker side uses. */
export interface WorkerScope {
  postMessage(m: ReplyMessage, options?: { transfer?: Transferable[] }): void;
  onmessage: ((e: MessageEvent<CallMessage>) => void) | null;
}

/**
 * The worker's side: answers each call from `handlers` (a thrown error is the call's error; a
 * reply's ArrayBuffers listed by `transfer` move instead of being copied). Returns `emit`, for
 * events nobody asked for.
 */
export function serve<M extends Methods, E = never>(
  scope: WorkerScope,
  handlers: Handlers<M>,
  transfer: (reply: unknown) => Transferable[] = () => [],
): { emit(e: E): void } {
  scope.onmessage = async ({ data: { id, method, args } }) => {
    const handler = Object.hasOwn(handlers, method) ? handlers[method as keyof M] : undefined;
    if (!handler) return scope.postMessage({ id, error: `no method "${String(method).slice(0, 40)}"` });
    try {
      const reply = await handler(args as never, { progress: (progress) => scope.postMessage({ id, progress }) });
      scope.postMessage({ id, reply }, { transfer: transfer(reply) });
    } catch (e) {
      scope.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
    }
  };
  return { emit: (event) => scope.postMessage({ event }) };
}
