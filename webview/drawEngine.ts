// The engine and the result view model, for the panel's own drawing of a p change (localDraw.ts):
// a script of its own (dist/drawEngine.js), loaded once a small input's result is on screen, so the
// panel's first paint does not wait for it. The same code the host's worker runs.
export { buildResultView, compute } from '../src/viewModels/result/resultView';
export { InputFigures } from '../src/viewModels/teach/inputFigures';
