// The Node side of baseline.py: spawns it once and asks for one timing at a
// time, so Python and Node measurements alternate in the same time window.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('./baseline.py', import.meta.url).pathname;

export class PythonBaselines {
  /** Starts the Python process; resolves to undefined (with a reason) when there is no Python. */
  static async start() {
    if (!existsSync(PYTHON)) return { baselines: undefined, reason: `${PYTHON} not found` };
    const baselines = new PythonBaselines();
    try {
      baselines.info = JSON.parse(await baselines.request('info'));
    } catch (error) {
      baselines.close();
      return { baselines: undefined, reason: `the Python baseline process failed: ${error.message}` };
    }
    return { baselines, reason: undefined };
  }

  constructor() {
    this.child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.waiting = [];
    this.exited = false;
    createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.resolve(line));
    this.child.on('exit', () => {
      this.exited = true;
      for (const w of this.waiting.splice(0)) w.reject(new Error(this.stderr.trim() || 'python exited'));
    });
  }

  request(line) {
    if (this.exited) return Promise.reject(new Error(this.stderr.trim() || 'python exited'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(line + '\n');
    });
  }

  /** One timing in ms of `library` ('numpy' | 'torch') on n values; throws with Python's reason. */
  async time(library, n) {
    const reply = await this.request(`run ${library} ${n}`);
    if (reply.startsWith('ok ')) return Number(reply.slice(3));
    throw new Error(reply.replace(/^err /, ''));
  }

  has(library) {
    return Boolean(this.info?.[library]);
  }

  close() {
    if (!this.exited) {
      this.child.stdin.end('quit\n');
    }
  }
}
