// Every process the real-VS-Code tiers start is recorded here and stopped on
// any way out: normal exit, a failed test, Ctrl+C, SIGTERM, an uncaught error.
// Children run in their own process group (detached), so one kill(-pgid)
// also stops what they spawned (the extension host, file watchers, pty hosts).
'use strict';
const { spawn } = require('node:child_process');

const groups = new Set();
const cleanups = new Set();
let hooked = false;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function stopAllNow() {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
}

function hookExit() {
  if (hooked) return;
  hooked = true;
  // 'exit' handlers must be synchronous: SIGKILL the groups, nothing to await.
  process.on('exit', stopAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      void runCleanups().finally(() => {
        stopAllNow();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    void runCleanups().finally(() => {
      stopAllNow();
      process.exit(1);
    });
  });
  process.on('unhandledRejection', (error) => {
    console.error(error);
    void runCleanups().finally(() => {
      stopAllNow();
      process.exit(1);
    });
  });
}

async function runCleanups() {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map((fn) => Promise.race([fn(), new Promise((r) => setTimeout(r, 3000))])));
}

/** spawn() in a new process group that is killed when this process ends. */
function spawnGroup(command, args, options = {}) {
  hookExit();
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid) groups.add(child.pid);
  child.once('exit', () => groups.delete(child.pid));
  return child;
}

/** Stops a group started by spawnGroup: SIGTERM, then SIGKILL after a grace period. */
async function stopGroup(child, graceMs = 2000) {
  if (!child.pid || !groups.has(child.pid)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child.pid, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs));
  await Promise.race([exited, timer]);
  killGroup(child.pid, 'SIGKILL');
  groups.delete(child.pid);
}

/** An async cleanup (closing a browser) that also runs on Ctrl+C or a crash. */
function onCleanup(fn) {
  hookExit();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

module.exports = { spawnGroup, stopGroup, onCleanup, runCleanups };
