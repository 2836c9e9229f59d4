// The RPC's binding to Node's worker_threads: both ends of a channel as
// Endpoints, and the compute API in a worker thread. Only the Node extension
// host imports this file; webWorker.ts is its browser twin.
import { parentPort, Worker } from 'node:worker_threads';
import { RpcCompute } from './client';
import type { Endpoint, WorkerEndpoint } from './rpc';

/** The compute API in a Node worker thread running the script at `scriptPath`. */
export class WorkerCompute extends RpcCompute {
  constructor(scriptPath: string) {
    super(() => workerThreadEndpoint(new Worker(scriptPath)));
  }
}

/** The host's end of a worker thread. */
export function workerThreadEndpoint<In, Out>(worker: Worker): WorkerEndpoint<In, Out> {
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => worker.on('message', listener),
    onDeath: (listener) => {
      worker.on('error', (error) => listener(new Error(`The compute thread crashed: ${error.message}`)));
      worker.on('exit', (code) => listener(new Error(`The compute thread stopped (exit code ${code}).`)));
    },
    terminate: () => void worker.terminate(),
  };
}

/** The worker thread's end of the channel to the host. */
export function parentPortEndpoint<In, Out>(): Endpoint<In, Out> {
  const port = parentPort;
  if (!port) throw new Error('The compute worker must run in a worker thread.');
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => port.on('message', listener),
  };
}
