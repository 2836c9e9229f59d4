// `npm test`: every tier, in order, each ending with "<tier>: N passed, N failed", then a summary with
// each tier's wall time. Exits non-zero when any tier fails. Every tier runs in its own process group,
// which is killed if we are interrupted (Ctrl+C, SIGTERM) or when the tier ends, so no code-server or
// Chromium outlives the run.
//
//   node scripts/test-all.mjs [--only unit,e2e] [--skip e2e]
import { spawn } from 'node:child_process';

const VSCODE_VERSIONS = ['1.100.3', '1.139.1'];

/** name, command, and whether the command prints its own tier line (mocha with test/tierReporter.js). */
const TIERS = [
  { name: 'typecheck', cmd: 'npm run typecheck' },
  { name: 'lint', cmd: 'npm run lint' },
  { name: 'build', cmd: 'npm run build' },
  { name: 'unit', cmd: 'npm run test:unit', counts: true },
  ...VSCODE_VERSIONS.map((v) => ({ name: `integration ${v}`, cmd: `node out/test/integration/runTest.js --version ${v}`, counts: true })),
  // The packaged extension: the UI tier installs this .vsix into a fresh extensions dir.
  { name: 'package', cmd: 'npm run package' },
  // The UI tier runs against the production build the package step just wrote.
  { name: 'e2e', cmd: 'node scripts/real-vscode/runE2e.js', counts: true },
];

function listArg(flag) {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1].split(',').map((s) => s.trim()) : undefined;
}
const only = listArg('--only');
const skip = listArg('--skip') ?? [];
const selected = TIERS.filter((t) => (!only || only.some((o) => t.name.startsWith(o))) && !skip.some((s) => t.name.startsWith(s)));

let current;
function killCurrent(signal) {
  if (current?.pid) {
    try {
      process.kill(-current.pid, signal);
    } catch {
      // Already gone.
    }
  }
}
process.on('exit', () => killCurrent('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\ntest-all: ${signal}, stopping ${current ? 'the running tier' : ''}`);
    killCurrent('SIGTERM');
    setTimeout(() => process.exit(130), 1500).unref();
  });
}

const TIER_LINE = /^(.+?): (\d+) passed, (\d+) failed/;

function runTier(tier) {
  return new Promise((resolve) => {
    const started = Date.now();
    // detached: the tier and everything it starts share a new process group.
    const child = spawn('bash', ['-c', tier.cmd], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, FORCE_COLOR: '0' } });
    current = child;
    const lines = [];
    let partial = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      partial += chunk;
      const parts = partial.split('\n');
      partial = parts.pop();
      lines.push(...parts);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('exit', (code, signal) => {
      // Anything the tier left behind in its group goes now.
      killCurrent('SIGKILL');
      current = undefined;
      if (partial) lines.push(partial);
      const seconds = (Date.now() - started) / 1000;
      let passed;
      let failed;
      if (tier.counts) {
        const own = lines.map((l) => TIER_LINE.exec(l.trim())).filter(Boolean).filter((m) => m[1] === tier.name || tier.name.startsWith(m[1]) || m[1].startsWith(tier.name));
        const last = own.at(-1);
        if (last) {
          passed = Number(last[2]);
          failed = Number(last[3]);
        }
      }
      const ok = code === 0;
      if (passed === undefined) {
        // A tier without mocha counts (or one that died before reporting): one check, pass or fail.
        passed = ok ? 1 : 0;
        failed = ok ? 0 : 1;
        console.log(`${tier.name}: ${passed} passed, ${failed} failed${ok ? '' : ` (exit ${code ?? signal})`}`);
      } else if (!ok && failed === 0) {
        // The tests passed but the process did not: count the run itself as a failure.
        failed = 1;
        console.log(`${tier.name}: ${passed} passed, ${failed} failed (exit ${code ?? signal} after the tests)`);
      }
      resolve({ name: tier.name, ok: ok && failed === 0, passed, failed, seconds });
    });
  });
}

const results = [];
const allStarted = Date.now();
for (const tier of selected) {
  console.log(`\n=== ${tier.name}: ${tier.cmd}`);
  results.push(await runTier(tier));
}

const width = Math.max(...results.map((r) => r.name.length));
console.log('\n=== summary');
for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(width)}  ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1).padStart(7)} s`);
}
const failedTiers = results.filter((r) => !r.ok);
console.log(`total wall time ${((Date.now() - allStarted) / 1000).toFixed(1)} s; ${failedTiers.length ? `FAILED: ${failedTiers.map((r) => r.name).join(', ')}` : 'all tiers passed'}`);
process.exit(failedTiers.length ? 1 : 0);
