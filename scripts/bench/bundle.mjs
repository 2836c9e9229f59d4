// @ts-check
// Bundles the code under measurement the way the extension ships it (esbuild,
// minified, Node target) into artifacts/bench/, so the benchmark times the
// production shape of the engine, the parser and the compute worker.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from './stats.mjs';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const OUT_DIR = join(ROOT, 'artifacts', 'bench');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'silent',
  define: { 'process.env.NODE_ENV': '"production"' },
};

/**
 * The engine and the parser, as the bench's core bundle exports them.
 * @typedef {typeof import('../../src/engine/index.js') & typeof import('../../src/parse/index.js')} Core
 */
/**
 * WorkerCompute and InlineCompute, as the compute bundle exports them.
 * @typedef {typeof import('../../src/compute/nodeWorker.js') & typeof import('../../src/compute/inlineCompute.js')} Compute
 */
/** @typedef {'core' | 'compute' | 'worker'} BundleName */
/** @typedef {Partial<Record<BundleName, string>>} BundlePaths */

/**
 * Builds three files and returns their paths, with the build error of any
 * that failed (so one missing piece does not stop the other sections):
 * - core: the engine and the parser, as one module;
 * - compute: WorkerCompute and InlineCompute (the extension host's side);
 * - worker: the compute worker thread.
 * `minify: false` (with a `suffix` for the file names) keeps function names for profiles.
 * @returns {Promise<{ paths: BundlePaths, errors: Partial<Record<BundleName, string>> }>}
 */
export async function bundleForBench({ minify = true, suffix = '' } = {}) {
  mkdirSync(OUT_DIR, { recursive: true });
  /** @type {Record<BundleName, esbuild.BuildOptions>} */
  const builds = {
    core: {
      stdin: {
        contents:
          "export { dropout, leanDropout } from './src/engine/index.ts';\n" +
          "export { parseActivations, ParseError } from './src/parse/index.ts';\n",
        resolveDir: ROOT,
        sourcefile: 'bench-core.ts',
        loader: 'ts',
      },
    },
    compute: {
      stdin: {
        contents:
          "export { WorkerCompute } from './src/compute/nodeWorker.ts';\n" +
          "export { InlineCompute } from './src/compute/inlineCompute.ts';\n",
        resolveDir: ROOT,
        sourcefile: 'bench-compute.ts',
        loader: 'ts',
      },
    },
    worker: { entryPoints: [join(ROOT, 'src/compute/worker.ts')] },
  };
  /** @type {BundlePaths} */
  const paths = {};
  /** @type {Partial<Record<BundleName, string>>} */
  const errors = {};
  await Promise.all(
    /** @type {[BundleName, esbuild.BuildOptions][]} */ (Object.entries(builds)).map(async ([name, options]) => {
      const outfile = join(OUT_DIR, `${name}${suffix}.cjs`);
      try {
        await esbuild.build({ ...common, ...options, minify, outfile });
        paths[name] = outfile;
      } catch (error) {
        errors[name] = buildErrorText(error).split('\n')[0];
      }
    }),
  );
  return { paths, errors };
}

/**
 * esbuild's first message when it has one (a BuildFailure), else the error's message.
 * @param {unknown} error
 */
function buildErrorText(error) {
  const failure = /** @type {Partial<esbuild.BuildFailure>} */ (error);
  return failure.errors?.[0]?.text ?? errorMessage(error);
}
