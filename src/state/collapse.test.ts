import { describe, expect, it } from 'vitest';
import { ConnSet, type EdgeData, type NodeData, type Verdict } from '../engine';
import { collapseDefaults, collapseNamespaces, COLLAPSE_THRESHOLD, isSummaryEdge, isSummaryEdgeId, namespacesOf, type SummaryEdge } from './collapse';
import { applyProbe, probeFlow, probeVerdict } from './probe';

const node = (id: string, kind: NodeData['kind'], namespace?: string): NodeData =>
  ({ id, kind, name: id, labels: {}, ...(namespace !== undefined ? { namespace } : {}) });

const X = 'wl:a/Pod/x';
const Y = 'wl:a/Pod/y';
const BLK = 'netset:a/blk';
const Z = 'wl:b/Pod/z';
const NET = 'ext:internet';
const NODES: NodeData[] = [
  node('ns:a', 'namespace'), node('ns:b', 'namespace'),
  node(X, 'workload', 'a'), node(Y, 'workload', 'a'), node(BLK, 'networkset', 'a'), node(Z, 'workload', 'b'), node(NET, 'external'),
];
const ADDRESS = new Set([BLK, NET]);

const SETS: Record<Verdict, EdgeData['allowed']> = { allow: ConnSet.all().toJSON(), partial: ConnSet.protocol(6).toJSON(), deny: ConnSet.none().toJSON() };
const TEXT: Record<Verdict, string> = { allow: 'All Connections', partial: 'TCP', deny: 'No Connections' };

/**
 * The engine's pairs of NODES (every ordered pair of distinct graph nodes, none between two
 * address nodes), with verdicts from `verdicts` (default deny) and, when given, pending
 * verdicts; `omit` leaves out what the engine leaves out at scale (deny in both scopes).
 */
function edgesOf(verdicts: Record<string, Verdict>, opts: { pending?: Record<string, Verdict>; omit?: boolean } = {}): EdgeData[] {
  const ids = NODES.filter((n) => n.kind !== 'namespace').map((n) => n.id);
  const out: EdgeData[] = [];
  for (const s of ids) {
    for (const t of ids) {
      if (s === t || (ADDRESS.has(s) && ADDRESS.has(t))) continue;
      const id = `${s}->${t}`;
      const v = verdicts[id] ?? 'deny';
      const e: EdgeData = { id, source: s, target: t, verdict: v, connections: TEXT[v], allowed: SETS[v], mixed: false };
      if (opts.pending) {
        const p = opts.pending[id] ?? v;
        e.pendingVerdict = p;
        e.pendingConnections = TEXT[p];
      }
      if (opts.omit && v === 'deny' && (e.pendingVerdict ?? 'deny') === 'deny') continue;
      out.push(e);
    }
  }
  return out;
}

const VERDICTS: Record<string, Verdict> = {
  [`${X}->${Z}`]: 'allow', [`${Y}->${Z}`]: 'partial', // blk -> z denies
  [`${Z}->${X}`]: 'allow', [`${Z}->${Y}`]: 'allow', [`${Z}->${BLK}`]: 'allow',
  [`${NET}->${X}`]: 'allow', // internet -> y denies; internet -> blk is no pair
  [`${X}->${Y}`]: 'allow', [`${Y}->${X}`]: 'partial',
  [`${Z}->${NET}`]: 'allow',
};

const byId = <E extends { id: string }>(es: readonly E[]) => new Map(es.map((e) => [e.id, e]));
const summaryOf = (es: readonly EdgeData[], id: string) => {
  const e = byId(es).get(id);
  if (!e || !isSummaryEdge(e)) throw new Error(`no summary edge ${id}`);
  return e as SummaryEdge;
};

