import type { Endpoint } from '../model/endpoint';
import type { EntityMatch } from '../model/policy';
import type { LabelLookup } from '../selector';
import { rangeContains, rangesOverlap, type IpRange } from '../net/ip';
import { ConnSet } from '../net';
import { serviceKey } from '../model/service';

/**
 * One end of a connection: a policy endpoint (pod or host endpoint), or a block of addresses
 * split so that every address in it behaves the same for every range in the workspace
 * (SPEC §4.8). `owners` are the label sets of every entity whose addresses contain it: the
 * endpoint itself, and network sets whose nets contain its address (SPEC §3.3 IP-set semantics).
 */
export type Peer = (
  | { type: 'endpoint'; ep: Endpoint; owners: readonly LabelLookup[] }
  | { type: 'block'; block: IpRange; owners: readonly LabelLookup[] }
  /**
   * A host-networked pod: its node's address (its status IP, when given), which no selector
   * sees (SPEC §6.33); `ep` is kept for naming and explanations only.
   */
  | { type: 'host'; ep: Endpoint; owners: readonly LabelLookup[] }
) & {
  /**
   * SPEC §3.6: the Services (`namespace/name`) whose EndpointSlices list this peer's address,
   * each with the (protocol, port) pairs those slices give it; absent: backs none.
   */
  backs?: ReadonlyMap<string, ConnSet>;
};

/**
 * SPEC §3.5, §1.7: the endpoint whose declared named ports a rule can match at this peer, if
 * any. Named ports match through (address, protocol, port) tuples, so only endpoints count
 * (never address blocks or host-networked pods), and a HostEndpoint only with expectedIPs
 * (without them it has no address there). Pods whose IP the workspace does not know keep
 * matching by their declarations (the convention used for selectors too).
 */
export function namedPortEndpoint(peer: Peer): Endpoint | undefined {
  if (peer.type !== 'endpoint') return undefined;
  if (peer.ep.kind === 'hep' && peer.ep.ips.length === 0) return undefined;
  return peer.ep;
}

/** IP version of a peer, when known (pods without status IPs are version-agnostic). */
export function peerIpVersion(p: Peer): 4 | 6 | undefined {
  if (p.type === 'block') return p.block.v;
  return p.ep.ips[0]?.v;
}

function inAny(ranges: readonly IpRange[], peer: Peer): boolean {
  if (peer.type === 'block') return ranges.some((r) => rangeContains(r, peer.block));
  return peer.ep.ips.some((ip) => ranges.some((r) => rangeContains(r, ip)));
}

function touchesAny(ranges: readonly IpRange[], peer: Peer): boolean {
  if (peer.type === 'block') return ranges.some((r) => rangesOverlap(r, peer.block));
  return peer.ep.ips.some((ip) => ranges.some((r) => rangesOverlap(r, ip)));
}

/**
 * SPEC §3.2 steps 4/5 without ports: nets, notNets, the positive selector P (some owner
 * matches) and the negative selector N (no owner matches). A pod whose IP the workspace does
 * not know is in no CIDR (the corpus tools' convention; noted as a limitation). A
 * host-networked pod is matched by its IPs (its node's) and has no owners. A services match
 * needs the peer to be a backend of that Service.
 */
export function sideMatchesPeer(side: EntityMatch, peer: Peer): boolean {
  if (side.nets && !inAny(side.nets, peer)) return false;
  if (side.notNets && touchesAny(side.notNets, peer)) return false;
  if (side.positive && !peer.owners.some((o) => side.positive!.match(o))) return false;
  if (side.negative && peer.owners.some((o) => side.negative!.match(o))) return false;
  // SPEC §3.6: a backend address of the Service (a destination also needs a listed port, see ruleConnections).
  if (side.services && !peer.backs?.has(serviceKey(side.services))) return false;
  return true;
}

/**
 * SPEC §3.6: the connections a destination `services` match allows towards `dst`: the
 * (protocol, port) pairs the Service's EndpointSlices list for `dst`'s address (none when it
 * is not a backend). Null when the side has no services match (no restriction).
 */
export function servicePorts(side: EntityMatch, dst: Peer): ConnSet | null {
  if (!side.services) return null;
  return dst.backs?.get(serviceKey(side.services)) ?? ConnSet.none();
}
