// @ts-check
// `npm test`: every tier in order — setup (installs what is missing), typecheck, lint, build, unit,
// integration in VS Code 1.100.3 and 1.139.1, package, e2e. Each tier ends with "<tier>: N passed, N failed"; a summary with each tier's
// wall time closes the run; the exit code is non-zero when any tier fails. Each command runs in its own
// process group, killed on Ctrl+C/SIGTERM or when its time is up, so no code-server or Chromium outlives
// the run.
//
//   node scripts/test-all.mjs [--only unit,integration] [--skip e2e]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VSCODE_VERSIONS = ['1.100.3', '1.139.1'];
const MIN = 60_000;

/**
 * A tier is one or more commands. `own`: the command prints its own "<tier>: N passed, N failed"
 * (mocha with test/tierReporter.js); otherwise each command counts as one check.
 * @typedef {{
 *   name: string, timeout: number, lint?: boolean, steps?: string[][], prepare?: string[], own?: boolean,
 *   after?: () => void,
 * }} Tier
 * @type {Tier[]}
 */
const TIERS = [
  // What a fresh machine lacks (code-server, Chromium, the real frameworks): a quick check once installed.
  { name: 'setup', steps: [['bash', 'scripts/setup-real-vscode.sh', '--frameworks']], timeout: 30 * MIN },
  {
    name: 'typecheck',
    steps: [
      ['npx', 'tsc', '-p', '.', '--noEmit'],
      ['npx', 'tsc', '-p', 'webview', '--noEmit'],
      ['npx', 'tsc', '-p', 'scripts'],
    ],
    timeout: 10 * MIN,
  },
  { name: 'lint', lint: true, timeout: 10 * MIN },
  { name: 'build', steps: [['npm', 'run', '--silent', 'build']], timeout: 5 * MIN },
  { name: 'unit', steps: [['npm', 'run', '--silent', 'test:unit']], own: true, timeout: 40 * MIN },
  ...VSCODE_VERSIONS.map((v) => ({
    name: `integration ${v}`,
    prepare: ['npx', 'tsc', '-p', '.', '--outDir', 'out'],
    steps: [['node', 'out/test/integration/runTest.js', '--version', v]],
    own: true,
    timeout: 15 * MIN,
  })),
  // The production bundle and the .vsix the UI tier installs.
  { name: 'package', steps: [['npm', 'run', '--silent', 'package']], timeout: 5 * MIN, after: reportVsix },
  {
    name: 'e2e',
    prepare: ['npx', 'tsc', '-p', '.', '--outDir', 'out'],
    steps: [['npx', 'mocha', '--config', 'test/e2e/.mocharc.json']],
    own: true,
    timeout: 60 * MIN,
  },
];

/** @param {string} flag */
function listArg(flag) {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1].split(',').map((s) => s.trim()) : undefined;
}
const only = listArg('--only');
const skip = listArg('--skip') ?? [];
const selected = TIERS.filter((t) => (!only || only.some((o) => t.name.startsWith(o))) && !skip.some((s) => t.name.startsWith(s)));

/** @type {import('node:child_process').ChildProcess | undefined} The command running now. */
let current;
/** @param {NodeJS.Signals} signal */
const killCurrent = (signal) => {
  if (current?.pid) {
    try {
      process.kill(-current.pid, signal);
    } catch {
      /* gone */
    }
  }
};
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    killCurrent('SIGTERM');
    setTimeout(() => {
      killCurrent('SIGKILL');
      process.exit(130);
    }, 3000).unref();
  });
}
process.on('exit', () => killCurrent('SIGKILL'));

/**
 * Runs one command in its own process group, echoing and capturing its output.
 * @param {string[]} argv
 * @param {{ timeout: number, echo?: boolean }} options
 * @returns {Promise<{ code: number, output: string }>}
 */