describe('collapseNamespaces', () => {
  it('returns the graph as it is when nothing is collapsed', () => {
    const edges = edgesOf(VERDICTS);
    const out = collapseNamespaces(NODES, edges, new Set(['ns:none']));
    expect(out.nodes).toBe(NODES);
    expect(out.edges).toBe(edges);
  });

  it('hides the members of a collapsed namespace and folds their edges, one per ordered pair of visible ends', () => {
    const out = collapseNamespaces(NODES, edgesOf(VERDICTS), new Set(['ns:a']));
    expect(out.nodes.map((n) => n.id)).toEqual(['ns:a', 'ns:b', Z, NET]);
    expect(out.edges.map((e) => e.id).sort()).toEqual([
      `${NET}->${Z}`, `${NET}->ns:a`, `${Z}->${NET}`, `${Z}->ns:a`, `ns:a->${NET}`, `ns:a->${Z}`,
    ].sort());
    // Edges between visible nodes are the input edges themselves.
    expect(isSummaryEdge(byId(out.edges).get(`${Z}->${NET}`)!)).toBe(false);

    const out1 = summaryOf(out.edges, `ns:a->${Z}`);
    expect([out1.verdict, out1.connections, out1.summary.counts, out1.summary.total]).toEqual(['partial', '1 of 3 pairs allowed, 1 partly', { allow: 1, partial: 1, deny: 1 }, 3]);
    expect(out1.summary.members.map((e) => e.id)).toEqual([`${X}->${Z}`, `${Y}->${Z}`, `${BLK}->${Z}`]);
    const in1 = summaryOf(out.edges, `${Z}->ns:a`);
    expect([in1.verdict, in1.connections, in1.summary.total]).toEqual(['allow', '3 of 3 pairs allowed', 3]);
    // blk -> internet is no pair (two address nodes): two members, both deny.
    const toNet = summaryOf(out.edges, `ns:a->${NET}`);
    expect([toNet.verdict, toNet.summary.counts, toNet.summary.total]).toEqual(['deny', { allow: 0, partial: 0, deny: 2 }, 2]);
    expect(summaryOf(out.edges, `${NET}->ns:a`).verdict).toBe('partial');
  });

  it('summarises the pairs inside a collapsed namespace on its node', () => {
    const out = collapseNamespaces(NODES, edgesOf(VERDICTS), new Set(['ns:a']));
    const a = out.nodes.find((n) => n.id === 'ns:a')!;
    // x, y, blk: 6 ordered pairs (one address node, so no address pair).
    expect(a.collapsed).toEqual({ members: 3, workloads: 2, intra: { counts: { allow: 1, partial: 1, deny: 4 }, total: 6, changed: 0 } });
    expect(out.nodes.find((n) => n.id === 'ns:b')!.collapsed).toBeUndefined();
  });

  it('counts omitted member pairs as deny, leaves out all-deny summaries, and never counts address pairs', () => {
    const edges = edgesOf(VERDICTS, { omit: true });
    const out = collapseNamespaces(NODES, edges, new Set(['ns:a']), { denyEdgesOmitted: true });
    expect(out.edges.map((e) => e.id).sort()).toEqual([`${NET}->ns:a`, `${Z}->${NET}`, `${Z}->ns:a`, `ns:a->${Z}`].sort());
    const out1 = summaryOf(out.edges, `ns:a->${Z}`);
    expect([out1.verdict, out1.summary.counts, out1.summary.total, out1.summary.members.length]).toEqual(['partial', { allow: 1, partial: 1, deny: 1 }, 3, 2]);
    // internet -> x allows, internet -> y is omitted (deny), internet -> blk is no pair.
    const fromNet = summaryOf(out.edges, `${NET}->ns:a`);
    expect([fromNet.verdict, fromNet.connections, fromNet.summary.counts]).toEqual(['partial', '1 of 2 pairs allowed', { allow: 1, partial: 0, deny: 1 }]);
    expect(out.nodes.find((n) => n.id === 'ns:a')!.collapsed!.intra).toEqual({ counts: { allow: 1, partial: 1, deny: 4 }, total: 6, changed: 0 });
    // A probe that denies every drawn member keeps the summary (as it keeps the engine's edges), coloured deny.
    const udp = collapseNamespaces(NODES, applyProbe(edges.filter((e) => e.verdict !== 'allow'), 'UDP/53'), new Set(['ns:a']), { denyEdgesOmitted: true });
    const probed = summaryOf(udp.edges, `ns:a->${Z}`);
    expect([probed.verdict, probed.summary.counts]).toEqual(['deny', { allow: 0, partial: 0, deny: 3 }]);
  });

  it('folds two collapsed namespaces into namespace-to-namespace edges', () => {
    const out = collapseNamespaces(NODES, edgesOf(VERDICTS), new Set(['ns:a', 'ns:b']));
    expect(out.nodes.map((n) => n.id)).toEqual(['ns:a', 'ns:b', NET]);
    expect(out.edges.map((e) => e.id).sort()).toEqual([`${NET}->ns:a`, `${NET}->ns:b`, `ns:a->${NET}`, 'ns:a->ns:b', `ns:b->${NET}`, 'ns:b->ns:a'].sort());
    expect(summaryOf(out.edges, 'ns:b->ns:a').summary.counts).toEqual({ allow: 3, partial: 0, deny: 0 });
    expect(summaryOf(out.edges, 'ns:a->ns:b').verdict).toBe('partial');
    expect(summaryOf(out.edges, `ns:b->${NET}`).verdict).toBe('allow');
  });

  it('aggregates pending verdicts and counts the pairs a staged policy changes', () => {
    const pending: Record<string, Verdict> = { [`${BLK}->${Z}`]: 'allow', [`${Y}->${Z}`]: 'allow', [`${NET}->${Y}`]: 'allow' };
    for (const omit of [false, true]) {
      const out = collapseNamespaces(NODES, edgesOf(VERDICTS, { pending, omit }), new Set(['ns:a']), { denyEdgesOmitted: omit });
      const out1 = summaryOf(out.edges, `ns:a->${Z}`);
      expect([out1.pendingVerdict, out1.pendingConnections, out1.summary.pendingCounts, out1.summary.changed]).toEqual(['allow', '3 of 3 pairs allowed', { allow: 3, partial: 0, deny: 0 }, 2]);
      const fromNet = summaryOf(out.edges, `${NET}->ns:a`);
      expect([fromNet.verdict, fromNet.pendingVerdict, fromNet.summary.changed]).toEqual(['partial', 'allow', 1]);
      const in1 = summaryOf(out.edges, `${Z}->ns:a`);
      expect([in1.pendingVerdict, in1.summary.changed]).toEqual(['allow', 0]);
    }
    // Without staged policies the summaries carry no pending verdict.
    const plain = summaryOf(collapseNamespaces(NODES, edgesOf(VERDICTS), new Set(['ns:a'])).edges, `ns:a->${Z}`);
    expect([plain.pendingVerdict, plain.summary.pendingCounts]).toEqual([undefined, undefined]);
  });

  it('gives summary edges the sets of their members, so a probe colours them as their members', () => {
    const out = collapseNamespaces(NODES, edgesOf(VERDICTS), new Set(['ns:a']));
    const tcp = probeFlow('TCP/80')!;
    const udp = probeFlow('UDP/53')!;
    // x -> z allows everything, y -> z TCP, blk -> z nothing.
    const out1 = summaryOf(out.edges, `ns:a->${Z}`);
    expect([out1.mixed, probeVerdict(out1, tcp), probeVerdict(out1, udp)]).toEqual([true, 'partial', 'partial']);
    expect(probeVerdict(summaryOf(out.edges, `${Z}->ns:a`), udp)).toBe('allow');
    expect(probeVerdict(summaryOf(out.edges, `ns:a->${NET}`), tcp)).toBe('deny');
  });
});

