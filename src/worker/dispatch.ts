import type { BoardTier, EdgeData, FlowGroups } from '../engine';
import { analyzeWorkspace, countHits, groupFlowBytes, groupFlowText, mergeFlowGroups, expandWorkloads, exportWorkspace, planConnect, planEnforce, planImport, planStage, planCreateTier, planDeleteTier, planMove, planRenameTier, replacesShownModel, unifiedDiff, explainConnection, inspectNode, parseProbe, policyFocus, reanalyze, type Session } from '../engine';
import type { EdgeChange, EngineRequest, EngineResponse, FlowSource, PlanEdit } from './protocol';
import { encodeAnalysis, type SentAnalysis } from './resultDelta';

/**
 * The engine behind the protocol, with no transport: the worker and the in-process fallback
 * both call this. It keeps sessions to answer explanations and node inspections without
 * re-reading, and re-evaluates each new revision from the latest (`reanalyze`: only what an
 * edit can change).
 */
export function createDispatcher(now: () => number, progress?: (p: Extract<EngineResponse, { type: 'progress' }>) => void): (req: EngineRequest) => EngineResponse {
  // `latest` is what the next edit is re-evaluated from; `shown` is the session the graph
  // shows. They differ while the newest text has a YAML syntax error or an error the shown one
  // did not have: the store then keeps the last good graph (src/state/slices/analysis.ts, same
  // rule: engine/lastGood.ts), so explanations and node inspections are answered from that
  // session, not from the broken text.
  let latest: Session | null = null;
  let shown: Session | null = null;
  let shownRevision = -1;
  // The texts of the last analyze request (requests leave out the texts that did not change).
  let known = new Map<string, string>();
  // The last analysis sent: the next one travels as a delta against it.
  let sent: SentAnalysis | null = null;
  // Flow logs loaded for hit counts: parsed and grouped once (the records are not kept), the
  // groups replayed on every model shown.
  let flows: { source: FlowSource; groups: FlowGroups }[] = [];
  let merged: FlowGroups | null = null;
  return (req) => {
    try {
      if (req.type === 'analyze') {
        const t0 = now();
        const files = req.files.map((f) => {
          const text = f.text ?? known.get(f.path);
          if (text === undefined) throw new Error(`analyze: no text for ${f.path} (not sent before)`);
          return { path: f.path, text };
        });
        known = new Map(files.map((f) => [f.path, f.text]));
        latest = latest ? reanalyze(latest, files) : analyzeWorkspace(files);
        if (replacesShownModel(shown?.result.diagnostics ?? null, latest.result.diagnostics, req.acceptErrors)) {
          shown = latest;
          shownRevision = req.revision;
        }
        const result = encodeAnalysis(sent, latest.result);
        sent = { id: req.id, result: latest.result };
        return { type: 'analysis', id: req.id, revision: req.revision, result, millis: now() - t0 };
      }
      if (req.type === 'plan') {
        const same = req.files.length === known.size && req.files.every((f) => known.get(f.path) === f.text);
        const before = same && latest ? latest : analyzeWorkspace(req.files);
        const plan = planEdit(req.files, before.result.board, req.edit);
        if ('error' in plan) return { type: 'plan', id: req.id, revision: req.revision, result: plan };
        const afterFiles = [...req.files.map((f) => ({ path: f.path, text: plan.find((c) => c.path === f.path)?.after ?? f.text })),
          ...plan.filter((c) => !req.files.some((f) => f.path === c.path)).map((c) => ({ path: c.path, text: c.after }))];
        const after = reanalyze(before, afterFiles).result;
        const changes = plan.map((c) => ({ ...c, diff: unifiedDiff(c.path, c.before, c.after) }));
        return { type: 'plan', id: req.id, revision: req.revision, result: { changes, impact: edgeChanges(before.result.edges, after.edges, !!after.denyEdgesOmitted) } };
      }
      if (req.type === 'load-flows') {
        const loaded = req.files.map((f) => {
          // At most one progress message per 100 ms (a message costs the page a task).
          let last = -Infinity;
          const tell = (phase: 'read', done: number, total: number) => {
            const t = now();
            if (!progress || t - last < 100) return;
            last = t;
            progress({ type: 'progress', id: req.id, revision: req.revision, file: f.name, phase, done, total });
          };
          const onRead = (done: number, total: number) => tell('read', done, total);
          // Bytes: read a chunk at a time, straight into the groups (engine/flows/bytes.ts).
          if ('blob' in f) throw new Error(`load-flows: ${f.name} is a Blob the transport did not read`);
          const read = 'text' in f ? groupFlowText(f.text, onRead) : groupFlowBytes(new Uint8Array(f.bytes), () => new TextDecoder(), onRead);
          return { source: { name: f.name, format: read.format, records: read.groups.records, errors: read.errors.slice(0, 50), errorCount: read.errors.length }, groups: read.groups };
        });
        flows = req.replace ? loaded : [...flows, ...loaded];
        merged = flows.length > 0 ? mergeFlowGroups(flows.map((f) => f.groups)) : null;
        return { type: 'flows', id: req.id, revision: req.revision, sources: flows.map((f) => f.source) };
      }
      if (req.type === 'hits') {
        const session = shown;
        const result = session && merged ? countHits(session, merged) : null;
        return { type: 'hits', id: req.id, revision: session ? shownRevision : req.revision, result };
      }
      if (req.type === 'import') {
        return { type: 'import', id: req.id, revision: req.revision, result: planImport(req.files, req.incoming, { strip: req.strip }) };
      }
      if (req.type === 'export') {
        // The newest texts, valid or not: an export of what is on screen would be stale.
        const same = req.files.length === known.size && req.files.every((f) => known.get(f.path) === f.text);
        const diagnostics = (same && latest ? latest : analyzeWorkspace(req.files)).result.diagnostics;
        const problems = diagnostics.filter((d) => d.severity === 'error');
        const result = problems.length > 0
          ? { error: `${problems.length} error(s) in the workspace: fix them to export`, problems }
          : exportWorkspace(req.files, req.options);
        return { type: 'export', id: req.id, revision: req.revision, result };
      }
      const session = shown;
      if (req.type === 'inspect-node') {
        const result = session ? inspectNode(session, req.node) : { error: 'nothing analysed yet' };
        return { type: 'node-inspection', id: req.id, revision: session ? shownRevision : req.revision, result };
      }
      if (req.type === 'policy-focus') {
        // Lines are those of the session's text: the caller drops answers for another revision than its text's.
        const result = session ? policyFocus(session, req.path, req.line) : null;
        return { type: 'policy-focus', id: req.id, revision: session ? shownRevision : req.revision, result };
      }
      if (req.type === 'expand') {
        const result = session ? expandWorkloads(session, req.workloads) : { error: 'nothing analysed yet' };
        return { type: 'expansion', id: req.id, revision: session ? shownRevision : req.revision, result };
      }
      if (!session) return { type: 'explanation', id: req.id, revision: req.revision, result: { error: 'nothing analysed yet' } };
      const flow = parseProbe(req.probe);
      if ('error' in flow) return { type: 'explanation', id: req.id, revision: shownRevision, result: flow };
      return { type: 'explanation', id: req.id, revision: shownRevision, result: explainConnection(session, req.src, req.dst, flow, req.scope) };
    } catch (e) {
      return { type: 'failure', id: req.id, revision: req.revision, message: e instanceof Error ? e.message : String(e) };
    }
  };
}

