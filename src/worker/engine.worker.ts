/// <reference lib="webworker" />
// Dispatch only: every piece of logic lives in the engine (design.md habit 4).
import { createDispatcher } from './dispatch';
import type { EngineRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Progress of a long request goes out while it runs (the page handles it meanwhile).
const dispatch = createDispatcher(() => performance.now(), (p) => scope.postMessage(p));
scope.addEventListener('message', (ev: MessageEvent<EngineRequest>) => {
  scope.postMessage(dispatch(ev.data));
});
