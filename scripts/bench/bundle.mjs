// Bundles the code under measurement the way the extension ships it (esbuild,
// minified, Node target) into artifacts/bench/, so the benchmark times the
// production shape of the engine, the parser and the compute worker.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const OUT_DIR = join(ROOT, 'artifacts', 'bench');

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
 * Builds three files and returns their paths, with the build error of any
 * that failed (so one missing piece does not stop the other sections):
 * - core: the engine and the parser, as one module;
 * - compute: WorkerCompute and InlineCompute (the extension host's side);
 * - worker: the compute worker thread.
 * `minify: false` (with a `suffix` for the file names) keeps function names for profiles.
 */
export async function bundleForBench({ minify = true, suffix = '' } = {}) {
  mkdirSync(OUT_DIR, { recursive: true });
  const builds = {
    core: {
      stdin: {
        contents:
          "export { dropout } from './src/engine/index.ts';\n" +
          "export { parseActivations, ParseError } from './src/parse/index.ts';\n",
        resolveDir: ROOT,
        sourcefile: 'bench-core.ts',
        loader: 'ts',
      },
    },
    compute: { entryPoints: [join(ROOT, 'src/compute/client.ts')] },
    worker: { entryPoints: [join(ROOT, 'src/compute/worker.ts')] },
  };
  const paths = {};
  const errors = {};
  await Promise.all(
    Object.entries(builds).map(async ([name, options]) => {
      const outfile = join(OUT_DIR, `${name}${suffix}.cjs`);
      try {
        await esbuild.build({ ...common, ...options, minify, outfile });
        paths[name] = outfile;
      } catch (error) {
        errors[name] = (error.errors?.[0]?.text ?? error.message).split('\n')[0];
      }
    }),
  );
  return { paths, errors };
}
