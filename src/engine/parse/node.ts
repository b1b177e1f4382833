import type { NodePlacement } from '../model/endpoint';
import type { FieldPath } from '../model/source';
import { parseCidr, type IpRange } from '../net/ip';
import type { ObjectReader } from './context';

/** Node name → its IP addresses (`status.addresses` entries that are IPs: InternalIP, ExternalIP). */
export type NodeAddresses = ReadonlyMap<string, readonly IpRange[]>;

/** Reads a Node's name and IP addresses (SPEC §6.34: traffic from them to the node's own pods is allowed). */
export function readNode(r: ObjectReader): { name: string; ips: IpRange[] } {
  const ips: IpRange[] = [];
  (r.array(['status', 'addresses']) ?? []).forEach((_, i) => {
    const a = r.get(['status', 'addresses', i, 'address']);
    // Hostname / InternalDNS entries are names, not addresses.
    const ip = typeof a === 'string' && !a.includes('/') ? parseCidr(a) : null;
    if (ip && !('error' in ip)) ips.push(ip);
  });
  return { name: r.string(['metadata', 'name']) ?? '', ips };
}

/**
 * Where an endpoint runs: the node named at `nameField` with that Node's addresses, plus
 * addresses the object itself gives for its node (a pod's `status.hostIP` / `status.hostIPs`).
 * Undefined when neither is known.
 */
export function readPlacement(r: ObjectReader, nameField: FieldPath, nodes: NodeAddresses, hostIpFields: readonly FieldPath[] = []): NodePlacement | undefined {
  const nameValue = r.get(nameField);
  const name = typeof nameValue === 'string' && nameValue !== '' ? nameValue : undefined;
  const ips: IpRange[] = [...(name ? nodes.get(name) ?? [] : [])];
  for (const f of hostIpFields) {
    const v = r.get(f);
    const texts = Array.isArray(v) ? v.map((x) => (x as { ip?: unknown } | null)?.ip) : [v];
    for (const t of texts) {
      const ip = typeof t === 'string' ? parseCidr(t) : null;
      if (ip && !('error' in ip) && !ips.some((x) => x.v === ip.v && x.lo === ip.lo && x.hi === ip.hi)) ips.push(ip);
    }
  }
  if (!name && ips.length === 0) return undefined;
  return name ? { name, ips } : { ips };
}
