import { useState } from 'react';
import ClusterGraph from '../ui/graph/ClusterGraph';
import { Toolbar } from '../ui/shell/Toolbar';
import { ProblemsPanel } from '../ui/shell/ProblemsPanel';
import { EditorPane, type FocusAtFn } from '../ui/shell/EditorPane';
import { ExportDialog, type ExportFn, type ExportPolicy } from '../ui/shell/ExportDialog';
import { useHistoryKeys } from '../ui/shell/useHistoryKeys';
import { ShareDialog } from '../ui/shell/ShareDialog';
import { ImportDialog, type ImportFn } from '../ui/shell/ImportDialog';
import { Notice } from '../ui/shell/Notice';
import { ConnectDialog, type PlanFn } from '../ui/author/ConnectDialog';
import { PolicyBoard } from '../ui/board/PolicyBoard';
import { FlowsDialog, type LoadFlowsFn } from '../ui/flows/FlowsDialog';
import { DraftPanel } from '../ui/flows/DraftPanel';
import { Walkthrough } from '../ui/walkthrough/Walkthrough';
import { EdgeInspector, type ExplainFn } from '../ui/inspector/EdgeInspector';
import { NodeInspector } from '../ui/inspector/NodeInspector';
import { CollapsedNamespacePanel, SummaryInspector } from '../ui/inspector/SummaryInspector';
import { isSummaryEdgeId } from '../state/collapse';
import { useAppStore } from '../state/store';
import { POLICIES_PATH, WALKTHROUGH } from './demo';

type Tab = 'walkthrough' | 'inspector' | 'board' | 'draft' | 'problems';

/** The application: graph on the left; walkthrough, inspector, problems and editor on the right. */
export function App({ explain, focusAt, runExport, runImport, plan, loadFlows, onReset }: { explain: ExplainFn; focusAt: FocusAtFn; runExport: ExportFn; runImport: ImportFn; plan: PlanFn; loadFlows: LoadFlowsFn; onReset(): void }) {
  const [tab, setTab] = useState<Tab>('walkthrough');
  // The export dialog: closed, open for everything, or for one policy (from its board card).
  const [exporting, setExporting] = useState<false | { policy?: ExportPolicy }>(false);
  const [sharing, setSharing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [flowsOpen, setFlowsOpen] = useState(false);
  const connectRequest = useAppStore((s) => s.connectRequest);
  useHistoryKeys();
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const selectedNode = useAppStore((s) => s.selectedNode);
  const inspectRequest = useAppStore((s) => s.inspectRequest);
  // The revision the graph shows, in the DOM: the UI benchmark and e2e tests wait on it
  // (the graph re-renders its edges in the same commit).
  const analysisRevision = useAppStore((s) => s.analysisRevision);
  const [last, setLast] = useState<{ edge: string | null; node: string | null; ask: number }>({ edge: null, node: null, ask: 0 });
  if (selectedEdge !== last.edge || selectedNode !== last.node || inspectRequest !== last.ask) {
    // Selecting an edge or a node, or Enter on the graph, opens the inspector (adjusting state
    // during render, React's pattern).
    setLast({ edge: selectedEdge, node: selectedNode, ask: inspectRequest });
    if (selectedEdge || selectedNode) setTab('inspector');
  }
  return (
    <div className="npc-app">
      <Toolbar onShowProblems={() => setTab('problems')} onReset={onReset} onExport={() => setExporting({})} onShare={() => setSharing(true)} onImport={() => setImporting(true)} onFlows={() => setFlowsOpen(true)} />
      <Notice />
      {exporting ? <ExportDialog runExport={runExport} onClose={() => setExporting(false)} {...(exporting.policy ? { policy: exporting.policy } : {})} /> : null}
      {sharing ? <ShareDialog onClose={() => setSharing(false)} /> : null}
      {importing ? <ImportDialog runImport={runImport} onClose={() => setImporting(false)} /> : null}
      {flowsOpen ? <FlowsDialog loadFlows={loadFlows} onClose={() => setFlowsOpen(false)} /> : null}
      {/* One form per pair: its first choices come from the request. */}
      {connectRequest ? <ConnectDialog key={`${connectRequest.source}->${connectRequest.target}:${connectRequest.action ?? ''}`} plan={plan} explain={explain} /> : null}
      <main className="npc-main">
        <div className="npc-graph" data-testid="graph" data-analysis-revision={analysisRevision}>
          <ClusterGraph />
        </div>
        <aside className="npc-side">
          <nav className="npc-tabs" role="tablist">
            {(['walkthrough', 'inspector', 'board', 'draft', 'problems'] as const).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} data-testid={`tab-${t}`} onClick={() => setTab(t)}>
                {t}
              </button>
            ))}
          </nav>
          <div className="npc-tab-body">
            {tab === 'walkthrough' ? <Walkthrough steps={WALKTHROUGH} path={POLICIES_PATH} /> : null}
            {tab === 'inspector' ? (selectedNode ? <><CollapsedNamespacePanel /><NodeInspector /></>
              : isSummaryEdgeId(selectedEdge) ? <SummaryInspector /> : <EdgeInspector explain={explain} />) : null}
            {tab === 'board' ? <PolicyBoard plan={plan} onExport={(policy) => setExporting({ policy })} /> : null}
            {tab === 'draft' ? <DraftPanel /> : null}
            {tab === 'problems' ? <ProblemsPanel /> : null}
          </div>
          <EditorPane focusAt={focusAt} />
        </aside>
      </main>
    </div>
  );
}
