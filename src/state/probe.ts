import { ASSUMED_SOURCE_PORT, connSetFromJSON, parseProbe, type ConnSet, type ConnSetJSON, type EdgeData, type Flow, type Verdict } from '../engine';

/**
 * The graph-wide probe (issue 4: "a probe picker ... recolours by that probe"). Pure functions
 * over the engine's edges: the membership test is the engine's own set code, so the graph can
 * never disagree with `containsFlow` on what an edge allows.
 */

/** The picker's kinds; `any` is "no probe" (the edges' own verdicts). */
export type ProbeKind = 'any' | 'TCP' | 'UDP' | 'ICMP';

/** The store's probe text for a kind and port (`any`, `TCP/80`, `UDP/53`, `ICMP`). */
export function probeText(kind: ProbeKind, port: number): string {
  return kind === 'TCP' || kind === 'UDP' ? `${kind}/${port}` : kind;
}

/** The picker state of a probe text; unknown or unparsable texts read as `any`. */
export function probeParts(probe: string): { kind: ProbeKind; port: number | null } {
  const m = /^(TCP|UDP)\/(\d+)$/.exec(probe);
  if (m) return { kind: m[1] as ProbeKind, port: Number(m[2]) };
  return { kind: probe === 'ICMP' ? 'ICMP' : 'any', port: null };
}

/**
 * The flow a probe text stands for, or null for `any` and for texts that do not parse (then
 * the graph keeps its own colours). A port probe without a source port gets the one the
 * explanation assumes, so the colour and the inspector's trace agree.
 */
export function probeFlow(probe: string): Flow | null {
  if (probe === 'any') return null;
  const flow = parseProbe(probe);
  if ('error' in flow) return null;
  return flow.port !== undefined && flow.srcPort === undefined ? { ...flow, srcPort: ASSUMED_SOURCE_PORT } : flow;
}

// Edges with equal connections share their JSON objects: decode each one once.
const decoded = new WeakMap<ConnSetJSON, ConnSet>();
function setOf(j: ConnSetJSON): ConnSet {
  let s = decoded.get(j);
  if (s === undefined) {
    s = connSetFromJSON(j);
    decoded.set(j, s);
  }
  return s;
}

function allows(j: ConnSetJSON, f: Flow): boolean {
  return setOf(j).containsFlow(f.protocol, f.port, f.icmpType, f.icmpCode, f.srcPort);
}

/**
 * An edge's verdict for one flow: `allow` when every member pair of the two nodes allows it
 * (it is in `allowed`), `partial` when only some do (a mixed edge whose `someAllowed` has it),
 * `deny` when none does.
 */
export function probeVerdict(edge: Pick<EdgeData, 'allowed' | 'mixed' | 'someAllowed'>, flow: Flow): Verdict {
  if (allows(edge.allowed, flow)) return 'allow';
  if (edge.mixed && edge.someAllowed !== undefined && allows(edge.someAllowed, flow)) return 'partial';
  return 'deny';
}

/** The edges with `verdict` replaced by the probe's verdict (the same edges while the probe is `any`). */
export function applyProbe<E extends EdgeData>(edges: readonly E[], probe: string): E[] {
  const flow = probeFlow(probe);
  if (flow === null) return [...edges];
  return edges.map((e) => ({ ...e, verdict: probeVerdict(e, flow) }));
}

/**
 * Pair counts for the header: the engine's counts without a probe; with one, the probed
 * verdicts of the edges, where the pairs left out at scale (denyEdgesOmitted: nothing allowed,
 * so the probe is denied too) are the deny count: total pairs - allow - partial.
 */
export function probedCounts(result: { edges: readonly EdgeData[]; counts: Record<Verdict, number> }, probe: string): Record<Verdict, number> {
  const flow = probeFlow(probe);
  if (flow === null) return result.counts;
  const total = result.counts.allow + result.counts.partial + result.counts.deny;
  let allow = 0;
  let partial = 0;
  for (const e of result.edges) {
    const v = probeVerdict(e, flow);
    if (v === 'allow') allow++;
    else if (v === 'partial') partial++;
  }
  return { allow, partial, deny: total - allow - partial };
}
