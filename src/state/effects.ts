import type { EngineClient } from '../worker/client';
import type { AppStore } from './store';
import { connectNodeInspector } from './nodeInspection';
import { askPodExpansion, connectPodExpansion } from './podExpansion';

/** Options for wiring the store to the engine. */
export interface EffectsOptions {
  /** Quiet time after the last keystroke before evaluating (ms). */
  debounceMs: number;
}

/** Handle returned by {@link connectEngine}. */
export interface EngineConnection {
  /** Resolves once the analysis of `revision` (or a newer one) is in the store. */
  whenAnalyzed(revision: number): Promise<void>;
  /** Evaluate now, skipping the debounce (a walkthrough step, an API call). */
  flush(): void;
  dispose(): void;
}

/**
 * Inputs change → ask the worker → write the result back, tagged by revision. Typing is
 * debounced; a newer revision always wins; the UI thread never waits on the engine. The
 * selected node's inspection follows the selection and the graph (./nodeInspection.ts).
 */
export function connectEngine(store: AppStore, client: EngineClient, opts: EffectsOptions): EngineConnection {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const waiters: { revision: number; resolve: () => void }[] = [];
  let inFlight = 0;

  const settle = () => {
    const reached = store.getState().diagnosticsRevision;
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i]!.revision <= reached) {
        waiters[i]!.resolve();
        waiters.splice(i, 1);
      }
    }
  };

  const run = () => {
    timer = null;
    const { revision, files } = store.getState();
    inFlight++;
    store.getState().setEvaluating(true);
    client.analyze(revision, files.map((f) => ({ path: f.path, text: f.text })))
      .then(async (reply) => {
        if (!reply) return;
        // Pods of expanded workloads from the same evaluation, written together with it.
        const pods = await askPodExpansion(store, client);
        if (pods) store.getState().applyPodExpansion(pods);
        store.getState().applyAnalysis(reply.revision, reply.result, reply.millis);
      })
      .catch((e: unknown) => store.getState().setEngineError(e instanceof Error ? e.message : String(e)))
      .finally(() => {
        inFlight--;
        if (inFlight === 0) store.getState().setEvaluating(false);
        settle();
      });
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, opts.debounceMs);
  };

  let lastRevision = store.getState().revision;
  const unsubscribe = store.subscribe((s) => {
    if (s.revision !== lastRevision) {
      lastRevision = s.revision;
      schedule();
    }
  });
  run(); // first evaluation right away
  const stopInspector = connectNodeInspector(store, client);
  const stopPods = connectPodExpansion(store, client);

  return {
    whenAnalyzed: (revision) =>
      new Promise<void>((resolve) => {
        waiters.push({ revision, resolve });
        settle();
      }),
    flush: () => {
      if (timer) clearTimeout(timer);
      run();
    },
    dispose: () => {
      unsubscribe();
      stopInspector();
      stopPods();
      if (timer) clearTimeout(timer);
    },
  };
}
