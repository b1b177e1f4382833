import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../analysis';
import { generateCluster, PRESETS } from '../../../fixtures/generate';

describe('policyBoard', () => {
  it('counts each policy\'s selected endpoints from the cached selection exactly as its selector matches them', () => {
    const c = generateCluster(PRESETS.M);
    const s = analyzeWorkspace(c.files);
    const eps = s.workspace.nodes.flatMap((n) => (n.type === 'workload' ? n.endpoints : n.type === 'hostendpoint' ? [n.endpoint] : [])).filter((ep) => !ep.hostNetwork);
    const cards = s.result.board.flatMap((t) => t.policies);
    expect(cards).toHaveLength(s.workspace.policies.length);
    const direct = s.workspace.policies.map((p) => `${p.id.kind} ${p.id.namespace ?? ''}/${p.id.name} ${eps.filter((ep) => p.selector.match(ep.labels)).length}`).sort();
    expect(cards.map((p) => `${p.kind} ${p.namespace ?? ''}/${p.name} ${p.selected}`).sort()).toEqual(direct);
    expect(cards.some((p) => p.selected > 1)).toBe(true);
  });
});
