import type { PolicyFocus } from '../../engine';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The banner's lines for a policy focus: which policy, what its selector matches, what its rule peers match. */
export interface FocusBannerText {
  policy: string;
  selects: string;
  peers: string;
}

/**
 * `NetworkPolicy default/allow-nginx` · `selector matches 1 endpoint in 1 workload` ·
 * `ingress rule #0 (Allow): peers match 1 node`. Counts come from the engine's answer; host
 * endpoints are counted apart from workloads (node ids `wl:` and `hep:`, design.md).
 */
export function focusBannerText(f: PolicyFocus): FocusBannerText {
  const workloads = f.selected.filter((id) => id.startsWith('wl:')).length;
  const heps = f.selected.filter((id) => id.startsWith('hep:')).length;
  const where = [workloads > 0 || heps === 0 ? plural(workloads, 'workload') : '', heps > 0 ? plural(heps, 'host endpoint') : ''].filter(Boolean).join(' and ');
  const selects = f.endpoints === 0 ? 'selector matches no endpoint' : `selector matches ${plural(f.endpoints, 'endpoint')} in ${where}`;
  const peers = f.rule
    ? `${f.rule.direction} rule #${f.rule.index} (${f.rule.action}): peers match ${plural(f.peers.length, 'node')}`
    : f.peers.length > 0 ? `its rules' peers match ${plural(f.peers.length, 'node')}` : 'no rule peers';
  return { policy: `${f.kind} ${f.namespace !== undefined ? `${f.namespace}/` : ''}${f.name}${f.staged ? ' (staged)' : ''}`, selects, peers };
}
