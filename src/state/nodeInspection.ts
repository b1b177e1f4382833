import type { EngineClient } from '../worker/client';
import type { AppStore } from './store';

/**
 * Selection or graph changes → ask the engine about the selected node → write the answer back
 * (the slice drops it when the selection moved on or the graph is newer). Returns the unsubscribe.
 */
export function connectNodeInspector(store: AppStore, client: Pick<EngineClient, 'inspectNode'>): () => void {
  let asked: { node: string | null; revision: number } = { node: null, revision: -1 };
  const ask = () => {
    const { selectedNode: node, analysisRevision: revision, analysis } = store.getState();
    if (node === asked.node && revision === asked.revision) return;
    asked = { node, revision };
    if (!node || !analysis) return;
    // Tagged with the revision the worker answered from (its latest analysis, never behind the graph).
    void client.inspectNode(node).then((answer) => store.getState().applyNodeInspection({ node, ...answer }));
  };
  const unsubscribe = store.subscribe(ask);
  ask();
  return unsubscribe;
}
