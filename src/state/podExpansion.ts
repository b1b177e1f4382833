import type { EngineClient } from '../worker/client';
import type { AppStore } from './store';
import { workloadSetKey, type PodExpansionState } from './slices/expansion';

type Expander = Pick<EngineClient, 'expand'>;

/**
 * Asks the engine for the pods of the currently expanded workloads; null when none is
 * expanded or the engine answered with an error (the graph then shows the workloads whole).
 */
export async function askPodExpansion(store: AppStore, client: Expander): Promise<PodExpansionState | null> {
  const asked = [...store.getState().expandedWorkloads];
  if (asked.length === 0) return null;
  const answer = await client.expand(asked);
  return 'error' in answer.result ? null : { asked, revision: answer.revision, result: answer.result };
}

/**
 * Expanded workloads change → ask the engine → write the answer back (the slice drops it when
 * the set moved on or the graph is newer). A new analysis asks too, through `refresh`, which
 * ../effects.ts awaits before writing the analysis, so the graph never shows pods of an older
 * evaluation next to edges of a newer one. Returns the unsubscribe.
 */
export function connectPodExpansion(store: AppStore, client: Expander): () => void {
  let askedKey = workloadSetKey(store.getState().expandedWorkloads);
  const unsubscribe = store.subscribe((s) => {
    const key = workloadSetKey(s.expandedWorkloads);
    if (key === askedKey) return;
    askedKey = key;
    if (!s.analysis) return;
    void askPodExpansion(store, client).then((answer) => { if (answer) store.getState().applyPodExpansion(answer); });
  });
  return unsubscribe;
}
