import type { PolicyId, TraceStep } from '../../engine';
import type { PortClass } from '../../state/portClasses';

/** `wl:shams/Pod/busybox` → `shams/busybox`; `ext:internet` → `internet`, `pod:a/web-1` → `a/web-1`, `cidr:10.0.0.0/8` → `10.0.0.0/8`; other ids as they are. */
export function nodeName(id: string): string {
  const m = /^wl:([^/]+)\/[^/]+\/(.+)$/.exec(id);
  return m ? `${m[1]}/${m[2]}` : id.replace(/^(ext|pod|cidr):/, '');
}

const span = ([lo, hi]: readonly [number, number]) => (lo === hi ? String(lo) : `${lo}-${hi}`);

/** Destination or source ports: `80, 443, 8000-8080`; `all ports` for 1-65535. */
export function portsText(ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 1 && ranges[0]![0] === 1 && ranges[0]![1] === 65535) return 'all ports';
  return ranges.map(span).join(', ');
}

/** ICMP keys (`type * 256 + code`) as users write them: `type 8 code 0`, `types 0-3`, `all types`. */
export function icmpText(ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 1 && ranges[0]![0] === 0 && ranges[0]![1] === 254 * 256 + 255) return 'all types';
  return ranges.map(([lo, hi]) => {
    const [t1, c1, t2, c2] = [Math.floor(lo / 256), lo % 256, Math.floor(hi / 256), hi % 256];
    if (c1 === 0 && c2 === 255) return t1 === t2 ? `type ${t1}` : `types ${t1}-${t2}`;
    if (t1 === t2) return `type ${t1} code ${span([c1, c2])}`;
    return `type ${t1} code ${c1} to type ${t2} code ${c2}`;
  }).join(', ');
}

/** A port class's row: protocol column and what of it (ports, ICMP types, protocol numbers). */
export function classText(c: PortClass): { protocol: string; detail: string } {
  if (c.kind === 'others') return { protocol: 'other protocols', detail: c.ranges.map(span).join(', ') };
  if (c.kind === 'icmp') return { protocol: c.protocolName, detail: icmpText(c.ranges) };
  const from = c.srcPorts ? ` from source ports ${portsText(c.srcPorts)}` : '';
  return { protocol: c.protocolName, detail: `${portsText(c.ranges)}${from}` };
}

/** `Calico NetworkPolicy shams/allow-busybox-egress`: kind and name as written (the trace name is shown as its title). */
export function policyLabel(id: PolicyId): string {
  const kind = id.kind === 'KubernetesNetworkPolicy' ? 'K8s NetworkPolicy' : id.kind === 'StagedKubernetesNetworkPolicy' ? 'Staged K8s NetworkPolicy' : id.kind;
  return `${kind} ${id.namespace !== undefined ? `${id.namespace}/` : ''}${id.name}`;
}

/** What a step did, in a word or two: `allow`, `pass to the next tier`, `end of tier: deny`, `dropped`. */
export function stepOutcome(step: TraceStep): string {
  switch (step.kind) {
    case 'rule': return step.action === 'pass' ? 'pass to the next tier' : step.action === 'log' ? 'log, go on' : step.action;
    case 'end-of-tier': return `no rule matched, end of tier: ${step.action}`;
    case 'profile': return step.profile === null ? 'no profile allowed: dropped' : step.action;
    case 'own-node': return 'allow';
  }
}
