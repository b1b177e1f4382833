/// <reference lib="webworker" />
// Dispatch only: every piece of logic lives in the engine (design.md habit 4).
import { createDispatcher } from './dispatch';
import type { EngineRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Progress of a long request goes out while it runs (the page handles it meanwhile).
const dispatch = createDispatcher(() => performance.now(), (p) => scope.postMessage(p));
// A picked flow file arrives as its Blob, read here (synchronously: this thread is the engine's).
const withBytes = (req: EngineRequest): EngineRequest => (req.type !== 'load-flows' ? req
  : { ...req, files: req.files.map((f) => ('blob' in f ? { name: f.name, bytes: new FileReaderSync().readAsArrayBuffer(f.blob) } : f)) });
scope.addEventListener('message', (ev: MessageEvent<EngineRequest>) => {
  let req: EngineRequest;
  try {
    req = withBytes(ev.data);
  } catch (e) {
    // A file changed or gone since it was picked (or a kept Blob evicted): say so, never hang.
    scope.postMessage({ type: 'failure', id: ev.data.id, revision: ev.data.revision, message: `a flow file could not be read: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  scope.postMessage(dispatch(req));
});
