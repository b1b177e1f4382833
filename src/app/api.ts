import { parseProbe, type Diagnostic, type ObjectEdit, type Verdict } from '../engine';
import { probeFlow, probeVerdict } from '../state/probe';
import { filterEdges } from '../state/graphView';
import { isSummaryEdge } from '../state/collapse';
import { selectVisibleGraph } from '../state/visibleGraph';
import { currentExpansion, findShownEdge, withExpandedWorkloads } from '../state/expansion';
import { whenLaidOut, type AppStore, type EditorProblem } from '../state/store';
import type { EngineConnection } from '../state/effects';
import type { ResourceRef } from '../state/slices/workspace';
import type { EngineClient } from '../worker/client';

/** A node as the scripting API lists it. */
export interface ApiNode {
  id: string;
  kind: string;
  namespace?: string;
  name: string;
  labels: Record<string, string>;
}

/** An edge as the scripting API lists it (`summary` on namespace summary edges). */
export interface ApiEdge {
  id: string;
  source: string;
  target: string;
  verdict: Verdict;
  connections: string;
  summary?: { allow: number; partial: number; deny: number; total: number };
}

/** `window.netpolCanvas`: documented in the README; reads and loads, never bypasses validation. */
export interface NetpolCanvasApi {
  ready: Promise<void>;
  loadYaml(text: string, path?: string): Promise<Diagnostic[]>;
  /** Replaces the whole workspace by these files (the first, or `activePath`, opens in the editor); resolves like {@link loadYaml}. */
  loadFiles(files: { path: string; text: string }[], activePath?: string): Promise<Diagnostic[]>;
  getYaml(path?: string): string;
  listNodes(): ApiNode[];
  /**
   * The edges the graph draws now, whether or not they are in the viewport: after pods of
   * expanded workloads, the probe, collapsed namespaces (summary edges `ns:a->…`, with their
   * member pair counts) and the edge filter.
   */
  listEdges(): ApiEdge[];
  verdict(srcId: string, dstId: string, probe?: string): Promise<{ verdict: Verdict; connections: string; explanation: string[] } | { error: string }>;
  diagnostics(): Pick<EditorProblem, 'path' | 'line' | 'column' | 'code' | 'severity' | 'message'>[];
  /**
   * Edits one resource as the graph and the board do: only its document is rewritten (yaml
   * Document API, comments and formatting elsewhere kept), one undoable step in the editor.
   * Resolves when the graph shows it, like {@link loadYaml}, or with the problem.
   */
  editResource(path: string, ref: ResourceRef, edits: ObjectEdit[]): Promise<Diagnostic[] | { error: string }>;
  /** The loaded flow logs' counts for the model on screen (null: no flows loaded, or not counted yet). */
  hitSummary(): { records: number; counted: number; policies: number; newlyDenied: number; newlyAllowed: number; revision: number } | null;
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

/** Builds the scripting API over the store and the engine. */
export function createApi(store: AppStore, engine: EngineConnection, client: EngineClient): NetpolCanvasApi {
  const diagnostics = () => {
    const s = store.getState();
    const out: ReturnType<NetpolCanvasApi['diagnostics']> = s.diagnostics.map((d) => ({ path: d.path, line: d.line, column: d.column, code: d.code, severity: d.severity, message: d.message }));
    for (const p of s.editorProblems) {
      if (p.source === 'engine') continue;
      out.push({ path: p.path, line: p.line, column: p.column, code: p.code, severity: p.severity, message: p.message });
    }
    return out;
  };
  const analyzed = async () => {
    const revision = store.getState().revision;
    engine.flush();
    await engine.whenAnalyzed(revision);
    // Scripted clicks must never hit a node that is about to move: wait for the final layout.
    await whenLaidOut(store, store.getState().analysisRevision);
    await nextFrame();
    return store.getState().diagnostics;
  };
  return {
    // "Reached the graph" includes the final layout: nodes no longer move once this resolves.
    ready: engine.whenAnalyzed(0).then(() => whenLaidOut(store, store.getState().analysisRevision)).then(nextFrame),
    async loadYaml(text, path) {
      const s = store.getState();
      if (path) s.setFileText(path, text);
      else s.replaceFiles([{ path: 'workspace.yaml', text }], 'workspace.yaml');
      return analyzed();
    },
    async loadFiles(files, activePath) {
      if (files.length === 0) throw new Error('loadFiles needs at least one file');
      store.getState().replaceFiles(files.map((f) => ({ path: f.path, text: f.text })), activePath ?? files[0]!.path);
      return analyzed();
    },
    getYaml(path) {
      const files = store.getState().files;
      if (path) return files.find((f) => f.path === path)?.text ?? '';
      return files.map((f) => f.text.replace(/\n*$/, '\n')).join('---\n');
    },
    listNodes() {
      // The graph's nodes: an expanded workload is listed as its pods (`pod:<ns>/<name>`).
      const s = store.getState();
      const shown = withExpandedWorkloads(s.analysis?.nodes ?? [], [], currentExpansion(s.podExpansion, s.expandedWorkloads)).nodes;
      return shown.map((n) => ({
        id: n.id, kind: n.kind, name: n.name, labels: { ...n.labels }, ...(n.namespace ? { namespace: n.namespace } : {}),
      }));
    },
    listEdges() {
      const s = store.getState();
      const graph = selectVisibleGraph(s);
      if (!graph) return [];
      return filterEdges(graph.edges, s.edgeFilter, s.focusNode).map((e) => ({
        id: e.id, source: e.source, target: e.target, verdict: e.verdict, connections: e.connections,
        ...(isSummaryEdge(e) ? { summary: { ...e.summary.counts, total: e.summary.total } } : {}),
      }));
    },
    async verdict(srcId, dstId, probe) {
      const { analysis, podExpansion, expandedWorkloads } = store.getState();
      // Pod ids answer while their workload is expanded (the edges the graph draws).
      const pods = currentExpansion(podExpansion, expandedWorkloads);
      const edge = findShownEdge(analysis?.edges ?? [], pods, srcId, dstId);
      if (!edge) {
        // Large workspaces list only edges that allow something: a missing edge is a deny.
        const known = (id: string) => analysis?.nodes.some((n) => n.id === id && n.kind !== 'namespace') || pods?.pods.some((p) => p.id === id);
        if (!analysis?.denyEdgesOmitted || !known(srcId) || !known(dstId) || srcId === dstId) return { error: `no edge ${srcId}->${dstId}` };
        const why = await client.explain(srcId, dstId, probe ?? 'TCP/80');
        return { verdict: 'deny', connections: 'No Connections', explanation: 'error' in why ? [why.error] : why.text };
      }
      if (!probe) {
        const why = await client.explain(srcId, dstId, 'TCP/80');
        return { verdict: edge.verdict, connections: edge.connections, explanation: 'error' in why ? [why.error] : why.text };
      }
      const parsed = parseProbe(probe);
      if ('error' in parsed) return parsed;
      // The graph's probe colouring, exactly: allow (all members), partial (some), deny (none);
      // with the source port the explanation assumes when the probe names none.
      const verdict = probeVerdict(edge, probeFlow(probe)!);
      const why = await client.explain(srcId, dstId, probe);
      return { verdict, connections: edge.connections, explanation: 'error' in why ? [why.error] : why.text };
    },
    diagnostics,
    hitSummary() {
      const s = store.getState();
      const r = s.hitReport;
      return r ? { records: r.records, counted: r.counted, policies: r.policies.length, newlyDenied: r.newlyDenied.length, newlyAllowed: r.newlyAllowed.length, revision: s.hitsRevision } : null;
    },
    async editResource(path, ref, edits) {
      const problem = store.getState().editResource(path, ref, edits);
      return problem ? { error: problem } : analyzed();
    },
  };
}

declare global {
  interface Window {
    netpolCanvas?: NetpolCanvasApi;
  }
}
