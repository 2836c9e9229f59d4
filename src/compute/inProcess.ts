// The compute service on the calling thread, behind the same channel a worker has: where no worker
// can start (a web extension host that refuses them), the work runs cooperatively on the host's own
// thread. Each message is structured-cloned (transfers included) and delivered on a later turn of
// the event loop, as over a real channel, so a large text arrives in slices with turns between them,
// Monte Carlo runs in slices with its progress and stop in between, and a cancel lands between
// calls: what is still queued is dropped, and the client rejects what is in flight.
import type { ComputeEndpoint, ComputeMessage, ComputeRequest } from './messages';
import { nextTurn } from './nextTurn';
import type { Endpoint } from './rpc';
import { serveCompute } from './service';

/** The host's end of a compute service running on this thread. */
export function inProcessEndpoint(): ComputeEndpoint {
  let open = true;
  const toHost: ((message: ComputeMessage) => void)[] = [];
  const toService: ((message: ComputeRequest) => void)[] = [];
  const send =
    <M>(listeners: ((message: M) => void)[]) =>
    (message: M, transfer: ArrayBuffer[] = []) => {
      const copy = structuredClone(message, { transfer });
      nextTurn(() => {
        if (open) for (const listener of listeners) listener(copy);
      });
    };
  const serviceEnd: Endpoint<ComputeRequest, ComputeMessage> = {
    postMessage: send(toHost),
    onMessage: (listener) => toService.push(listener),
  };
  const service = serveCompute(serviceEnd);
  return {
    postMessage: send(toService),
    onMessage: (listener) => toHost.push(listener),
    // A throw in the service becomes a crash reply to that call; nothing else can end it.
    onDeath: () => undefined,
    terminate: () => {
      open = false;
      service.stopAll();
    },
  };
}
