import type { EngineClient } from '../worker/client';
import { connectHits } from './hits';
import type { AppStore } from './store';
import { connectNodeInspector } from './nodeInspection';
import { connectPolicyFocus } from './policyFocus';

/** Cursor moves come in bursts (arrow keys held, clicks): the policy focus is asked once the cursor rests. */
const POLICY_FOCUS_QUIET_MS = 150;
import { askPodExpansion, connectPodExpansion } from './podExpansion';

/** Options for wiring the store to the engine. */
export interface EffectsOptions {
  /**
   * Quiet time after a keystroke before evaluating, while the engine is idle (ms). Keep it
   * short: it only gathers a burst of edits (a paste, a multi-cursor edit); edits made while
   * an evaluation runs wait for it instead (see {@link connectEngine}).
   */
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
 * Inputs change → ask the worker → write the result back, tagged by revision. A newer revision
 * always wins; the UI thread never waits on the engine. At most one evaluation is in flight
 * for edits: an edit made while the worker is busy is not sent at once, and when the answer
 * comes back the newest text is sent in one request. So a keystroke on an idle engine
 * recolours the graph after one short quiet time plus the evaluation (no long debounce on the
 * latency), and fast typing on a slow, large workspace never queues stale work in the worker.
 * The selected node's inspection follows the selection and the graph (./nodeInspection.ts), the
 * policy focus the editor's cursor (./policyFocus.ts).
 */
export function connectEngine(store: AppStore, client: EngineClient, opts: EffectsOptions): EngineConnection {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const waiters: { revision: number; resolve: () => void }[] = [];
  let inFlight = 0;
  /** Set when an edit arrived while an evaluation was in flight. */
  let queued = false;

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
    const { revision, files, lastEditOrigin } = store.getState();
    inFlight++;
    store.getState().setEvaluating(true);
    client.analyze(revision, files.map((f) => ({ path: f.path, text: f.text })), lastEditOrigin === 'model')
      .then(async (reply) => {
        if (!reply) return;
        // Pods of expanded workloads from the same evaluation, written together with it.
        const pods = await askPodExpansion(store, client);
        if (pods) store.getState().applyPodExpansion(pods);
        store.getState().applyAnalysis(reply.revision, reply.result, reply.millis, reply.acceptErrors);
      })
      .catch((e: unknown) => store.getState().setEngineError(e instanceof Error ? e.message : String(e)))
      .finally(() => {
        inFlight--;
        settle();
        if (inFlight > 0) return;
        if (queued) {
          queued = false;
          run();
        } else store.getState().setEvaluating(false);
      });
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (inFlight > 0) queued = true;
    else timer = setTimeout(run, opts.debounceMs);
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
  const stopFocus = connectPolicyFocus(store, client, POLICY_FOCUS_QUIET_MS);
  const stopPods = connectPodExpansion(store, client);
  const stopHits = connectHits(store, client);

  return {
    whenAnalyzed: (revision) =>
      new Promise<void>((resolve) => {
        waiters.push({ revision, resolve });
        settle();
      }),
    flush: () => {
      if (timer) clearTimeout(timer);
      timer = null;
      queued = false;
      run();
    },
    dispose: () => {
      unsubscribe();
      stopInspector();
      stopFocus();
      stopPods();
      stopHits();
      if (timer) clearTimeout(timer);
    },
  };
}
