import { EngineClient, inProcessTransport, workerTransport, type Transport } from '../worker/client';

/**
 * Starts the engine in a module worker; if the browser cannot start one, runs the same
 * dispatcher on this thread (slower, never broken).
 */
export async function startEngine(): Promise<EngineClient> {
  let transport: Transport;
  try {
    const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'netpol-engine' });
    transport = workerTransport(worker);
  } catch {
    const { createDispatcher } = await import('../worker/dispatch');
    transport = inProcessTransport(createDispatcher(() => performance.now()));
  }
  return new EngineClient(transport);
}
