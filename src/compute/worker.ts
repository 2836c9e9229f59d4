// The compute worker: a thread of the extension host process that parses and
// runs the engine, so a ten-million-value selection never freezes the editor.
// It serves the compute API (service.ts) on the thread's port.
import { parentPortEndpoint } from './nodeWorker';
import { serveCompute } from './service';

serveCompute(parentPortEndpoint());
