import { readFileSync } from 'node:fs';
import { analyzeWorkspace, countHits, groupFlowBytes, mergeFlowGroups, protocolName, type ActionTallies, type FlowGroups, type HitReport } from '../engine';
import { formatDiagnostic } from './connectivity';
import { readInputs } from './files';

/**
 * `hits FLOWFILES... --workspace FILES... [--format json|txt]`: every flow replayed through the
 * workspace (engine/flows/hits.ts, what the UI shows): per policy and rule the enforced and
 * pending counts, the flows staged policies would newly deny or allow, unmatched records and the
 * log's disagreements. Unreadable lines are listed as file:line and make the exit code 1.
 */
export function runHits(flowFiles: string[], workspace: string[], format: 'json' | 'txt', out: (s: string) => void, err: (s: string) => void): number {
  const files = readInputs(workspace);
  const session = analyzeWorkspace(files);
  const errors = session.result.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) err(formatDiagnostic(d));
  const groups: FlowGroups[] = [];
  let bad = 0;
  for (const path of flowFiles) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      err(`${path}: ${e instanceof Error ? e.message : String(e)}`);
      bad++;
      continue;
    }
    // As the app does: line by line, straight into the groups (engine/flows/bytes.ts).
    const read = groupFlowBytes(bytes, () => new TextDecoder());
    for (const e of read.errors) err(`${path}:${e.line}: ${e.message}`);
    bad += read.errors.length;
    groups.push(read.groups);
  }
  const report = countHits(session, mergeFlowGroups(groups));
  out(format === 'json' ? JSON.stringify(report, null, 2) : formatReport(report).join('\n'));
  if (bad > 0) err(`${bad} unreadable line(s) or file(s)`);
  return bad > 0 || errors.length > 0 ? 1 : 0;
}

const counts = (t: ActionTallies) => {
  const parts = (['allow', 'deny', 'pass', 'log'] as const).filter((a) => t[a].flows > 0)
    .map((a) => `${a} ${t[a].flows}${t[a].packets || t[a].bytes ? ` (${t[a].packets} packets, ${t[a].bytes} bytes)` : ''}`);
  return parts.length > 0 ? parts.join(', ') : '0';
};

export function formatReport(r: HitReport): string[] {
  const lines: string[] = [];
  for (const p of r.policies) {
    lines.push(`tier ${p.tier} · ${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}: enforced ${counts(p.enforced)} · pending ${counts(p.pending)}`);
    for (const rule of p.rules) lines.push(`  ${rule.direction} ${rule.rule < 0 ? 'end of tier' : `rule ${rule.rule}`}: enforced ${counts(rule.enforced)} · pending ${counts(rule.pending)}`);
  }
  const impact = (title: string, list: HitReport['newlyDenied']) => {
    lines.push(`${title}: ${list.length === 0 ? 'none' : ''}`);
    for (const f of list) lines.push(`  ${f.src} -> ${f.dst} ${protocolName(f.protocol)}${f.port !== undefined ? `/${f.port}` : ''}: ${f.tally.flows} flow(s) (line ${f.lines.join(', ')})`);
  };
  impact('newly denied by staged policies', r.newlyDenied);
  impact('newly allowed by staged policies', r.newlyAllowed);
  if (r.unmatched.tally.flows > 0) lines.push(`unmatched: ${r.unmatched.tally.flows} flow(s) with an end the workspace does not have (${r.unmatched.examples.slice(0, 5).map((e) => `line ${e.line}: ${e.end} ${e.what}`).join('; ')})`);
  for (const d of r.disagreements) lines.push(`disagreement line ${d.line}: the log says ${d.recorded}, the workspace ${d.ours} (${d.src} -> ${d.dst})`);
  lines.push(`${r.records} record(s), ${r.counted} counted`);
  return lines;
}
