// The RPC's binding to a browser Web Worker: both ends of the channel as Endpoints. The browser twin
// of nodeWorker.ts. This project type-checks against ES2022 without the DOM library, so the little
// of the Worker API used here is declared here.
import type { Endpoint, WorkerEndpoint } from './rpc';

interface MessageEventLike {
  data: unknown;
}
interface ErrorEventLike {
  message?: string;
}

/** A dedicated Web Worker, as its creator sees it. */
export interface WebWorker {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: ErrorEventLike) => void): void;
  terminate(): void;
}

/** The global scope inside a dedicated Web Worker. */
interface WorkerScope {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
}

interface WorkerGlobals {
  Worker?: new (url: string, options: { name: string }) => WebWorker;
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL: { createObjectURL?(blob: object): string; revokeObjectURL?(url: string): void };
}

/**
 * Starts a Web Worker running `source`, or returns why none can start here. The worker starts from a
 * blob of its source rather than from the extension's script URL, which VS Code refuses to start
 * workers from (vscode-remote: and vscode-file: URLs). `name` is what developer tools list it as.
 */
export function startWebWorker(source: string, name: string): WebWorker | Error {
  const { Worker, Blob, URL } = globalThis as unknown as WorkerGlobals;
  if (!Worker || !Blob || !URL.createObjectURL) return new Error('This host has no Web Workers.');
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return new Worker(url, { name });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    // The worker has fetched its script by the time it runs; the URL is not needed after the start.
    setTimeout(() => URL.revokeObjectURL?.(url), 60_000);
  }
}

/** The creator's end of a Web Worker. */
export function webWorkerEndpoint<In, Out>(worker: WebWorker): WorkerEndpoint<In, Out> {
  return {
    postMessage: (message, transfer = []) => worker.postMessage(message, transfer),
    onMessage: (listener) => worker.addEventListener('message', (event) => listener(event.data as In)),
    onDeath: (listener) => {
      worker.addEventListener('error', (event) => listener(new Error(`The compute worker crashed: ${event.message ?? 'no message'}`)));
      worker.addEventListener('messageerror', () => listener(new Error('The compute worker sent a message that could not be read.')));
    },
    terminate: () => worker.terminate(),
  };
}

/** The Web Worker's end of the channel to its creator. */
export function workerScopeEndpoint<In, Out>(): Endpoint<In, Out> {
  const scope = globalThis as unknown as WorkerScope;
  return {
    postMessage: (message, transfer = []) => scope.postMessage(message, transfer),
    onMessage: (listener) => scope.addEventListener('message', (event) => listener(event.data as In)),
  };
}
