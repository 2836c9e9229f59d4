// The compute worker in a browser: a Web Worker that the web extension host starts from this
// bundle's source (webCompute.ts). It serves the same compute API as the Node worker thread.
import { serveCompute } from './service';
import { workerScopeEndpoint } from './webWorker';

serveCompute(workerScopeEndpoint());
