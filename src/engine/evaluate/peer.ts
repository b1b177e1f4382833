import type { Endpoint } from '../model/endpoint';
import type { EntityMatch } from '../model/policy';
import { rangeContains, rangesOverlap, type IpRange } from '../net/ip';

/**
 * One end of a connection: a workload endpoint, or a block of external addresses split so that
 * every address in it behaves the same for every CIDR in the workspace (SPEC §4.8).
 */
export type Peer = { type: 'endpoint'; ep: Endpoint } | { type: 'block'; block: IpRange };

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
 * SPEC §3.2 step 4/5 without ports: nets, notNets, positive selector P and negative selector N
 * of one rule side against the peer at that side. A pod whose IP the workspace does not know
 * is in no CIDR. External blocks own no labels yet (network sets come with the next engine
 * version), so P never matches them and N never excludes them.
 */
export function sideMatchesPeer(side: EntityMatch, peer: Peer): boolean {
  if (side.nets && !inAny(side.nets, peer)) return false;
  if (side.notNets && touchesAny(side.notNets, peer)) return false;
  if (peer.type === 'endpoint') {
    if (side.positive && !side.positive.match(peer.ep.labels)) return false;
    if (side.negative && side.negative.match(peer.ep.labels)) return false;
    return true;
  }
  return side.positive === null;
}
