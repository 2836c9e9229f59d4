// The webview's only way out: typed so nothing but protocol messages can be posted.
import type { WebviewToHost } from '../src/shared/protocol';

interface VsCodeApi<State> {
  postMessage(message: WebviewToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** UI-only state kept across hide/show: which sections are open. The host owns everything else. */
export interface ViewState {
  collapsed: Record<string, boolean>;
}

const api = acquireVsCodeApi<ViewState>();

export function post(message: WebviewToHost): void {
  api.postMessage(message);
}

export function loadViewState(): ViewState {
  return api.getState() ?? { collapsed: {} };
}

export function saveViewState(state: ViewState): void {
  api.setState(state);
}
