import { analyzeWorkspace, explainConnection, inspectNode, parseProbe, reanalyze, type Session } from '../engine';
import type { EngineRequest, EngineResponse } from './protocol';

/**
 * The engine behind the protocol, with no transport: the worker and the in-process fallback
 * both call this. It keeps the last session to answer explanations and node inspections without re-reading, and
 * re-evaluates each new revision from it (`reanalyze`: only what an edit can change).
 */
export function createDispatcher(now: () => number): (req: EngineRequest) => EngineResponse {
  let session: Session | null = null;
  let sessionRevision = -1;
  return (req) => {
    try {
      if (req.type === 'analyze') {
        const t0 = now();
        session = session ? reanalyze(session, req.files) : analyzeWorkspace(req.files);
        sessionRevision = req.revision;
        return { type: 'analysis', id: req.id, revision: req.revision, result: session.result, millis: now() - t0 };
      }
      if (req.type === 'inspect-node') {
        const result = session ? inspectNode(session, req.node) : { error: 'nothing analysed yet' };
        return { type: 'node-inspection', id: req.id, revision: session ? sessionRevision : req.revision, result };
      }
      if (!session) return { type: 'explanation', id: req.id, revision: req.revision, result: { error: 'nothing analysed yet' } };
      const flow = parseProbe(req.probe);
      if ('error' in flow) return { type: 'explanation', id: req.id, revision: sessionRevision, result: flow };
      return { type: 'explanation', id: req.id, revision: sessionRevision, result: explainConnection(session, req.src, req.dst, flow, req.scope) };
    } catch (e) {
      return { type: 'failure', id: req.id, revision: req.revision, message: e instanceof Error ? e.message : String(e) };
    }
  };
}
