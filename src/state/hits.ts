import type { EngineClient } from '../worker/client';
import type { AppStore } from './store';

/**
 * Hit counts follow the model on screen: asked for again whenever the graph shows a new
 * analysis or the loaded flows change (one request at a time; the newest state wins).
 */
export function connectHits(store: AppStore, client: EngineClient): () => void {
  let busy = false;
  let again = false;
  const ask = () => {
    if (store.getState().flowSources.length === 0) return;
    if (busy) { again = true; return; }
    busy = true;
    void client.hits().then((r) => {
      if (!('error' in r)) store.getState().applyHits(r.revision, r.result);
    }).finally(() => {
      busy = false;
      if (again) { again = false; ask(); }
    });
  };
  let last = { revision: store.getState().analysisRevision, flows: store.getState().flowsVersion };
  return store.subscribe((s) => {
    if (s.analysisRevision === last.revision && s.flowsVersion === last.flows) return;
    last = { revision: s.analysisRevision, flows: s.flowsVersion };
    ask();
  });
}
