import type { Endpoint } from '../model/endpoint';
import { rangeContains } from '../net/ip';
import type { Peer } from './peer';

/**
 * SPEC §4.2, §6.34: is `src` the own node of the destination pod `dst`? Then the ingress side
 * of the connection is always allowed (kubelet probes, host-networked agents; Calico lets a
 * host reach its local workloads whatever the policy). The node is known by name
 * (`spec.nodeName`, a HostEndpoint's `spec.node`) and by its addresses (Node
 * `status.addresses`, the pod's `status.hostIP`). Sources that are that node: an address of it,
 * a host-networked pod on it (its address is the node's), a HostEndpoint of it. A pod with a
 * workload endpoint never is (it has its own address), nor is any source when the manifests
 * do not say where `dst` runs.
 */
export function fromOwnNode(src: Peer, dst: Endpoint): boolean {
  const node = dst.node;
  if (dst.kind !== 'pod' || dst.hostNetwork || !node) return false;
  const isNodeAddress = (ip: Parameters<typeof rangeContains>[1]) => node.ips.some((n) => rangeContains(n, ip));
  if (src.type === 'block') return isNodeAddress(src.block);
  if (src.type === 'endpoint' && src.ep.kind !== 'hep') return false;
  if (node.name !== undefined && src.ep.node?.name === node.name) return true;
  return src.ep.ips.length > 0 && src.ep.ips.every(isNodeAddress);
}
