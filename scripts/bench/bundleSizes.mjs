// @ts-check
// Section 5: the size of what ships. Builds the production bundles with the
// project's own build script, and the .vsix when packaging works offline.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './bundle.mjs';
import { errorMessage } from './stats.mjs';

const run = promisify(execFile);
const KB = 1024;

/** @typedef {{ name: string, bytes: number | undefined, detail?: string }} SizeRow */

/** @type {Record<string, number>} The largest each may be, by row name. */
export const SIZE_TARGETS = {
  'dist/extension.js': 80 * KB,
  'host total (extension.js + worker.js)': 80 * KB,
  'dist/webview.js': 250 * KB,
  '.vsix': 400 * KB,
};

/**
 * The file's size if this build wrote it; a file older than the build (or empty) is not what was just built.
 * @param {string} relative
 * @param {number} builtSince
 */
function sizeOf(relative, builtSince) {
  const file = join(ROOT, relative);
  if (!existsSync(file)) return undefined;
  const stat = statSync(file);
  return stat.mtimeMs >= builtSince && stat.size > 0 ? stat.size : undefined;
}

/** The newest artifacts/*.vsix, if any. */
function newestVsix() {
  const dir = join(ROOT, 'artifacts');
  if (!existsSync(dir)) return undefined;
  const found = readdirSync(dir)
    .filter((name) => name.endsWith('.vsix'))
    .map((name) => ({ name: `artifacts/${name}`, stat: statSync(join(dir, name)) }))
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs);
  return found[0];
}

/**
 * `packageVsix`: build artifacts/bench.vsix first (slow); otherwise report an existing one.
 * @param {{ packageVsix: boolean, log: (message: string) => void }} options
 * @returns {Promise<{ rows: SizeRow[], notes: string[] }>}
 */
export async function benchBundleSizes({ packageVsix, log }) {
  /** @type {SizeRow[]} */
  const rows = [];
  /** @type {string[]} */
  const notes = [];
  // Whole-second resolution on some file systems: allow for it.
  const builtSince = Date.now() - 1000;
  try {
    await run(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, timeout: 120_000 });
  } catch (error) {
    notes.push(`\`node esbuild.mjs --production\` failed: ${firstLine(error)}`);
  }
  const extension = sizeOf('dist/extension.js', builtSince);
  const worker = sizeOf('dist/worker.js', builtSince);
  const webview = sizeOf('dist/webview.js', builtSince);
  rows.push({ name: 'dist/extension.js', bytes: extension });
  rows.push({ name: 'dist/worker.js', bytes: worker });
  rows.push({
    name: 'host total (extension.js + worker.js)',
    bytes: extension !== undefined && worker !== undefined ? extension + worker : undefined,
  });
  rows.push({ name: 'dist/webview.js', bytes: webview });
  // Loaded by the panel after its first paint, to draw a small input's p change itself.
  rows.push({ name: 'dist/drawEngine.js', bytes: sizeOf('dist/drawEngine.js', builtSince) });
  // The `browser` entry carries the compute too, for web hosts that refuse workers.
  rows.push({ name: 'dist/web/extension.js', bytes: sizeOf('dist/web/extension.js', builtSince) });
  rows.push({ name: 'dist/web/worker.js', bytes: sizeOf('dist/web/worker.js', builtSince) });

  if (packageVsix) {
    try {
      await run(
        'npx',
        // The same flags as `npm run package`: without a repository, vsce would
        // otherwise refuse the README's relative image links.
        [
          '--no-install',
          'vsce',
          'package',
          '--no-dependencies',
          '--allow-missing-repository',
          '--no-rewrite-relative-links',
          '--out',
          'artifacts/bench.vsix',
        ],
        { cwd: ROOT, timeout: 240_000 },
      );
    } catch (error) {
      notes.push(`\`vsce package\` failed: ${firstLine(error)}`);
    }
  }
  const vsix = newestVsix();
  if (vsix && vsix.stat.size > 0) {
    rows.push({ name: '.vsix', bytes: vsix.stat.size, detail: `${vsix.name}, built ${vsix.stat.mtime.toISOString()}` });
  } else {
    rows.push({ name: '.vsix', bytes: undefined, detail: 'no artifacts/*.vsix' });
  }
  for (const row of rows) log(`size ${row.name}: ${row.bytes ?? 'missing'}`);
  return { rows, notes };
}

/**
 * The line that says what went wrong: an ERROR line if there is one, else the first line of output.
 * @param {unknown} error what execFile rejected with: an Error carrying the child's output
 */
function firstLine(error) {
  const { stderr = '', stdout = '' } = /** @type {{ stderr?: string, stdout?: string }} */ (error);
  const lines = `${stderr}\n${stdout}\n${errorMessage(error)}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((line) => /error/i.test(line)) ?? lines[0] ?? 'unknown error';
}
