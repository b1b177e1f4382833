import { useState } from 'react';
import ClusterGraph from '../ui/graph/ClusterGraph';
import { Toolbar } from '../ui/shell/Toolbar';
import { ProblemsPanel } from '../ui/shell/ProblemsPanel';
import { EditorPane } from '../ui/shell/EditorPane';
import { Walkthrough } from '../ui/walkthrough/Walkthrough';
import { EdgeInspector, type ExplainFn } from '../ui/inspector/EdgeInspector';
import { useAppStore } from '../state/store';
import { POLICIES_PATH, WALKTHROUGH } from './demo';

type Tab = 'walkthrough' | 'inspector' | 'problems';

/** The application: graph on the left; walkthrough, inspector, problems and editor on the right. */
export function App({ explain, onReset }: { explain: ExplainFn; onReset(): void }) {
  const [tab, setTab] = useState<Tab>('walkthrough');
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const [lastEdge, setLastEdge] = useState<string | null>(null);
  if (selectedEdge !== lastEdge) {
    // Selecting an edge opens its explanation (adjusting state during render, React's pattern).
    setLastEdge(selectedEdge);
    if (selectedEdge) setTab('inspector');
  }
  return (
    <div className="npc-app">
      <Toolbar onShowProblems={() => setTab('problems')} onReset={onReset} />
      <main className="npc-main">
        <div className="npc-graph" data-testid="graph">
          <ClusterGraph />
        </div>
        <aside className="npc-side">
          <nav className="npc-tabs" role="tablist">
            {(['walkthrough', 'inspector', 'problems'] as const).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} data-testid={`tab-${t}`} onClick={() => setTab(t)}>
                {t}
              </button>
            ))}
          </nav>
          <div className="npc-tab-body">
            {tab === 'walkthrough' ? <Walkthrough steps={WALKTHROUGH} path={POLICIES_PATH} /> : null}
            {tab === 'inspector' ? <EdgeInspector explain={explain} /> : null}
            {tab === 'problems' ? <ProblemsPanel /> : null}
          </div>
          <EditorPane />
        </aside>
      </main>
    </div>
  );
}