describe('summary helpers', () => {
  it('recognises summary edge ids', () => {
    expect([isSummaryEdgeId('ns:a->ns:b'), isSummaryEdgeId(`${Z}->ns:a`), isSummaryEdgeId(`${X}->${Z}`), isSummaryEdgeId(null)]).toEqual([true, true, false, false]);
  });
  it('names the namespaces of a pair', () => {
    expect(namespacesOf(NODES, [X, Z])).toEqual(['ns:a', 'ns:b']);
    expect(namespacesOf(NODES, [NET, Y])).toEqual(['ns:a']);
  });
});

describe('collapseDefaults', () => {
  const big = (namespaces: string[]): NodeData[] => [
    ...namespaces.map((ns) => node(`ns:${ns}`, 'namespace')),
    ...Array.from({ length: COLLAPSE_THRESHOLD + 1 }, (_, i) => node(`wl:${namespaces[i % namespaces.length]!}/Pod/p${i}`, 'workload', namespaces[i % namespaces.length])),
  ];

  it('leaves a small workspace expanded', () => {
    const r = collapseDefaults(NODES, new Set(), new Set());
    expect([[...r.seen].sort(), [...r.collapsed]]).toEqual([['ns:a', 'ns:b'], []]);
  });

  it('collapses every namespace of a workspace above the threshold, and namespaces that appear later', () => {
    const r = collapseDefaults(big(['a', 'b']), new Set(), new Set());
    expect([...r.collapsed].sort()).toEqual(['ns:a', 'ns:b']);
    // The user expands b; a new namespace c appears: c starts collapsed, b stays expanded.
    const user = new Set(['ns:a']);
    const r2 = collapseDefaults(big(['a', 'b', 'c']), r.seen, user);
    expect([...r2.collapsed].sort()).toEqual(['ns:a', 'ns:c']);
  });

  it('counts graph nodes, not namespaces, against the threshold', () => {
    const many = Array.from({ length: COLLAPSE_THRESHOLD + 5 }, (_, i) => node(`ns:n${i}`, 'namespace'));
    expect(collapseDefaults([...many, node(X, 'workload', 'a')], new Set(), new Set()).collapsed.size).toBe(0);
  });

  it('returns its inputs when no namespace is new (re-evaluations keep the toggles)', () => {
    const seen = new Set(['ns:a', 'ns:b']);
    const collapsed = new Set(['ns:b']);
    const r = collapseDefaults(NODES, seen, collapsed);
    expect(r.seen).toBe(seen);
    expect(r.collapsed).toBe(collapsed);
  });
});
