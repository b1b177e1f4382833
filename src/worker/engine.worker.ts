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
  scope.postMessage(dispatch(withBytes(ev.data)));
});
