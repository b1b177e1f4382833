import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { appStore } from '../state/store';
import { connectEngine } from '../state/effects';
import { autosave, loadSaved } from '../state/persist';
import { App } from './App';
import { createApi } from './api';
import { CLUSTER_PATH, DEMO_CLUSTER, POLICIES_PATH, WALKTHROUGH } from './demo';
import { startEngine } from './engine';
import './styles.css';

async function boot(): Promise<void> {
  // First start: the article's demo at step 0; afterwards, whatever the user left (autosave).
  const saved = loadSaved(window.localStorage);
  const s = appStore.getState();
  if (saved && saved.files.length > 0) {
    s.replaceFiles(saved.files, saved.activePath);
    s.setWalkthroughStep(saved.walkthroughStep);
  } else {
    s.replaceFiles([{ path: CLUSTER_PATH, text: DEMO_CLUSTER }, { path: POLICIES_PATH, text: WALKTHROUGH[0]!.policies }], POLICIES_PATH);
  }
  autosave(appStore, window.localStorage);
  const client = await startEngine();
  const engine = connectEngine(appStore, client, { debounceMs: 150 });
  window.netpolCanvas = createApi(appStore, engine, client);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App explain={(a, b, probe) => client.explain(a, b, probe)} />
    </StrictMode>,
  );
}

void boot();
