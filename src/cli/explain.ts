import { analyzeWorkspace, explainConnection, parseProbe } from '../engine';
import { formatDiagnostic } from './connectivity';
import { readInputs } from './files';

/**
 * `explain SRC DST PROTO/PORT FILES...`: why one flow is allowed or denied, on both ends, with
 * the staged (pending) verdict when the workspace has staged policies. Exit 0 allowed, 1 denied,
 * 2 usage (unknown name, bad probe).
 */
export function runExplain(src: string, dst: string, probe: string, paths: string[], out: (s: string) => void, err: (s: string) => void): number {
  const flow = parseProbe(probe);
  if ('error' in flow) {
    err(flow.error);
    return 2;
  }
  const session = analyzeWorkspace(readInputs(paths));
  for (const d of session.result.diagnostics.filter((x) => x.severity === 'error')) err(formatDiagnostic(d));
  const r = explainConnection(session, src, dst, flow);
  if ('error' in r) {
    err(r.error);
    return 2;
  }
  out(`${src} -> ${dst} ${probe}: ${r.allowed ? 'ALLOWED' : 'DENIED'}`);
  for (const line of r.text) out(`  ${line}`);
  if (session.workspace.policies.some((p) => p.staged)) {
    const pending = explainConnection(session, src, dst, flow, 'pending');
    if (!('error' in pending)) {
      out(`pending (staged policies enforced): ${pending.allowed ? 'ALLOWED' : 'DENIED'}`);
      for (const line of pending.text) out(`  ${line}`);
    }
  }
  return r.allowed ? 0 : 1;
}
