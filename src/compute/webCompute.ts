// The compute side in a web extension host: a Web Worker where the host allows one, else the same
// service on the host's own thread, cooperatively (inProcess.ts). The web extension host is itself a
// worker, so even the second never freezes the workbench; the first also keeps the host free.
import { RpcCompute } from './client';
import { inProcessEndpoint } from './inProcess';
import type { ComputeEndpoint, ComputeMessage, ComputeRequest } from './messages';
import { startWebWorker, webWorkerEndpoint } from './webWorker';

/** The compute worker's name, as developer tools (and the UI tier) see it. */
export const WEB_WORKER_NAME = 'Dropout Playground compute';

/** Where the compute runs: decided by the first worker that answers or fails. */
export type WebComputeRoute = 'web worker' | 'in process';

export class WebCompute extends RpcCompute {
  private readonly routes: RouteChoice;

  /** `workerSource` reads the compute worker's bundle (asked once, on first use). */
  constructor(workerSource: () => Promise<string>) {
    const routes = new RouteChoice(workerSource);
    super(() => routes.connect());
    this.routes = routes;
  }

  /** Where the work runs now, once known. */
  get route(): WebComputeRoute | undefined {
    return this.routes.route;
  }
}

class RouteChoice {
  route: WebComputeRoute | undefined;
  private source: Promise<string> | undefined;

  constructor(private readonly workerSource: () => Promise<string>) {}

  connect(): ComputeEndpoint {
    if (this.route === 'in process') return inProcessEndpoint();
    this.source ??= this.workerSource();
    return new StartingWorker(this.source, (route) => (this.route = route));
  }
}

/**
 * A Web Worker being started. Messages wait until it runs; if it fails before it has answered
 * anything (the host refuses workers, the source cannot be read), the same messages go to the
 * in-process service instead and later connections start there directly. A worker that fails after
 * answering has died: the client hears it as it would any death.
 */
class StartingWorker implements ComputeEndpoint {
  private target: ComputeEndpoint | undefined;
  /** Sent before the worker answered: replayed on the fallback. */
  private unanswered: ComputeRequest[] = [];
  private answered = false;
  private ended = false;
  private readonly messageListeners: ((message: ComputeMessage) => void)[] = [];
  private readonly deathListeners: ((error: Error) => void)[] = [];

  constructor(
    source: Promise<string>,
    private readonly decide: (route: WebComputeRoute) => void,
  ) {
    source.then(
      (text) => this.attachWorker(text),
      () => this.fallBack(),
    );
  }

  postMessage(message: ComputeRequest): void {
    if (!this.answered) this.unanswered.push(message);
    this.target?.postMessage(message);
  }

  onMessage(listener: (message: ComputeMessage) => void): void {
    this.messageListeners.push(listener);
  }

  onDeath(listener: (error: Error) => void): void {
    this.deathListeners.push(listener);
  }

  terminate(): void {
    this.ended = true;
    this.unanswered = [];
    this.target?.terminate();
  }

  private attachWorker(source: string): void {
    if (this.ended) return;
    const worker = startWebWorker(source, WEB_WORKER_NAME);
    if (worker instanceof Error) return this.fallBack();
    const endpoint = webWorkerEndpoint<ComputeMessage, ComputeRequest>(worker);
    endpoint.onMessage((message) => {
      if (!this.answered) {
        this.answered = true;
        this.unanswered = [];
        this.decide('web worker');
      }
      this.deliver(message);
    });
    endpoint.onDeath((error) => {
      if (this.target !== endpoint) return;
      if (this.answered) for (const listener of this.deathListeners) listener(error);
      else {
        endpoint.terminate();
        this.fallBack();
      }
    });
    this.target = endpoint;
    for (const message of this.unanswered) endpoint.postMessage(message);
  }

  private fallBack(): void {
    this.decide('in process');
    if (this.ended) return;
    const endpoint = inProcessEndpoint();
    endpoint.onMessage((message) => this.deliver(message));
    this.target = endpoint;
    this.answered = true;
    const replay = this.unanswered;
    this.unanswered = [];
    for (const message of replay) endpoint.postMessage(message);
  }

  private deliver(message: ComputeMessage): void {
    if (!this.ended) for (const listener of this.messageListeners) listener(message);
  }
}
