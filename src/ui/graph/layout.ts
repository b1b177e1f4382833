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

const WL_W = 170;
const WL_H = 64;
const GAP = 28;
const PAD_TOP = 40;
const PAD = 20;
const COLS = 2;

/**
 * A deterministic grid: namespaces side by side (sorted by name), their workloads in a
 * two-column grid inside, external nodes in a row above. Stable across edits because it
 * depends only on the sorted ids. (elkjs compound layout replaces this at scale.)
 */
export function layoutGraph(nodes: readonly NodeData[]): Placed[] {
  const out: Placed[] = [];
  const external = nodes.filter((n) => n.kind === 'external').sort((a, b) => a.id.localeCompare(b.id));
  const namespaces = nodes.filter((n) => n.kind === 'namespace').sort((a, b) => a.name.localeCompare(b.name));
  const workloads = nodes.filter((n) => n.kind === 'workload');
  let x = 0;
  const top = external.length > 0 ? WL_H + 80 : 0;
  for (const ns of namespaces) {
    const members = workloads.filter((w) => w.namespace === ns.name).sort((a, b) => a.id.localeCompare(b.id));
    const cols = Math.min(COLS, Math.max(1, members.length));
    const rows = Math.max(1, Math.ceil(members.length / cols));
    const width = PAD * 2 + cols * WL_W + (cols - 1) * GAP;
    const height = PAD_TOP + PAD + rows * WL_H + (rows - 1) * GAP;
    out.push({ id: ns.id, x, y: top, width, height });
    members.forEach((m, i) => {
      out.push({
        id: m.id, parentId: ns.id, width: WL_W, height: WL_H,
        x: PAD + (i % cols) * (WL_W + GAP), y: PAD_TOP + Math.floor(i / cols) * (WL_H + GAP),
      });
    });
    x += width + 60;
  }
  const span = Math.max(x - 60, WL_W);
  external.forEach((e, i) => {
    const w = WL_W;
    const totalW = external.length * w + (external.length - 1) * GAP;
    out.push({ id: e.id, x: (span - totalW) / 2 + i * (w + GAP), y: 0, width: w, height: WL_H });
  });
  return out;
}
