import { parseProbe, type Diagnostic, type Verdict } from '../engine';
import { probeFlow, probeVerdict } from '../state/probe';
import { whenLaidOut, type AppStore, type EditorProblem } from '../state/store';
import type { EngineConnection } from '../state/effects';
import type { EngineClient } from '../worker/client';

/** A node as the scripting API lists it. */
export interface ApiNode {
  id: string;
  kind: string;
  namespace?: string;
  name: string;
  labels: Record<string, string>;
}

/** `window.netpolCanvas`: documented in the README; reads and loads, never bypasses validation. */
export interface NetpolCanvasApi {
  ready: Promise<void>;
  loadYaml(text: string, path?: string): Promise<Diagnostic[]>;
  getYaml(path?: string): string;
  listNodes(): ApiNode[];
  verdict(srcId: string, dstId: string, probe?: string): Promise<{ verdict: Verdict; connections: string; explanation: string[] } | { error: string }>;
  diagnostics(): Pick<EditorProblem, 'path' | 'line' | 'column' | 'code' | 'severity' | 'message'>[];
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
  return {
    // "Reached the graph" includes the final layout: nodes no longer move once this resolves.
    ready: engine.whenAnalyzed(0).then(() => whenLaidOut(store, store.getState().analysisRevision)).then(nextFrame),
    async loadYaml(text, path) {
      const s = store.getState();
      if (path) s.setFileText(path, text);
      else s.replaceFiles([{ path: 'workspace.yaml', text }], 'workspace.yaml');
      const revision = store.getState().revision;
      engine.flush();
      await engine.whenAnalyzed(revision);
      await whenLaidOut(store, store.getState().analysisRevision);
      await nextFrame();
      return store.getState().diagnostics;
    },
    getYaml(path) {
      const files = store.getState().files;
      if (path) return files.find((f) => f.path === path)?.text ?? '';
      return files.map((f) => f.text.replace(/\n*$/, '\n')).join('---\n');
    },
    listNodes() {
      return (store.getState().analysis?.nodes ?? []).map((n) => ({
        id: n.id, kind: n.kind, name: n.name, labels: { ...n.labels }, ...(n.namespace ? { namespace: n.namespace } : {}),
      }));
    },
    async verdict(srcId, dstId, probe) {
      const analysis = store.getState().analysis;
      const edge = analysis?.edges.find((e) => e.source === srcId && e.target === dstId);
      if (!edge) {
        // Large workspaces list only edges that allow something: a missing edge is a deny.
        const known = (id: string) => analysis?.nodes.some((n) => n.id === id && n.kind !== 'namespace');
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
  };
}

declare global {
  interface Window {
    netpolCanvas?: NetpolCanvasApi;
  }
}
