import type { EdgeHits, GraphEnd, NodeData } from '../engine';
import type { CollapsedNode } from './collapse';

/** What an edge's badge says: the flows replayed over it, and what the draft would change. */
export interface FlowBadge {
  flows: number;
  /** Flows allowed today that the staged policies would deny. */
  broken: number;
  /** Flows denied today that the staged policies would allow. */
  unblocked: number;
  /** Flows denied today. */
  denied: number;
}

/** The key of a drawn edge by its ends. */
export const badgeKey = (source: string, target: string) => `${source}\u0000${target}`;

/**
 * Hit counts per drawn edge: each counted pair of ends is placed where the graph shows it
 * (the pod's node when its workload is expanded, else the workload, else the collapsed
 * namespace holding it), and pairs landing on the same drawn edge are summed. A pair inside
 * one collapsed namespace has no edge and no badge, nor has an aggregated record on an
 * expanded workload (it names no pod); their counts stay in the draft table.
 */
/**
 * Where the graph draws a flow end: the pod's node when its workload is expanded, else the
 * workload, else the collapsed namespace holding it; null when nothing shown holds it.
 */
export function endPlacer(shown: readonly CollapsedNode[], all: readonly NodeData[]): (end: GraphEnd) => string | null {
  const visible = new Set(shown.map((n) => n.id));
  const namespaceOf = new Map(all.map((n) => [n.id, n.namespace]));
  return (end) => {
    if (end.pod && visible.has(end.pod)) return end.pod;
    if (visible.has(end.node)) return end.node;
    const ns = namespaceOf.get(end.node);
    return ns !== undefined && visible.has(`ns:${ns}`) ? `ns:${ns}` : null;
  };
}

export function flowBadges(edges: readonly EdgeHits[], shown: readonly CollapsedNode[], all: readonly NodeData[]): Map<string, FlowBadge> {
  const place = endPlacer(shown, all);
  const out = new Map<string, FlowBadge>();
  for (const e of edges) {
    const a = place(e.src);
    const b = place(e.dst);
    if (!a || !b || a === b) continue;
    const key = badgeKey(a, b);
    let badge = out.get(key);
    if (!badge) out.set(key, (badge = { flows: 0, broken: 0, unblocked: 0, denied: 0 }));
    badge.flows += e.total.flows;
    badge.broken += e.newlyDenied.flows;
    badge.unblocked += e.newlyAllowed.flows;
    badge.denied += e.enforcedDenied.flows;
  }
  return out;
}
