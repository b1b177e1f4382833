import { describe, expect, it } from 'vitest';
import type { EdgeData, NodeData, WorkloadExpansion } from '../engine';
import { currentExpansion, findShownEdge, withExpandedWorkloads } from './expansion';
import { createAppStore } from './store';

const node = (id: string, kind: NodeData['kind'], extra: Partial<NodeData> = {}): NodeData => ({ id, kind, name: id.split('/').pop()!, labels: {}, ...extra });
const edge = (source: string, target: string, verdict: EdgeData['verdict'] = 'allow') => ({ id: `${source}->${target}`, source, target, verdict });

const ns = node('ns:a', 'namespace');
const web = node('wl:a/ReplicaSet/web', 'workload', { namespace: 'a' });
const db = node('wl:a/Pod/db', 'workload', { namespace: 'a' });
const net = node('ext:internet', 'external');
const pod = (name: string, workload = web.id) => node(`pod:a/${name}`, 'pod', { namespace: 'a', workload });
const nodes = [ns, web, db, net];
const edges = [edge(web.id, db.id, 'partial'), edge(db.id, web.id), edge(db.id, net.id), edge(web.id, net.id)];
const expansion = {
  workloads: [web.id],
  pods: [pod('web-1'), pod('web-2')],
  edges: [edge('pod:a/web-1', db.id), edge('pod:a/web-2', db.id, 'deny'), edge(db.id, 'pod:a/web-1'), edge('pod:a/web-1', 'pod:a/web-2'), edge('pod:a/web-2', 'pod:a/web-1')],
};

describe('withExpandedWorkloads', () => {
  it('replaces an expanded workload by its pods in place and its edges by the pod edges', () => {
    const out = withExpandedWorkloads(nodes, edges, expansion);
    expect(out.nodes.map((n) => n.id)).toEqual(['ns:a', 'pod:a/web-1', 'pod:a/web-2', 'wl:a/Pod/db', 'ext:internet']);
    expect(out.edges.map((e) => `${e.id} ${e.verdict}`)).toEqual([
      'wl:a/Pod/db->ext:internet allow',
      'pod:a/web-1->wl:a/Pod/db allow', 'pod:a/web-2->wl:a/Pod/db deny', 'wl:a/Pod/db->pod:a/web-1 allow',
      'pod:a/web-1->pod:a/web-2 allow', 'pod:a/web-2->pod:a/web-1 allow',
    ]);
    // Nothing left pointing at the replaced workload.
    expect(out.edges.some((e) => e.source === web.id || e.target === web.id)).toBe(false);
  });

  it('gives the inputs back without an expansion, and ignores workloads the graph does not have', () => {
    const same = withExpandedWorkloads(nodes, edges, null);
    expect(same.nodes).toBe(nodes);
    expect(same.edges).toBe(edges);
    const gone = withExpandedWorkloads([ns, db, net], [edges[2]!], expansion);
    expect(gone.nodes.map((n) => n.id)).toEqual(['ns:a', 'wl:a/Pod/db', 'ext:internet']);
    expect(gone.edges).toEqual([edges[2]]);
  });

  it('drops pod edges whose other end is not shown (a pod of a workload collapsed meanwhile)', () => {
    const two = { ...expansion, pods: [...expansion.pods, pod('x-1', db.id)], edges: [...expansion.edges, edge('pod:a/web-1', 'pod:a/x-1')] };
    const out = withExpandedWorkloads(nodes, edges, two);
    expect(out.nodes.map((n) => n.id)).not.toContain('pod:a/x-1');
    expect(out.edges.map((e) => e.id)).not.toContain('pod:a/web-1->pod:a/x-1');
  });

  it('finds a shown edge among pod edges first, then analysis edges', () => {
    expect(findShownEdge(edges, expansion, 'pod:a/web-2', db.id)?.verdict).toBe('deny');
    expect(findShownEdge(edges, expansion, db.id, net.id)?.verdict).toBe('allow');
    expect(findShownEdge(edges, null, 'pod:a/web-2', db.id)).toBeUndefined();
  });
});

describe('currentExpansion and the expansion slice', () => {
  const result = { ...expansion, workloads: [web.id, db.id] } as unknown as WorkloadExpansion;

  it('limits a held answer to the workloads still expanded', () => {
    const held = { asked: [web.id, db.id], revision: 3, result };
    expect(currentExpansion(held, [web.id, db.id])).toBe(result);
    expect(currentExpansion(held, [db.id])?.workloads).toEqual([db.id]);
    expect(currentExpansion(held, [])).toBeNull();
    expect(currentExpansion(null, [web.id])).toBeNull();
  });

  it('drops answers for another set of workloads or older than the graph or the held answer', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().selectNode(web.id);
    s().setWorkloadExpanded(web.id, true);
    expect(s().selectedNode).toBeNull(); // the workload is drawn as its pods now
    s().setWorkloadExpanded(web.id, true); // idempotent
    expect(s().expandedWorkloads).toEqual([web.id]);
    s().applyPodExpansion({ asked: [db.id], revision: 1, result });
    expect(s().podExpansion).toBeNull();
    s().applyPodExpansion({ asked: [web.id], revision: 2, result });
    expect(s().podExpansion?.revision).toBe(2);
    s().applyPodExpansion({ asked: [web.id], revision: 1, result });
    expect(s().podExpansion?.revision).toBe(2);
    store.setState({ analysisRevision: 5 });
    s().applyPodExpansion({ asked: [web.id], revision: 4, result });
    expect(s().podExpansion?.revision).toBe(2);
    // Folding the workload back clears a selection on one of its pods (no longer drawn), not others.
    s().selectNode(db.id);
    s().setWorkloadExpanded('wl:a/ReplicaSet/other', true);
    s().setWorkloadExpanded('wl:a/ReplicaSet/other', false);
    expect(s().selectedNode).toBe(db.id);
    s().selectEdge(`${db.id}->pod:a/web-2`);
    s().setWorkloadExpanded(web.id, false);
    expect(s().expandedWorkloads).toEqual([]);
    expect(s().selectedEdge).toBeNull();
  });
});
