// A typed RPC over any message channel. One interface of methods is the
// protocol: the request, reply and notification messages are derived from it,
// so a call and its reply cannot disagree about a method's arguments or result.
// No Node or DOM here: a worker thread, a browser Web Worker or an in-process
// channel plugs in as an Endpoint.

/** A method's arguments. */
export type ArgsOf<F> = F extends (...args: infer A extends unknown[]) => unknown ? A : never;
/** A method's result once awaited: what its caller receives. */
export type ResultOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** A call of `method`, matched to its reply by `id`. */
export type Request<Api, K extends keyof Api = keyof Api> = { [M in K]: { id: number; method: M; args: ArgsOf<Api[M]> } }[K];
/** The result of call `id`; `method` repeats the call's, so the caller can check it. */
export type Reply<Api, K extends keyof Api = keyof Api> = { [M in K]: { id: number; method: M; result: ResultOf<Api[M]> } }[K];
/** Call `id` threw: the other side stays up, only this call fails. */
export type Crash = { id: number; crash: string };
/** A message from the worker that answers no call (progress of a long call, for one). */
export type Notification<Events, E extends keyof Events = keyof Events> = { [N in E]: { event: N; args: ArgsOf<Events[N]> } }[E];

/** Everything the worker side sends. */
export type FromWorker<Api, Events> = Reply<Api> | Crash | Notification<Events>;

/** The methods of `Api` as something can implement them: each may return its result or a promise of it. */
export type Implementation<Api> = { [K in keyof Api]: (...args: ArgsOf<Api[K]>) => ResultOf<Api[K]> | Promise<ResultOf<Api[K]>> };
/** Handlers for the notifications of `Events`. */
export type Listeners<Events> = { [E in keyof Events]: (...args: ArgsOf<Events[E]>) => void };
/** Sends a notification. */
export type Emit<Events> = <E extends keyof Events>(event: E, ...args: ArgsOf<Events[E]>) => void;
/** Which buffers of a method's result to transfer rather than copy. */
export type Transfers<Api> = { [K in keyof Api]?: (result: ResultOf<Api[K]>) => ArrayBuffer[] };
/** Which buffers of a call's arguments to transfer rather than copy: the caller gives them up. */
export type ArgTransfers<Api> = { [K in keyof Api]?: (...args: ArgsOf<Api[K]>) => ArrayBuffer[] };

/** One end of a message channel: all the RPC needs from a transport. */
export interface Endpoint<In, Out> {
  postMessage(message: Out, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: In) => void): void;
}

/** The host's end of a worker: it can also end the worker, and hears if the worker dies on its own. */
export interface WorkerEndpoint<In, Out> extends Endpoint<In, Out> {
  /** `listener` hears why the worker died (it may hear more than once: an error, then the exit). */
  onDeath(listener: (error: Error) => void): void;
  terminate(): void;
}

/**
 * The worker's side: runs each request on `api` and posts its reply, or a
 * crash if it threw. `start` receives the function that posts notifications.
 */
export function serve<Api, Events>(
  endpoint: Endpoint<Request<Api>, FromWorker<Api, Events>>,
  start: (emit: Emit<Events>) => Implementation<Api>,
  transfers: Transfers<Api> = {},
): void {
  const emit: Emit<Events> = (event, ...args) => endpoint.postMessage(notification<Events, typeof event>(event, args));
  const api = start(emit);
  endpoint.onMessage(async (request) => {
    try {
      endpoint.postMessage(...(await answer(api, transfers, request)));
    } catch (error) {
      endpoint.postMessage({ id: request.id, crash: error instanceof Error ? error.message : String(error) });
    }
  });
}

async function answer<Api, K extends keyof Api>(
  api: Implementation<Api>,
  transfers: Transfers<Api>,
  request: Request<Api, K>,
): Promise<[Reply<Api, K>, ArrayBuffer[]]> {
  const result = await api[request.method](...request.args);
  return [reply<Api, K>(request.id, request.method, result), transfers[request.method]?.(result) ?? []];
}

function reply<Api, K extends keyof Api>(id: number, method: K, result: ResultOf<Api[K]>): Reply<Api, K> {
  return { id, method, result };
}

function notification<Events, E extends keyof Events>(event: E, args: ArgsOf<Events[E]>): Notification<Events, E> {
  return { event, args };
}

type Pending<Api> = { settle(reply: Reply<Api>): void; reject(error: Error): void };

/**
 * The host's side: typed calls to a worker it starts on first use and again
 * after the worker dies or is stopped. Calls in flight when that happens reject.
 */
export class RpcClient<Api, Events> {
  private endpoint: WorkerEndpoint<FromWorker<Api, Events>, Request<Api>> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Api>>();
  private stopCount = 0;

  constructor(
    private readonly connect: () => WorkerEndpoint<FromWorker<Api, Events>, Request<Api>>,
    private readonly listeners: Listeners<Events>,
    private readonly transfers: ArgTransfers<Api> = {},
  ) {}

  call<K extends keyof Api>(method: K, ...args: ArgsOf<Api[K]>): Promise<ResultOf<Api[K]>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const settle = (reply: Reply<Api>) =>
        isReplyTo(reply, method)
          ? resolve(reply.result)
          : reject(new Error(`The worker answered a call of ${String(method)} as one of ${String(reply.method)}.`));
      this.pending.set(id, { settle, reject });
      try {
        this.ensureEndpoint().postMessage(request(id, method, args), this.transfers[method]?.(...args));
      } catch (error) {
        this.pending.delete(id);
        throw error; // rejects this call
      }
    });
  }

  /** Sends a call whose reply nobody awaits, only if the worker runs: a worker that is not running has nothing to hear. */
  tell<K extends keyof Api>(method: K, ...args: ArgsOf<Api[K]>): void {
    this.endpoint?.postMessage(request(this.nextId++, method, args));
  }

  /** How many times the worker was stopped or died: work spanning calls checks it to know they reached one worker. */
  get stops(): number {
    return this.stopCount;
  }

  /** Ends the worker; the calls in flight reject with `reason`. The next call starts a new worker. */
  stop(reason: Error): void {
    const endpoint = this.endpoint;
    this.endpoint = undefined;
    this.stopCount++;
    endpoint?.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(reason);
  }

  private ensureEndpoint(): WorkerEndpoint<FromWorker<Api, Events>, Request<Api>> {
    if (this.endpoint) return this.endpoint;
    const endpoint = this.connect();
    endpoint.onMessage((message) => this.receive(message));
    endpoint.onDeath((error) => {
      if (this.endpoint === endpoint) this.stop(error);
    });
    this.endpoint = endpoint;
    return endpoint;
  }

  private receive(message: FromWorker<Api, Events>): void {
    if ('event' in message) return deliver(this.listeners, message);
    const pending = this.pending.get(message.id);
    if (!pending) return; // a told call's reply, or a call already rejected
    this.pending.delete(message.id);
    if ('crash' in message) pending.reject(new Error(message.crash));
    else pending.settle(message);
  }
}

function request<Api, K extends keyof Api>(id: number, method: K, args: ArgsOf<Api[K]>): Request<Api, K> {
  return { id, method, args };
}

function isReplyTo<Api, K extends keyof Api>(reply: Reply<Api>, method: K): reply is Reply<Api, K> {
  return reply.method === method;
}

function deliver<Events, E extends keyof Events>(listeners: Listeners<Events>, message: Notification<Events, E>): void {
  listeners[message.event](...message.args);
}