function runStep(argv, { timeout, echo = true }) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(argv[0], argv.slice(1), {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    current = child;
    const timer = setTimeout(() => {
      output += `\n(timed out after ${timeout / MIN} min)\n`;
      console.error(`${argv.join(' ')}: timed out after ${timeout / MIN} min`);
      killCurrent('SIGKILL');
    }, timeout);
    /** @param {NodeJS.WriteStream} stream */
    const take = (stream) => (/** @type {Buffer} */ d) => {
      output += d;
      if (echo) stream.write(d);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killCurrent('SIGKILL'); // anything the command left behind in its group
      current = undefined;
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

/**
 * ESLint once, as JSON, then the formatter's check: problems printed one a line, files counted as
 * passed or failed (a file the formatter would change fails).
 * @param {number} timeout
 */
async function runLint(timeout) {
  const { code, output } = await runStep(['npx', 'eslint', '.', '--format', 'json'], { timeout, echo: false });
  /** @type {import('eslint').ESLint.LintResult[]} */
  let results;
  try {
    results = JSON.parse(output.slice(output.indexOf('[')));
  } catch {
    process.stdout.write(output);
    return { passed: 0, failed: 1 };
  }
  let failed = 0;
  for (const file of results) {
    if (file.errorCount > 0) failed++;
    for (const m of file.messages) {
      console.log(
        `${path.relative(ROOT, file.filePath)}:${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.message} (${m.ruleId ?? 'parse'})`,
      );
    }
  }
  if (code !== 0 && failed === 0) failed = 1;
  const format = await runStep(['npx', 'prettier', '--list-different', '.'], { timeout, echo: false });
  const unformatted = format.output.split('\n').filter((line) => line.trim() !== '');
  for (const file of unformatted) console.log(`${file}: not formatted (run npm run format)`);
  if (format.code !== 0 && unformatted.length === 0) failed++;
  return { passed: results.length - failed, failed: failed + unformatted.length };
}

function reportVsix() {
  const vsix = path.join(ROOT, 'artifacts', 'dropout-playground.vsix');
  if (fs.existsSync(vsix)) console.log(`package: ${path.relative(ROOT, vsix)} ${(fs.statSync(vsix).size / 1024).toFixed(1)} KiB`);
}

/** @param {string} s */
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** @type {{ name: string, passed: number, failed: number, wall: number }[]} */
const results = [];
const started = Date.now();
let compiled = false;

for (const tier of selected) {
  const t0 = Date.now();
  console.log(`\n=== ${tier.name} ===`);
  let passed = 0;
  let failed = 0;
  let lastOwnLine;
  if (tier.lint) {
    ({ passed, failed } = await runLint(tier.timeout));
  } else {
    if (tier.prepare && !compiled && !selected.some((t) => t.name === 'unit')) {
      const prep = await runStep(tier.prepare, { timeout: 10 * MIN });
      if (prep.code !== 0) failed++;
      compiled = true;
    }
    for (const step of tier.steps ?? []) {
      const { code, output } = await runStep(step, { timeout: tier.timeout });
      if (tier.own) {
        // The last "<tier>: N passed, N failed" line the command printed.
        const lines = [...output.matchAll(new RegExp(`^${escape(tier.name)}: (\\d+) passed, (\\d+) failed`, 'gm'))];
        const last = lines.at(-1);
        if (last) {
          passed += Number(last[1]);
          failed += Number(last[2]);
          lastOwnLine = tier.steps?.length === 1 ? `${last[1]}/${last[2]}` : undefined;
        }
        // A crash before the reporter's line, or a non-zero exit with nothing failed, is one failure.
        if (!last || (code !== 0 && Number(last[2]) === 0)) failed++;
      } else if (code === 0) {
        passed++;
      } else {
        failed++;
      }
    }
    if (tier.name === 'unit') compiled = true;
  }
  tier.after?.();
  const wall = Date.now() - t0;
  results.push({ name: tier.name, passed, failed, wall });
  // Mocha tiers printed their own line; repeat it only when a crash or exit code changed the count.
  if (!tier.own || !lastOwnLine || lastOwnLine !== `${passed}/${failed}`) console.log(`${tier.name}: ${passed} passed, ${failed} failed`);
}

const width = Math.max(...results.map((r) => r.name.length), 5);
console.log('\n=== summary ===');
for (const r of results) {
  console.log(
    `${r.failed ? 'FAIL' : 'ok  '}  ${r.name.padEnd(width)}  ${String(r.passed).padStart(4)} passed  ${String(r.failed).padStart(3)} failed  ${seconds(r.wall).padStart(8)}`,
  );
}
const anyFailed = results.some((r) => r.failed > 0);
console.log(`total wall time ${seconds(Date.now() - started)}; ${anyFailed ? 'FAILED' : 'all tiers passed'}`);
process.exit(anyFailed ? 1 : 0);
