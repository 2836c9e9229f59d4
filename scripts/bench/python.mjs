// @ts-check
// The Node side of baseline.py: spawns it once and asks for one timing at a
// time, so Python and Node measurements alternate in the same time window.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { errorMessage } from './stats.mjs';

/**
 * baseline.py's reply to `info`: versions, or null with the import error.
 * @typedef {{ python: string, numpy: string | null, numpyError: string | null, torch: string | null, torchError: string | null, torchThreads: number | null }} PythonInfo
 * @typedef {'numpy' | 'torch'} Library
 */

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('./baseline.py', import.meta.url).pathname;

export class PythonBaselines {
  /**
   * Starts the Python process; resolves to undefined (with a reason) when there is no Python.
   * @returns {Promise<{ baselines: PythonBaselines, reason: undefined } | { baselines: undefined, reason: string }>}
   */
  static async start() {
    if (!existsSync(PYTHON)) return { baselines: undefined, reason: `${PYTHON} not found` };
    const baselines = new PythonBaselines();
    try {
      baselines.info = JSON.parse(await baselines.request('info'));
    } catch (error) {
      baselines.close();
      return { baselines: undefined, reason: `the Python baseline process failed: ${errorMessage(error)}` };
    }
    return { baselines, reason: undefined };
  }

  constructor() {
    this.child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => (this.stderr += chunk));
    /** @type {{ resolve: (line: string) => void, reject: (error: Error) => void }[]} Requests in the order sent, each answered by one line. */
    this.waiting = [];
    this.exited = false;
    /** @type {PythonInfo | undefined} Set by start(). */
    this.info = undefined;
    createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.resolve(line));
    this.child.on('exit', () => {
      this.exited = true;
      for (const w of this.waiting.splice(0)) w.reject(new Error(this.stderr.trim() || 'python exited'));
    });
  }

  /**
   * @param {string} line
   * @returns {Promise<string>} Python's one-line reply
   */
  request(line) {
    if (this.exited) return Promise.reject(new Error(this.stderr.trim() || 'python exited'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(line + '\n');
    });
  }

  /**
   * One timing in ms of `library` on n values; throws with Python's reason.
   * @param {Library} library
   * @param {number} n
   */
  async time(library, n) {
    const reply = await this.request(`run ${library} ${n}`);
    if (reply.startsWith('ok ')) return Number(reply.slice(3));
    throw new Error(reply.replace(/^err /, ''));
  }

  /** @param {Library} library */
  has(library) {
    return Boolean(this.info?.[library]);
  }

  close() {
    if (!this.exited) {
      this.child.stdin.end('quit\n');
    }
  }
}
