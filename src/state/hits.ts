import type { EngineClient } from '../worker/client';
import type { AppStore } from './store';

/**
 * Hit counts follow the model on screen: asked for again whenever the graph shows a new
 * analysis or the loaded flows change (one request at a time; the newest state wins). After an
 * analysis they wait for the edits to pause (`settleMs`) when the last count was slow: recounting a
 * million-record log takes the worker about a second (npm run bench), and a keystroke's
 * analysis must not queue behind it; a small log is counted at once.
 */
export function connectHits(store: AppStore, client: EngineClient, settleMs = 400): () => void {
  let busy = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastCost = 0;
  const ask = () => {
    if (store.getState().flowSources.length === 0) return;
    if (busy) { again = true; return; }
    busy = true;
    const t0 = Date.now();
    void client.hits().then((r) => {
      lastCost = Date.now() - t0;
      if (!('error' in r)) store.getState().applyHits(r.revision, r.result);
    }).finally(() => {
      busy = false;
      if (again) { again = false; ask(); }
    });
  };
  let last = { revision: store.getState().analysisRevision, flows: store.getState().flowsVersion };
  const unsubscribe = store.subscribe((s) => {
    if (s.analysisRevision === last.revision && s.flowsVersion === last.flows) return;
    const flowsChanged = s.flowsVersion !== last.flows;
    last = { revision: s.analysisRevision, flows: s.flowsVersion };
    clearTimeout(timer);
    if (flowsChanged || lastCost < 50) ask();
    else timer = setTimeout(ask, settleMs);
  });
  return () => { clearTimeout(timer); unsubscribe(); };
}
