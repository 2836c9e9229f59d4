// @ts-check
// One build script, several bundles from the same sources: the Node extension host and its worker
// thread (`main`), the browser's web extension host and its Web Worker (`browser`), and the webview.
// `--production` minifies and drops source maps; `--watch` rebuilds on change. Imported (by the
// test that keeps Node out of the browser bundles), it only exports the bundles.
import * as esbuild from 'esbuild';
import { pathToFileURL } from 'node:url';

/**
 * Every bundle, with `production` settings or not.
 * @param {boolean} production
 * @returns {Record<'extension' | 'worker' | 'webExtension' | 'webWorker' | 'webview' | 'drawEngine', esbuild.BuildOptions>}
 */
export function bundles(production) {
  /** @type {esbuild.BuildOptions} */
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    legalComments: production ? 'none' : 'inline',
    logLevel: 'info',
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  };
  return {
    extension: {
      ...common,
      entryPoints: ['src/host/nodeMain.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
    },
    // Parsing and the engine run here, off the extension host's main thread.
    worker: {
      ...common,
      entryPoints: ['src/compute/worker.ts'],
      outfile: 'dist/worker.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
    },
    // The web extension host loads CommonJS; `browser` resolution picks dependencies' browser builds.
    webExtension: {
      ...common,
      entryPoints: ['src/host/browserMain.ts'],
      outfile: 'dist/web/extension.js',
      platform: 'browser',
      format: 'cjs',
      target: 'es2022',
      external: ['vscode'],
    },
    // Started from a blob of this file's text (webCompute.ts), so it is one self-contained script.
    webWorker: {
      ...common,
      entryPoints: ['src/compute/webWorkerMain.ts'],
      outfile: 'dist/web/worker.js',
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      // A linked source map's URL would be relative to a blob: inline it, or none.
      sourcemap: production ? false : 'inline',
    },
    webview: {
      ...common,
      entryPoints: ['webview/main.ts'],
      outfile: 'dist/webview.js',
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    },
    // The engine for the panel's own drawing of a small input's p change, loaded by the webview
    // after its first paint (webview/localDraw.ts), as the global webview/drawEngineName.ts names.
    drawEngine: {
      ...common,
      entryPoints: ['webview/drawEngine.ts'],
      outfile: 'dist/drawEngine.js',
      platform: 'browser',
      format: 'iife',
      globalName: 'dropoutDrawEngine',
      target: 'es2022',
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const production = process.argv.includes('--production');
  const watch = process.argv.includes('--watch');
  const builds = Object.values(bundles(production));
  if (watch) {
    for (const options of builds) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
    }
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
  }
}
