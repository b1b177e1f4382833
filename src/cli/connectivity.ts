import { analyzeWorkspace, evaluationMembers, formatConnSet, type AnalysisResult, type ConnSet, type Diagnostic, type Session } from '../engine';
import { readInputs } from './files';

/** Output formats of `connectivity`. */
export type Format = 'txt' | 'json' | 'csv' | 'md';

/** `file:line:col: severity CODE message`, the form editors and CI annotate. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.path}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}${d.field ? ` (${d.field})` : ''}`;
}

function nodeLabel(result: AnalysisResult, id: string): string {
  const n = result.nodes.find((x) => x.id === id);
  if (!n) return id;
  if (n.kind === 'workload') return `${n.namespace}/${n.name}[${n.workloadKind}]`;
  return n.name;
}

/** One printed pair. */
export interface ConnRow {
  src: string;
  dst: string;
  conn: string;
}

/** A pair's text: what all members allow, and what some allow when they differ. */
function connText(all: string, some?: string): string {
  return some !== undefined && some !== all ? `${all} (some members: ${some})` : all;
}

/**
 * Pairs from the cluster's ingress controller (present when an Ingress or Route exists): the
 * ports each exposed workload is reached on through it where policy allows (netpol-analyzer's
 * model, engine `exposure/ingress.ts`). The controller is no graph node, so these come from the
 * evaluation members, per workload node over its pods.
 */
export function ingressControllerRows(session: Session): ConnRow[] {
  const ev = evaluationMembers(session);
  const controller = ev.ingressController;
  if (!controller) return [];
  const byNode = new Map<string, { all: ConnSet; some: ConnSet }>();
  for (const pod of ev.pods) {
    const set = ev.allowed(controller, pod);
    const acc = byNode.get(pod.nodeId);
    byNode.set(pod.nodeId, acc ? { all: acc.all.intersect(set), some: acc.some.union(set) } : { all: set, some: set });
  }
  const rows: ConnRow[] = [];
  for (const [id, { all, some }] of byNode) {
    if (some.isEmpty()) continue;
    rows.push({ src: '{ingress-controller}', dst: nodeLabel(session.result, id), conn: connText(formatConnSet(all, 'nca', true), formatConnSet(some, 'nca', true)) });
  }
  return rows;
}

/** Renders pairs with some allowed connection, one per line, sorted (stable for goldens). */
export function renderConnectivity(result: AnalysisResult, format: Format, extra: readonly ConnRow[] = []): string {
  const rows = result.edges
    .filter((e) => e.verdict !== 'deny')
    // A node's members may differ (pods of a workload, address blocks): say what some allow.
    .map((e): ConnRow => ({ src: nodeLabel(result, e.source), dst: nodeLabel(result, e.target), conn: connText(e.connections, e.someConnections) }))
    .concat(extra)
    .sort((a, b) => (a.src + a.dst < b.src + b.dst ? -1 : 1));
  switch (format) {
    case 'json': return JSON.stringify(rows, null, 2);
    case 'csv': return ['src,dst,conn', ...rows.map((r) => `${r.src},${r.dst},"${r.conn}"`)].join('\n');
    case 'md': return ['| src | dst | conn |', '|---|---|---|', ...rows.map((r) => `| ${r.src} | ${r.dst} | ${r.conn} |`)].join('\n');
    default: return rows.map((r) => `${r.src} => ${r.dst} : ${r.conn}`).join('\n');
  }
}

/** `connectivity FILES|DIRS... [--format F] [--summary]`; returns the exit code. */
export function runConnectivity(paths: string[], format: Format, summary: boolean, out: (s: string) => void, err: (s: string) => void): number {
  const t0 = performance.now();
  const session = analyzeWorkspace(readInputs(paths));
  const { result } = session;
  const ms = performance.now() - t0;
  for (const d of result.diagnostics.filter((x) => x.severity !== 'info')) err(formatDiagnostic(d));
  if (summary) {
    out(`${result.edges.length} pairs: ${result.counts.allow} allowed, ${result.counts.partial} partial, ${result.counts.deny} denied (${ms.toFixed(1)} ms)`);
  } else out(renderConnectivity(result, format, ingressControllerRows(session)));
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
