// A hint on torch's functional dropout called without `training=` in an nn.Module method: it
// defaults to training=True, so the dropout stays on after model.eval(). The quick fix passes
// `training=self.training`.
import * as vscode from 'vscode';
import type { DropoutCall } from '../../parse/dropoutCalls';
import { SECTION } from '../settingsStore';
import { dropoutCallsIn, isPythonDocument, PYTHON_SELECTOR } from './pythonDocuments';

export const HINTS_SETTING = 'hints.enabled';

/** The diagnostics' code, which the quick fix answers. */
export const TRAINING_HINT_CODE = 'dropout-without-training';

/** How long typing pauses before a document's hints are recomputed. */
const UPDATE_DELAY_MS = 300;

const needsHint = (call: DropoutCall) => call.trainingPassed === false && call.inModuleMethod && call.lastArgumentEnd !== undefined;

function hintsFor(document: vscode.TextDocument): vscode.Diagnostic[] {
  if (!vscode.workspace.getConfiguration(SECTION, document).get<boolean>(HINTS_SETTING, true)) return [];
  return dropoutCallsIn(document)
    .filter(needsHint)
    .map((call) => {
      const range = new vscode.Range(document.positionAt(call.start), document.positionAt(call.start + call.callee.length));
      const diagnostic = new vscode.Diagnostic(
        range,
        vscode.l10n.t(
          '{0} without training= is always on: it keeps dropping after model.eval(). Pass training=self.training.',
          call.callee,
        ),
        vscode.DiagnosticSeverity.Information,
      );
      diagnostic.source = 'Dropout Playground';
      diagnostic.code = TRAINING_HINT_CODE;
      return diagnostic;
    });
}

/** Keeps the hints of the open Python documents (and notebook cells) current. */
export function registerTrainingHints(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('dropoutPlayground');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const update = (document: vscode.TextDocument) => {
    if (isPythonDocument(document) && !document.isClosed) collection.set(document.uri, hintsFor(document));
  };
  const updateSoon = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        update(document);
      }, UPDATE_DELAY_MS),
    );
  };
  const updateAll = () => vscode.workspace.textDocuments.forEach(update);
  updateAll();
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => updateSoon(e.document)),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SECTION}.${HINTS_SETTING}`) && updateAll()),
    vscode.languages.registerCodeActionsProvider(PYTHON_SELECTOR, new TrainingQuickFix(), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  );
}

/** Inserts `, training=self.training` after the call's last argument. */
class TrainingQuickFix implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.code === TRAINING_HINT_CODE);
    if (ours.length === 0) return [];
    const calls = dropoutCallsIn(document).filter(needsHint);
    return ours.flatMap((diagnostic) => {
      const call = calls.find((c) => document.positionAt(c.start).isEqual(diagnostic.range.start));
      if (!call || call.lastArgumentEnd === undefined) return [];
      const action = new vscode.CodeAction(vscode.l10n.t('Pass training=self.training'), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.insert(document.uri, document.positionAt(call.lastArgumentEnd), ', training=self.training');
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return [action];
    });
  }
}
