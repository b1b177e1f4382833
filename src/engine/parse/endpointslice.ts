import type { EndpointSliceInfo, SlicePort } from '../model/service';
import { PROTO } from '../net';
import { parseCidr, type IpRange } from '../net/ip';
import type { ObjectReader } from './context';

/** The label tying an EndpointSlice to its Service (SPEC §3.6). */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

const ADDRESS_TYPES = new Set(['IPv4', 'IPv6', 'FQDN']);
const PROTOCOLS: Record<string, number> = { TCP: PROTO.TCP, UDP: PROTO.UDP, SCTP: PROTO.SCTP };

/**
 * Reads an EndpointSlice (discovery.k8s.io/v1) the way Calico's service index does (SPEC §3.6):
 * every address of every endpoint (readiness is not consulted), and each port that has a
 * number, TCP unless it says UDP or SCTP. FQDN slices have no IP addresses, so they match
 * nothing. A slice without the service-name label belongs to no Service (null).
 */
export function readEndpointSlice(r: ObjectReader): EndpointSliceInfo | null {
  const namespace = r.string(['metadata', 'namespace']) ?? 'default';
  const name = r.string(['metadata', 'name']) ?? '';
  const service = r.stringMap(['metadata', 'labels'])[SERVICE_NAME_LABEL];
  const addressType = r.get(['addressType']);
  if (typeof addressType !== 'string' || !ADDRESS_TYPES.has(addressType)) {
    r.report('NPC005', ['addressType'], `addressType must be IPv4, IPv6 or FQDN (got ${addressType === undefined ? 'nothing' : `'${String(addressType)}'`})`);
  }
  const addresses: IpRange[] = [];
  (r.array(['endpoints']) ?? []).forEach((_, i) => {
    if (addressType === 'FQDN') return;
    (r.array(['endpoints', i, 'addresses']) ?? []).forEach((a, j) => {
      const ip = typeof a === 'string' ? parseCidr(a) : { error: 'an address is a string' };
      if ('error' in ip) r.report('NPC030', ['endpoints', i, 'addresses', j], `endpoint address: ${ip.error}`, 'warning');
      else addresses.push(ip);
    });
  });
  const ports: SlicePort[] = [];
  (r.array(['ports']) ?? []).forEach((_, i) => {
    const port = r.get(['ports', i, 'port']);
    const protoText = r.get(['ports', i, 'protocol']) ?? 'TCP';
    const protocol = PROTOCOLS[String(protoText)];
    if (protocol === undefined) r.report('NPC021', ['ports', i, 'protocol'], `an EndpointSlice port protocol is TCP, UDP or SCTP (got '${String(protoText)}')`);
    if (port === undefined || port === null) return; // no number: no member (SPEC §3.6)
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      r.report('NPC020', ['ports', i, 'port'], 'an EndpointSlice port is a number 1-65535');
      return;
    }
    if (protocol !== undefined) ports.push({ protocol, port });
  });
  if (service === undefined) {
    r.report('NPC050', ['metadata', 'labels'], `EndpointSlice has no ${SERVICE_NAME_LABEL} label: it belongs to no Service and no services match sees it`, 'info');
    return null;
  }
  return { namespace, name, service: `${namespace}/${service}`, addresses, ports, range: r.obj.range };
}
