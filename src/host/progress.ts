// Long work gets a cancellable progress notification, but only once it has
// taken long enough to notice: quick updates (a slider move) show nothing.
import * as vscode from 'vscode';
import type { ProgressHooks } from '../controller/ports';

export const PROGRESS_DELAY_MS = 300;

export function trackWork<T>(title: string, work: Promise<T>, hooks: ProgressHooks): Promise<T> {
  let finished = false;
  let busy = false;
  let endProgress: (() => void) | undefined;
  const timer = setTimeout(() => {
    if (finished) return;
    busy = true;
    hooks.onBusy(title);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) =>
        new Promise<void>((resolve) => {
          endProgress = resolve;
          token.onCancellationRequested(() => {
            hooks.onCancel();
            resolve();
          });
          if (finished) resolve();
        }),
    );
  }, PROGRESS_DELAY_MS);
  const end = () => {
    finished = true;
    clearTimeout(timer);
    endProgress?.();
    // Quick work showed nothing, so there is nothing to clear (and no message to send).
    if (busy) hooks.onBusy(null);
  };
  work.then(end, end);
  return work;
}