/** Every edge whose connections differ, enforced or pending (a missing edge allows nothing). */
function edgeChanges(before: readonly EdgeData[], after: readonly EdgeData[], omitted: boolean): EdgeChange[] {
  const none = 'No Connections';
  const was = new Map(before.map((e) => [e.id, e]));
  const out: EdgeChange[] = [];
  const seen = new Set<string>();
  for (const e of after) {
    seen.add(e.id);
    const b = was.get(e.id);
    const pb = b ? b.pendingConnections ?? b.connections : none;
    const pa = e.pendingConnections ?? e.connections;
    if ((b?.connections ?? none) === e.connections && pb === pa) continue;
    out.push({ id: e.id, source: e.source, target: e.target, before: b?.connections ?? none, after: e.connections, ...(e.pendingConnections !== undefined || b?.pendingConnections !== undefined ? { pendingBefore: pb, pendingAfter: pa } : {}) });
  }
  if (omitted) {
    for (const b of before) {
      if (seen.has(b.id) || b.connections === none) continue;
      out.push({ id: b.id, source: b.source, target: b.target, before: b.connections, after: none });
    }
  }
  return out;
}

function planEdit(files: { path: string; text: string }[], board: BoardTier[], edit: PlanEdit) {
  switch (edit.op) {
    case 'connect': return planConnect(files, edit.request);
    case 'move': return planMove(files, board, edit.policy, edit.tier, edit.index);
    case 'tier-create': return planCreateTier(files, board, edit.name, edit.order, edit.file);
    case 'tier-rename': return planRenameTier(files, board, edit.from, edit.to);
    case 'tier-delete': return planDeleteTier(files, board, edit.name);
    case 'stage': return planStage(files, edit.policy);
    case 'enforce': return planEnforce(files, edit.policy);
  }
}
