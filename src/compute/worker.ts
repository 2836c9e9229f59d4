// The compute worker: a thread of the extension host process that parses and
// runs the engine, so a ten-million-value selection never freezes the editor.
import { parentPort } from 'node:worker_threads';
import type { ComputeReply, ComputeRequest } from './messages';
import { ComputeSession, transferables } from './session';

const session = new ComputeSession();
const port = parentPort;
if (!port) throw new Error('The compute worker must run in a worker thread.');

port.on('message', (request: ComputeRequest) => {
  let reply: ComputeReply;
  try {
    switch (request.kind) {
      case 'load':
        reply = { id: request.id, kind: 'load', reply: session.load(request.request) };
        break;
      case 'run':
        reply = { id: request.id, kind: 'run', reply: session.run(request.settings) };
        break;
      case 'window':
        reply = { id: request.id, kind: 'window', reply: session.window(request.offset, request.count) };
        break;
    }
  } catch (error) {
    reply = { id: request.id, kind: 'crash', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, reply.kind === 'run' || reply.kind === 'window' ? transferables(reply.reply) : []);
});
