// The browser bundles (package.json `browser` and its Web Worker) hold no Node: no Node built-in is
// imported, required or left for the host to provide, whatever the sources import. Builds them in
// memory with the very options esbuild.mjs uses, and reads esbuild's metafile and the output.
import * as assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type * as esbuild from 'esbuild';
import { REPO_ROOT } from '../paths';
import { DRAW_ENGINE_GLOBAL } from '../../../webview/drawEngineName';

type Bundles = Record<'webExtension' | 'webWorker' | 'webview' | 'drawEngine', esbuild.BuildOptions>;

// esbuild.mjs is an ES module; TypeScript's CommonJS output would turn import() into require().
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const isNodeBuiltin = (name: string) => name.startsWith('node:') || NODE_BUILTINS.has(name) || NODE_BUILTINS.has(name.split('/')[0]);

async function build(name: keyof Bundles): Promise<{ text: string; imports: { path: string; external?: boolean }[]; inputs: string[] }> {
  const { bundles } = (await importEsm(path.join(REPO_ROOT, 'esbuild.mjs'))) as { bundles(production: boolean): Bundles };
  const esbuildApi = (await importEsm('esbuild')) as typeof esbuild;
  const options = bundles(true)[name];
  const result = await esbuildApi.build({ ...options, absWorkingDir: REPO_ROOT, write: false, metafile: true, logLevel: 'silent' });
  const outputs = Object.values(result.metafile.outputs);
  return {
    text: result.outputFiles.map((file) => file.text).join('\n'),
    imports: outputs.flatMap((output) => output.imports),
    inputs: Object.keys(result.metafile.inputs),
  };
}

for (const [name, externals] of [
  ['webExtension', ['vscode']],
  ['webWorker', []],
  ['webview', []],
  ['drawEngine', []],
] as const) {
  describe(`the browser bundle ${name}`, function () {
    this.timeout(60_000);

    it('imports no Node built-in, and leaves nothing external but what the host provides', async () => {
      const bundle = await build(name);
      const builtins = bundle.imports.filter((i) => isNodeBuiltin(i.path));
      assert.deepEqual(builtins, [], 'Node built-ins imported');
      const external = [...new Set(bundle.imports.filter((i) => i.external).map((i) => i.path))];
      assert.deepEqual(external, externals, 'external imports');
      assert.deepEqual(bundle.inputs.filter(isNodeBuiltin), [], 'Node built-ins among the inputs');
    });

    it('requires nothing from Node in its text', async () => {
      const { text } = await build(name);
      const required = [...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
      assert.deepEqual(
        required.filter((module) => !(externals as readonly string[]).includes(module)),
        [],
      );
    });
  });
}

describe("the panel's engine script, loaded after its first paint", function () {
  this.timeout(60_000);

  it('defines the global the panel looks for, with the engine and the view model in it', async () => {
    const { text } = await build('drawEngine');
    const context: Record<string, unknown> = {};
    vm.runInNewContext(text, context);
    const engine = context[DRAW_ENGINE_GLOBAL] as Record<string, unknown> | undefined;
    assert.ok(engine, `${DRAW_ENGINE_GLOBAL} is defined`);
    assert.deepEqual(
      ['buildResultView', 'compute', 'InputFigures'].map((name) => typeof engine[name]),
      ['function', 'function', 'function'],
    );
  });

  it("is not in the panel's first script: the engine does not weigh on the first paint", async () => {
    const { inputs } = await build('webview');
    assert.deepEqual(
      // The catalogue's few constants from engine/rules.ts aside.
      inputs.filter((input) => (input.startsWith('src/engine/') && input !== 'src/engine/rules.ts') || input.startsWith('src/viewModels/')),
      [],
    );
  });
});
