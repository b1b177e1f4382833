/**
 * Kubernetes Services (`v1`): the selector and the ports, which Ingress / Route exposure
 * follows from a backend to pods and their target ports (../exposure/ingress.ts). Lenient: a
 * malformed port costs that port (with a diagnostic), never the Service.
 */
import type { Service, ServicePort } from '../model/service';
import { PROTO } from '../net';
import type { ObjectReader } from './context';

const PORT_PROTOCOLS: Record<string, number> = { TCP: PROTO.TCP, UDP: PROTO.UDP, SCTP: PROTO.SCTP };

const validPort = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;

/** Reads one Service. */
export function readService(r: ObjectReader): Service {
  const namespace = r.string(['metadata', 'namespace']) ?? 'default';
  const name = r.string(['metadata', 'name']) ?? '';
  const selectorMap = r.get(['spec', 'selector']) === undefined ? null : r.stringMap(['spec', 'selector']);
  // An absent or empty selector leaves the endpoints to be managed by hand: no pod is selected.
  const selector = selectorMap && Object.keys(selectorMap).length > 0 ? selectorMap : null;
  const ports: ServicePort[] = [];
  (r.array(['spec', 'ports']) ?? []).forEach((_, i) => {
    const f = ['spec', 'ports', i];
    const port = r.get([...f, 'port']);
    if (!validPort(port)) {
      r.report('NPC020', [...f, 'port'], 'a Service port must be a number from 1 to 65535; this port is ignored');
      return;
    }
    const protoText = r.get([...f, 'protocol']) ?? 'TCP';
    const protocol = PORT_PROTOCOLS[String(protoText)];
    if (protocol === undefined) {
      r.report('NPC021', [...f, 'protocol'], `a Service port protocol is TCP, UDP or SCTP (got ${String(protoText)}); this port is ignored`);
      return;
    }
    const portName = r.get([...f, 'name']);
    const target = r.get([...f, 'targetPort']);
    const entry: ServicePort = { name: typeof portName === 'string' ? portName : '', protocol, port };
    if (validPort(target) || (typeof target === 'string' && target !== '')) entry.targetPort = target;
    else if (target !== undefined && target !== null) {
      r.report('NPC020', [...f, 'targetPort'], 'targetPort must be a port number from 1 to 65535 or a container port name; this port is ignored');
      return;
    }
    ports.push(entry);
  });
  return { namespace, name, selector, ports, range: r.obj.range };
}
