// The webview's only way out: typed so nothing but protocol messages can be posted.
import type { WebviewToHost } from '../src/shared/protocol';

// The panel keeps no state of its own across reloads (the host sends it whole on `ready`), so the
// API's getState/setState are not used.
interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: WebviewToHost): void {
  api.postMessage(message);
}
