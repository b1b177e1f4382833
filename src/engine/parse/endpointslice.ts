import type { EndpointSliceInfo, SlicePort } from '../model/service';
import { PROTO } from '../net';
import { parseCidr, type IpRange } from '../net/ip';
import type { ObjectReader } from './context';
import type { FieldPath } from '../model/source';

/** The label tying an EndpointSlice to its Service (SPEC §3.6). */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

const ADDRESS_TYPES = new Set(['IPv4', 'IPv6', 'FQDN']);
const PROTOCOLS: Record<string, number> = { TCP: PROTO.TCP, UDP: PROTO.UDP, SCTP: PROTO.SCTP };

/**
 * Reads an EndpointSlice (discovery.k8s.io/v1) the way Calico's service index does (SPEC §3.6):
 * every address of every endpoint (readiness is not consulted), and each port that has a
 * number, TCP unless it says UDP or SCTP. FQDN slices have no IP addresses, so they match
 * nothing. A slice without the service-name label belongs to no Service, and one the API
 * server would reject (an address that is not an IP of the slice's addressType, a bad port or
 * protocol) is reported and not applied: null in both cases.
 */
export function readEndpointSlice(r: ObjectReader): EndpointSliceInfo | null {
  const namespace = r.string(['metadata', 'namespace']) ?? 'default';
  const name = r.string(['metadata', 'name']) ?? '';
  const service = r.stringMap(['metadata', 'labels'])[SERVICE_NAME_LABEL];
  const addressType = r.get(['addressType']);
  let valid = true;
  const bad = (code: 'NPC005' | 'NPC020' | 'NPC021' | 'NPC030', field: FieldPath, message: string) => {
    r.report(code, field, message);
    valid = false;
  };
  if (typeof addressType !== 'string' || !ADDRESS_TYPES.has(addressType)) {
    bad('NPC005', ['addressType'], `addressType must be IPv4, IPv6 or FQDN (got ${addressType === undefined ? 'nothing' : `'${String(addressType)}'`})`);
  }
  const addresses: IpRange[] = [];
  (r.array(['endpoints']) ?? []).forEach((_, i) => {
    (r.array(['endpoints', i, 'addresses']) ?? []).forEach((a, j) => {
      if (addressType === 'FQDN') return; // names, not addresses
      const ip = typeof a === 'string' && !a.includes('/') ? parseCidr(a) : null;
      const want = addressType === 'IPv6' ? 6 : 4;
      if (!ip || 'error' in ip || ip.v !== want) bad('NPC030', ['endpoints', i, 'addresses', j], `an endpoint address of an ${String(addressType)} slice is one IPv${want} address (got ${JSON.stringify(a)})`);
      else addresses.push(ip);
    });
  });
  const ports: SlicePort[] = [];
  (r.array(['ports']) ?? []).forEach((_, i) => {
    const port = r.get(['ports', i, 'port']);
    const protoText = r.get(['ports', i, 'protocol']) ?? 'TCP';
    const protocol = PROTOCOLS[String(protoText)];
    if (protocol === undefined) bad('NPC021', ['ports', i, 'protocol'], `an EndpointSlice port protocol is TCP, UDP or SCTP (got '${String(protoText)}')`);
    if (port === undefined || port === null) return; // no number: no member (SPEC §3.6)
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) bad('NPC020', ['ports', i, 'port'], 'an EndpointSlice port is a number 1-65535');
    else if (protocol !== undefined) ports.push({ protocol, port });
  });
  if (!valid) {
    r.report('NPC007', ['metadata', 'name'], `EndpointSlice '${name}' is not applied: the API server would reject it (see the errors above)`, 'info');
    return null;
  }
  if (service === undefined) {
    r.report('NPC050', ['metadata', 'labels'], `EndpointSlice has no ${SERVICE_NAME_LABEL} label: it belongs to no Service and no services match sees it`, 'info');
    return null;
  }
  return { namespace, name, service: `${namespace}/${service}`, addresses, ports, range: r.obj.range };
}
