import { describe, expect, it } from 'vitest';
import type { EdgeHits, NodeData } from '../engine';
import { badgeKey, flowBadges } from './flowBadges';

const t = (flows: number) => ({ flows, packets: 0, bytes: 0 });
const hit = (src: EdgeHits['src'], dst: EdgeHits['dst'], total: number, broken = 0, denied = 0): EdgeHits =>
  ({ src, dst, total: t(total), enforcedDenied: t(denied), pendingDenied: t(broken + denied), newlyDenied: t(broken), newlyAllowed: t(0) });
const node = (id: string, namespace?: string): NodeData => ({ id, kind: id.startsWith('pod:') ? 'pod' : 'workload', name: id, labels: {}, ...(namespace ? { namespace } : {}) });

describe('flowBadges: hit counts placed on the drawn edges', () => {
  const all = [node('wl:a/Deployment/web', 'a'), node('pod:a/web-1', 'a'), node('wl:b/Pod/cli', 'b'), node('wl:b/Pod/db', 'b'), node('ext:internet')];
  const edges = [
    hit({ node: 'wl:b/Pod/cli' }, { node: 'wl:a/Deployment/web', pod: 'pod:a/web-1' }, 9, 4),
    hit({ node: 'wl:b/Pod/db' }, { node: 'wl:a/Deployment/web' }, 3, 0, 3),
    hit({ node: 'wl:b/Pod/cli' }, { node: 'wl:b/Pod/db' }, 5),
    hit({ node: 'wl:b/Pod/cli' }, { node: 'ext:internet' }, 2),
  ];

  it('workloads shown: one badge per pair, broken and denied counted apart', () => {
    const shown = all.filter((n) => !n.id.startsWith('pod:'));
    const b = flowBadges(edges, shown, all);
    expect(b.get(badgeKey('wl:b/Pod/cli', 'wl:a/Deployment/web'))).toEqual({ flows: 9, broken: 4, unblocked: 0, denied: 0 });
    expect(b.get(badgeKey('wl:b/Pod/db', 'wl:a/Deployment/web'))).toEqual({ flows: 3, broken: 0, unblocked: 0, denied: 3 });
    expect(b.size).toBe(4);
  });

  it('an expanded workload: the pod named by the record carries it; an aggregated record has no place', () => {
    const shown = all.filter((n) => n.id !== 'wl:a/Deployment/web');
    const b = flowBadges(edges, shown, all);
    expect(b.get(badgeKey('wl:b/Pod/cli', 'pod:a/web-1'))?.flows).toBe(9);
    expect([...b.keys()].some((k) => k.includes('wl:a/Deployment/web'))).toBe(false);
  });

  it('a collapsed namespace sums its members; a pair inside it has no edge', () => {
    const shown = [node('ns:b'), node('wl:a/Deployment/web', 'a'), node('ext:internet')];
    const b = flowBadges(edges, shown, all);
    expect(b.get(badgeKey('ns:b', 'wl:a/Deployment/web'))).toEqual({ flows: 12, broken: 4, unblocked: 0, denied: 3 });
    expect(b.get(badgeKey('ns:b', 'ext:internet'))?.flows).toBe(2);
    expect(b.size).toBe(2);
  });
});
