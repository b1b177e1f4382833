/// <reference lib="webworker" />
// Dispatch only: every piece of logic lives in the engine (design.md habit 4).
import { createDispatcher } from './dispatch';
import type { EngineRequest } from './protocol';

const dispatch = createDispatcher(() => performance.now());
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (ev: MessageEvent<EngineRequest>) => {
  scope.postMessage(dispatch(ev.data));
});
