// A stand-in for a paused program: a Python process that evaluates the expressions it is sent in one
// namespace, as debugpy's `evaluate` does in a stopped frame, and answers with the repr of the value.
// It also reports what the tests check the reader leaves behind: the frame's names and sys.modules.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as readline from 'node:readline';
import type { EvaluateTarget } from '../../../../src/host/debug/debugRead';

export const PYTHON = '/usr/bin/python3';

const SERVER = String.raw`
import json, sys
frame = {'__name__': '__main__'}
exec(compile(sys.argv[1], '<setup>', 'exec'), frame)
print(json.dumps({'ready': True}), flush=True)
for line in sys.stdin:
    request = json.loads(line)
    try:
        if request.get('inspect'):
            reply = {'names': sorted(frame), 'modules': sorted(sys.modules)}
        else:
            reply = {'result': repr(eval(request['expression'], frame, frame))}
    except BaseException as e:
        reply = {'error': '%s: %s' % (type(e).__name__, e)}
    print(json.dumps(reply), flush=True)
`;

export class PythonFrame implements EvaluateTarget {
  readonly evaluated: string[] = [];
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterableIterator<string>;

  private constructor(setup: string) {
    this.process = spawn(PYTHON, ['-c', SERVER, setup], { env: { ...process.env, PYTHONWARNINGS: 'ignore' } });
    this.lines = readline.createInterface({ input: this.process.stdout })[Symbol.asyncIterator]();
  }

  /** A frame whose globals are what `setup` (Python) defines. */
  static async start(setup: string): Promise<PythonFrame> {
    const frame = new PythonFrame(setup);
    const first = await frame.lines.next();
    if (first.done) throw new Error('The Python frame did not start.');
    return frame;
  }

  async customRequest(command: string, args?: unknown): Promise<unknown> {
    if (command !== 'evaluate') throw new Error(`unexpected request ${command}`);
    const { expression, context } = args as { expression: string; context: string };
    if (context !== 'clipboard') throw new Error(`context ${context} would be truncated`);
    this.evaluated.push(expression);
    const reply = await this.send({ expression });
    if ('error' in reply) throw new Error(reply.error);
    return { result: reply.result };
  }

  /** The frame's names and the loaded modules, now. */
  async inspect(): Promise<{ names: string[]; modules: string[] }> {
    return (await this.send({ inspect: true })) as unknown as { names: string[]; modules: string[] };
  }

  /** A value of the frame, as Python's repr. */
  async repr(expression: string): Promise<string> {
    const reply = await this.send({ expression });
    if ('error' in reply) throw new Error(reply.error);
    return reply.result;
  }

  stop(): void {
    this.process.kill();
  }

  private async send(request: object): Promise<{ result: string } | { error: string }> {
    this.process.stdin.write(`${JSON.stringify(request)}\n`);
    const line = await this.lines.next();
    if (line.done) throw new Error('The Python frame stopped.');
    return JSON.parse(line.value) as { result: string } | { error: string };
  }
}
