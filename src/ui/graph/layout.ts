import type { NodeData } from '../../engine';

/** Position and size of a laid-out node (namespace groups contain their workloads). */
export interface Placed {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  parentId?: string;
}

/** Size of a workload, pod, external or network-set box (the node components fill it). */
export const WL_W = 170;
export const WL_H = 64;
/** Space between boxes inside a namespace, and the namespace's padding (title bar on top). */
export const GAP = 28;
export const PAD_TOP = 40;
export const PAD = 20;
/** An empty (or collapsed) namespace still shows its title: its minimum size. */
export const NS_MIN_W = PAD * 2 + WL_W;
export const NS_MIN_H = PAD_TOP + PAD + WL_H;
const COLS = 2;
/** Up to this many top-level blocks (namespaces and external nodes) stand on a ring. */
export const RING_MAX = 8;

/** A top-level box (a namespace with its members, or an external node) to place. */
export interface Block {
  id: string;
  width: number;
  height: number;
  children: Placed[];
}

function namespaceBlock(ns: NodeData, members: NodeData[]): Block {
  const cols = Math.min(COLS, Math.max(1, members.length));
  const rows = Math.max(1, Math.ceil(members.length / cols));
  const width = PAD * 2 + cols * WL_W + (cols - 1) * GAP;
  const height = PAD_TOP + PAD + rows * WL_H + (rows - 1) * GAP;
  const children = members.map((m, i) => ({
    id: m.id, parentId: ns.id, width: WL_W, height: WL_H,
    x: PAD + (i % cols) * (WL_W + GAP), y: PAD_TOP + Math.floor(i / cols) * (WL_H + GAP),
  }));
  return { id: ns.id, width, height, children };
}

/** Deterministic order by id (code points): the only order the layouts depend on. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Blocks on a ring, the first at the top, in the given order: an edge between two boxes never
 * runs through a third. The radius is large enough that neighbouring blocks do not touch.
 */
export function placeOnRing(blocks: readonly Block[]): Placed[] {
  const out: Placed[] = [];
  const widest = Math.max(...blocks.map((b) => Math.max(b.width, b.height)), WL_W);
  const radius = blocks.length <= 1 ? 0 : (widest + 80) / (2 * Math.sin(Math.PI / blocks.length));
  blocks.forEach((b, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / blocks.length;
    const cx = radius * Math.cos(angle);
    const cy = radius * Math.sin(angle) * 0.8;
    out.push({ id: b.id, x: Math.round(cx - b.width / 2), y: Math.round(cy - b.height / 2), width: b.width, height: b.height }, ...b.children);
  });
  return out;
}

/**
 * Deterministic placement (depends only on sorted ids, so it is stable across edits).
 * Small clusters: namespaces and external nodes on a ring, so an edge between two boxes never
 * runs through a third. Larger ones: rows of namespaces. The instant first placement and the
 * fallback when the layout worker fails; elkLayout.ts gives the final one.
 */
export function layoutGraph(nodes: readonly NodeData[]): Placed[] {
  // Namespaced nodes (workloads, network sets) go inside their namespace; the rest stand alone.
  // (Code-point order, not localeCompare: the same in every browser, and the same as elkLayout's.)
  const namespaces = nodes.filter((n) => n.kind === 'namespace').sort(byId);
  const shown = new Set(namespaces.map((n) => n.name));
  const inNamespace = (n: NodeData) => n.kind !== 'namespace' && n.namespace !== undefined && shown.has(n.namespace);
  const external = nodes.filter((n) => n.kind !== 'namespace' && !inNamespace(n)).sort(byId);
  const workloads = nodes.filter(inNamespace);
  const blocks: Block[] = [
    ...external.map((e) => ({ id: e.id, width: WL_W, height: WL_H, children: [] })),
    ...namespaces.map((ns) => namespaceBlock(ns, workloads.filter((w) => w.namespace === ns.name).sort(byId))),
  ];
  if (blocks.length <= RING_MAX) return placeOnRing(blocks);
  const out: Placed[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const rowWidth = Math.max(1200, Math.sqrt(blocks.reduce((s, b) => s + b.width * b.height, 0)) * 1.6);
  for (const b of blocks) {
    if (x > 0 && x + b.width > rowWidth) {
      x = 0;
      y += rowHeight + 60;
      rowHeight = 0;
    }
    out.push({ id: b.id, x, y, width: b.width, height: b.height }, ...b.children);
    x += b.width + 60;
    rowHeight = Math.max(rowHeight, b.height);
  }
  return out;
}
