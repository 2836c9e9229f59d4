// @ts-check
// `npm run test:stress`: the whole UI tier N times in a row, on both VS Code versions, with CPU
// burners beside it (a busy CI machine), then passes and failures per test. A test that fails once
// here would fail a CI run by chance one day.
//
//   node scripts/test-stress.mjs [--runs 5] [--burners 2]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The number after `name` on the command line, else `fallback`.
 * @param {string} name
 * @param {number} fallback
 */
function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const runs = argValue('--runs', 5);
const burnerCount = argValue('--burners', 2);

// Each burner spins one core until the end; detached, so one kill(-pid) stops it.
const burners = Array.from({ length: burnerCount }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { detached: true, stdio: 'ignore' }),
);
const stopBurners = () =>
  burners.forEach((b) => {
    try {
      if (b.pid !== undefined) process.kill(-b.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  });
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

console.log(`stress: ${runs} runs of the UI tier beside ${burnerCount} CPU burners`);
execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
execFileSync('npx', ['tsc', '-p', '.', '--outDir', 'out'], { cwd: ROOT, stdio: 'inherit' });

/**
 * Runs the tier once with mocha's JSON reporter; returns its tests (title, state) or a crash.
 * @param {number} run
 * @returns {Promise<{ seconds: number, passes: string[], failures: { title: string, message: string }[] }>}
 */
function runTier(run) {
  const report = path.join(os.tmpdir(), `dropout-stress-${process.pid}-${run}.json`);
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      'npx',
      ['mocha', '--config', 'test/e2e/.mocharc.json', '--reporter', 'json', '--reporter-option', `output=${report}`],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, FORCE_COLOR: '0' } },
    );
    child.on('close', () => {
      const seconds = Math.round((Date.now() - started) / 1000);
      try {
        /** @type {{ passes: { fullTitle: string }[], failures: { fullTitle: string, err?: { message?: string } }[] }} */
        const { passes, failures } = JSON.parse(fs.readFileSync(report, 'utf8'));
        fs.rmSync(report, { force: true });
        resolve({
          seconds,
          passes: passes.map((t) => t.fullTitle),
          failures: failures.map((t) => ({ title: t.fullTitle, message: t.err?.message ?? '' })),
        });
      } catch (error) {
        resolve({ seconds, passes: [], failures: [{ title: '(the tier did not report)', message: String(error) }] });
      }
    });
  });
}

/** @type {Map<string, { passed: number, failed: number }>} */
const counts = new Map();
/** @param {string} title */
const count = (title) => {
  let forTitle = counts.get(title);
  if (!forTitle) counts.set(title, (forTitle = { passed: 0, failed: 0 }));
  return forTitle;
};
for (let run = 1; run <= runs; run++) {
  const { seconds, passes, failures } = await runTier(run);
  for (const title of passes) count(title).passed++;
  for (const { title, message } of failures) {
    count(title).failed++;
    console.log(`  run ${run}: FAILED ${title}\n    ${message.split('\n')[0].slice(0, 300)}`);
  }
  console.log(`stress run ${run}/${runs}: ${passes.length} passed, ${failures.length} failed (${seconds} s)`);
}
stopBurners();

console.log('\npasses/failures per test:');
for (const [title, { passed, failed }] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${failed ? 'FLAKY' : 'ok   '}  ${String(passed).padStart(2)}/${String(passed + failed).padEnd(2)}  ${title}`);
}
const totals = [...counts.values()].reduce((t, c) => ({ passed: t.passed + c.passed, failed: t.failed + c.failed }), {
  passed: 0,
  failed: 0,
});
console.log(`stress: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
