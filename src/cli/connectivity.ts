import { analyzeWorkspace, type AnalysisResult, type Diagnostic } from '../engine';
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

/** Renders pairs with some allowed connection, one per line, sorted (stable for goldens). */
export function renderConnectivity(result: AnalysisResult, format: Format): string {
  const rows = result.edges
    .filter((e) => e.verdict !== 'deny')
    // A node's members may differ (pods of a workload, address blocks): say what some allow.
    .map((e) => ({ src: nodeLabel(result, e.source), dst: nodeLabel(result, e.target), conn: e.someConnections ? `${e.connections} (some members: ${e.someConnections})` : e.connections }))
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
  const { result } = analyzeWorkspace(readInputs(paths));
  const ms = performance.now() - t0;
  for (const d of result.diagnostics.filter((x) => x.severity !== 'info')) err(formatDiagnostic(d));
  if (summary) {
    out(`${result.edges.length} pairs: ${result.counts.allow} allowed, ${result.counts.partial} partial, ${result.counts.deny} denied (${ms.toFixed(1)} ms)`);
  } else out(renderConnectivity(result, format));
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
