/**
 * Probe cases (single flows, recipes) and validation cases (the inputs must be rejected).
 */
import type { Diagnostic, EvaluationMember, MemberEvaluation } from '../../engine';
import { ConnSet } from '../../engine';
import { parseCidr, parseConnString } from '../../engine/net';
import { fail, type CaseFile, type Outcome, type ProbeRow } from './cases';

/**
 * The members a probe end names: `ip:<address>` is the external block holding the address;
 * `ns/name` is the pod of that name, or the pod template of the workload of that name (or of
 * its NCA replica names `<workload>-1`, `-2`).
 */
function resolve(name: string, ev: MemberEvaluation): EvaluationMember[] | { error: string } {
  if (name.startsWith('ip:')) {
    const ip = parseCidr(name.slice(3));
    if ('error' in ip) return { error: `'${name}': ${ip.error}` };
    const b = ev.blocks.find((x) => x.block.v === ip.v && x.block.lo <= ip.lo && ip.lo <= x.block.hi);
    return b ? [b] : { error: `no external block of ours holds ${name.slice(3)} (IPv${ip.v} not modelled)` };
  }
  const slash = name.indexOf('/');
  if (slash < 0) return { error: `'${name}' is neither ns/pod nor ip:<address>` };
  const ns = name.slice(0, slash);
  const pod = name.slice(slash + 1);
  const found = ev.pods.filter((m) => m.namespace === ns && (m.template
    ? [m.workloadName, `${m.workloadName}-1`, `${m.workloadName}-2`].includes(pod)
    : m.name === pod));
  return found.length > 0 ? found : { error: `no pod of ours is named '${name}'` };
}

/** Checks every probe row: the probe's connections must be allowed between every member pair (or blocked for one). */
export function checkProbes(c: CaseFile, ev: MemberEvaluation): Outcome {
  const rows = (c.expected ?? []) as ProbeRow[];
  if (rows.length === 0) return fail('bad case', 'probe case without probes');
  let wrong = 0;
  let first = '';
  for (const row of rows) {
    const flow = parseConnString(row.probe, 'nca');
    if (!(flow instanceof ConnSet) || flow.isEmpty()) return fail('bad case', `probe '${row.probe}' is not a connection`);
    const src = resolve(row.src, ev);
    const dst = resolve(row.dst, ev);
    if ('error' in src) return fail('missing node', src.error);
    if ('error' in dst) return fail('missing node', dst.error);
    const allowed = src.every((a) => dst.every((b) => flow.isSubsetOf(ev.allowed(a, b))));
    if (allowed !== row.allowed) {
      wrong++;
      first ||= `${row.src} -> ${row.dst} ${row.probe}: expected ${row.allowed ? 'allowed' : 'blocked'}, got ${allowed ? 'allowed' : 'blocked'}`;
    }
  }
  if (wrong === 0) return { status: 'pass' };
  return fail('probe verdict differs', `${wrong} of ${rows.length} probe(s) differ; first: ${first}`);
}

/** A validation case passes when the engine reports at least one error for its inputs. */
export function checkValidation(c: CaseFile, diagnostics: readonly Diagnostic[], ignoredKinds: string[]): Outcome {
  if (diagnostics.some((d) => d.severity === 'error')) return { status: 'pass' };
  const upstream = c.expected_error_substrings?.filter((x) => x !== '').join(' / ') || c.expected_error_message_nca || 'an error';
  const ignored = ignoredKinds.length > 0 ? ` [inputs the engine ignores: ${ignoredKinds.join(', ')}]` : '';
  return fail(`invalid input accepted${ignored}`, `no error diagnostic; upstream reports: ${upstream.split('\n')[0]!.slice(0, 160)}`);
}
