import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { appStore } from '../state/store';
import { connectEngine } from '../state/effects';
import { autosave, loadNodePositions, loadSaved, loadViewSettings, persistNodePositions, persistViewSettings } from '../state/persist';
import { connectTheme } from './theme';
import { App } from './App';
import { createApi } from './api';
import { CLUSTER_PATH, DEMO_CLUSTER, DEMO_FLOWS, DEMO_FLOWS_PATH, POLICIES_PATH, WALKTHROUGH } from './demo';
import { startEngine } from './engine';
import { indexedDbFlows, indexedDbWorkspace, type KeptFlowFile } from './storage';
import { decodeShare, isShareFragment } from '../state/share';
import './styles.css';

/**
 * A share link: its workspace replaces this browser's, as one undo step (Undo brings the
 * user's own back); the fragment goes, so a reload does not open the link again.
 */
async function openShareLink(): Promise<boolean> {
  if (!isShareFragment(window.location.hash)) return false;
  const shared = await decodeShare(window.location.hash);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const s = appStore.getState();
  if ('error' in shared) s.setNotice(`The share link could not be opened: ${shared.error}.`);
  else {
    s.replaceFiles(shared.files, shared.activePath);
    s.setWalkthroughStep(shared.walkthroughStep);
    s.setNotice(`Opened a shared workspace (${shared.files.length} file(s)). Undo brings back the workspace this browser had.`);
  }
  return !('error' in shared);
}

async function boot(): Promise<void> {
  const loadDemo = () => {
    const s = appStore.getState();
    s.replaceFiles([{ path: CLUSTER_PATH, text: DEMO_CLUSTER }, { path: POLICIES_PATH, text: WALKTHROUGH[0]!.policies }], POLICIES_PATH);
    s.setWalkthroughStep(0);
    s.setNodePositions({}); // the demo's own layout, not positions dragged in another workspace
  };
  // First start: the article's demo at step 0; afterwards, whatever the user left (autosave).
  const storage = indexedDbWorkspace();
  const saved = await loadSaved(storage, window.localStorage);
  const firstStart = !(saved && saved.files.length > 0);
  if (!firstStart) {
    appStore.getState().replaceFiles(saved.files, saved.activePath);
    appStore.getState().setWalkthroughStep(saved.walkthroughStep);
  } else loadDemo();
  // What the page opened with is where the history starts.
  appStore.getState().clearHistory();
  // A share link opened on a first start: its workspace, not the demo's, so not the demo's log.
  const sharedOnStart = await openShareLink();
  window.addEventListener('hashchange', () => void openShareLink());
  const saving = autosave(appStore, storage, { legacy: window.localStorage, onResult: (error) => appStore.getState().setSaveError(error) });
  // Hidden or closed: save now rather than after the debounce.
  window.addEventListener('pagehide', () => void saving.flush());
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') void saving.flush(); });
  appStore.getState().setNodePositions(loadNodePositions(window.localStorage));
  persistNodePositions(appStore, window.localStorage);
  // Theme before the first paint of the app, so a dark choice never flashes light.
  appStore.getState().setThemePreference(loadViewSettings(window.localStorage).themePreference);
  persistViewSettings(appStore, window.localStorage);
  connectTheme(appStore, window);
  const client = await startEngine();
  const engine = connectEngine(appStore, client, { debounceMs: 0 });
  // Flow logs: the ones loaded are kept in IndexedDB and counted again after a reload.
  const flowStorage = indexedDbFlows();
  let keptFlows: KeptFlowFile[] = [];
  const loadFlows = async (files: KeptFlowFile[], replace: boolean, progress?: Parameters<typeof client.loadFlows>[2]) => {
    const r = await client.loadFlows(files, replace, progress);
    if (!('error' in r)) {
      keptFlows = replace ? files : [...keptFlows, ...files];
      void flowStorage.write(keptFlows).catch(() => appStore.getState().setNotice('The flow logs could not be kept for the next visit (browser storage refused them).'));
    }
    return r;
  };
  // The demo's log describes the demo's cluster: in another workspace it draws no node for the
  // ends that workspace lacks (state/visibleGraph.ts); the user's own logs do.
  const showFlows = (r: Awaited<ReturnType<typeof loadFlows>>) => {
    if (!('error' in r)) appStore.getState().setFlowSources(r, keptFlows.length > 0 && keptFlows.every((f) => f.name === DEMO_FLOWS_PATH));
  };
  // The demo's flow log comes with the demo workspace (its draft's overlay shows on first start).
  const loadDemoFlows = async () => showFlows(await loadFlows([{ name: DEMO_FLOWS_PATH, blob: new Blob([DEMO_FLOWS]) }], true));
  // The logs kept from the last visit (cleared ones stay cleared); the demo's on a first start.
  void flowStorage.read().then(async (saved) => {
    if (saved === null) return firstStart && !sharedOnStart ? loadDemoFlows() : undefined;
    if (saved.length > 0) showFlows(await loadFlows(saved, true));
  });
  window.netpolCanvas = createApi(appStore, engine, client);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App
        explain={(a, b, probe, scope) => client.explain(a, b, probe, scope)}
        focusAt={(path, line) => client.policyFocus(path, line)}
        runExport={(options) => client.exportWorkspace(appStore.getState().files, options)}
        plan={(edit) => client.plan(appStore.getState().files, edit)}
        runImport={(incoming, strip) => client.importFiles(appStore.getState().files, incoming, strip)}
        loadFlows={loadFlows}
        onReset={() => {
          if (window.confirm('Discard your edits and your loaded flow logs, and load the demo workspace with its flow log?')) { loadDemo(); void loadDemoFlows(); }
        }}
      />
    </StrictMode>,
  );
}

void boot();
