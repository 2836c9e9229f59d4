// @ts-check
// One line naming the machine the figures were measured on.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

function cpuModel() {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1].trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

/**
 * `pythonInfo` is baseline.py's `info` reply, or undefined with `pythonNote`
 * saying why; both are undefined when no section needed Python.
 * @param {import('./python.mjs').PythonInfo | undefined} pythonInfo
 * @param {string | undefined} pythonNote
 */
export function machineLine(pythonInfo, pythonNote) {
  const parts = [`${cpuModel()}`, `${cpus().length} cores`, `Node ${process.version}`];
  if (pythonInfo) {
    parts.push(`Python ${pythonInfo.python}`);
    parts.push(pythonInfo.numpy ? `NumPy ${pythonInfo.numpy}` : `NumPy unavailable (${pythonInfo.numpyError})`);
    parts.push(
      pythonInfo.torch
        ? `PyTorch ${pythonInfo.torch} (${pythonInfo.torchThreads} thread)`
        : `PyTorch unavailable (${pythonInfo.torchError})`,
    );
  } else if (pythonNote) {
    parts.push(`no Python baselines (${pythonNote})`);
  }
  return parts.join(' · ');
}
