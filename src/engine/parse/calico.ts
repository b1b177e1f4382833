import type { FieldPath } from '../model/source';
import type { Action, Direction, Policy, PolicyKind, PortMatch, Rule } from '../model/policy';
import type { IpRange } from '../net/ip';
import { andSelectors, prefixLabelKeys, replaceAllNode, type SelectorNode } from '../selector';
import { hasPorts, isIcmp, PROTO, protocolNumber } from '../net';
import type { ObjectReader} from './context';
import { toSelector } from './context';
import { combineEntity, HAS_NAMESPACE, inNamespace, type EntityFields } from './entity';
import { validateCalicoName, validateCalicoPolicyShape, validateGlobalSelectors } from './calico-validate';
import { readServicesMatch } from './services-match';

const ACTIONS: readonly Action[] = ['Allow', 'Deny', 'Pass', 'Log'];
const NAMED_PORT = /^[a-zA-Z0-9_.-]{1,128}$/;

/** Calico kinds this compiler reads, with whether they are namespaced and staged. */
export const CALICO_POLICY_KINDS: Record<string, { kind: PolicyKind; namespaced: boolean; staged: boolean }> = {
  NetworkPolicy: { kind: 'NetworkPolicy', namespaced: true, staged: false },
  GlobalNetworkPolicy: { kind: 'GlobalNetworkPolicy', namespaced: false, staged: false },
  StagedNetworkPolicy: { kind: 'StagedNetworkPolicy', namespaced: true, staged: true },
  StagedGlobalNetworkPolicy: { kind: 'StagedGlobalNetworkPolicy', namespaced: false, staged: true },
};

/** Parses Calico port entries (SPEC §3.1 port syntax): 80, "80", "1000:2000", or a name. */
function readPorts(r: ObjectReader, field: FieldPath): PortMatch[] | undefined {
  const list = r.array(field);
  if (!list) return undefined;
  const out: PortMatch[] = [];
  list.forEach((p, i) => {
    const f = [...field, i];
    if (typeof p === 'number') {
      if (!Number.isInteger(p) || p < 0 || p > 65535) r.report('NPC020', f, `port ${p} is out of range 0-65535`);
      else out.push({ kind: 'range', lo: p, hi: p });
      return;
    }
    if (typeof p !== 'string') {
      r.report('NPC020', f, 'a port is a number, a range "min:max" or a port name');
      return;
    }
    if (/^\d+$/.test(p)) {
      const n = Number(p);
      if (n > 65535) r.report('NPC020', f, `port ${p} is out of range 0-65535`);
      else out.push({ kind: 'range', lo: n, hi: n });
      return;
    }
    const m = /^(\d+):(\d+)$/.exec(p);
    if (m) {
      const lo = Number(m[1]);
      const hi = Number(m[2]);
      if (hi > 65535) r.report('NPC020', f, `port range ${p} goes beyond 65535`);
      else if (lo > hi) r.report('NPC020', f, `port range ${p} is backwards: the first port must not exceed the second`);
      else out.push({ kind: 'range', lo, hi });
      return;
    }
    if (!NAMED_PORT.test(p)) r.report('NPC020', f, `'${p}' is neither a port, a range "min:max" nor a valid port name`);
    else out.push({ kind: 'named', name: p });
  });
  return out;
}

function readProtocol(r: ObjectReader, field: FieldPath): number | undefined {
  const v = r.get(field);
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' || typeof v === 'number' ? protocolNumber(v) : undefined;
  if (n === undefined) r.report('NPC021', field, `unknown protocol '${String(v)}': use TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255`);
  return n;
}

function readIcmp(r: ObjectReader, field: FieldPath): { type?: number; code?: number } | undefined {
  const m = r.map(field);
  if (!m) return undefined;
  const type = r.number([...field, 'type']);
  const code = r.number([...field, 'code']);
  if (type !== undefined && (!Number.isInteger(type) || type < 0 || type > 254)) r.report('NPC023', [...field, 'type'], 'ICMP type must be 0-254');
  if (code !== undefined && (!Number.isInteger(code) || code < 0 || code > 255)) r.report('NPC023', [...field, 'code'], 'ICMP code must be 0-255');
  if (code !== undefined && type === undefined) r.report('NPC023', [...field, 'code'], 'an ICMP code needs a type');
  const out: { type?: number; code?: number } = {};
  if (type !== undefined) out.type = type;
  if (code !== undefined) out.code = code;
  return out;
}

function readEntity(r: ObjectReader, field: FieldPath, ns: string, rule: { protocol?: number }): EntityFields | undefined {
  const m = r.map(field);
  const f: EntityFields = {};
  if (!m) return f;
  const sel = r.selectorAst([...field, 'selector']);
  const notSel = r.selectorAst([...field, 'notSelector']);
  const nsSel = r.selectorAst([...field, 'namespaceSelector']);
  if (sel === undefined || notSel === undefined || nsSel === undefined) return undefined;
  f.selector = sel;
  f.notSelector = notSel;
  f.namespaceSelector = nsSel;
  const nets = r.cidrs([...field, 'nets']);
  if (nets) f.nets = nets;
  const notNets = r.cidrs([...field, 'notNets']);
  if (notNets) f.notNets = notNets;
  const sa = r.map([...field, 'serviceAccounts']);
  if (sa) {
    const names = r.array([...field, 'serviceAccounts', 'names']);
    if (names) f.serviceAccountNames = names.filter((n): n is string => typeof n === 'string');
    const saSel = r.selectorAst([...field, 'serviceAccounts', 'selector']);
    if (saSel === undefined) return undefined;
    f.serviceAccountSelector = saSel;
  }
  for (const key of ['ports', 'notPorts'] as const) {
    const ports = readPorts(r, [...field, key]);
    if (!ports) continue;
    // SPEC §3.1: numeric ports need TCP/UDP/SCTP; a portless protocol takes no ports at all.
    const numeric = ports.some((p) => p.kind === 'range');
    if (rule.protocol !== undefined && !hasPorts(rule.protocol) && ports.length > 0) {
      r.report('NPC022', [...field, key], `protocol ${rule.protocol} has no ports; remove ${key} or use TCP, UDP or SCTP`);
      return undefined;
    }
    if (rule.protocol === undefined && numeric) {
      r.report('NPC022', [...field, key], `numeric ${key} need a protocol (TCP, UDP or SCTP) on the rule`);
      return undefined;
    }
    f[key] = ports;
  }
  if (r.get([...field, 'services']) !== undefined) {
    // SPEC §3.6: resolved through the Service's EndpointSlices when evaluated.
    const services = readServicesMatch(r, field, ns);
    if (!services) return undefined;
    f.services = services;
  }
  return f;
}

/**
 * SPEC §3.1: one rule's CIDRs (nets and notNets of both sides together) must all be of one IP
 * version, and of the rule's `ipVersion` when it has one; ICMP needs ipVersion 4 (or none) and
 * ICMPv6 ipVersion 6 (or none), in protocol or notProtocol. The API server rejects the policy
 * otherwise (Calico's rule validator). Reported on the first list that breaks it, in the
 * validator's order.
 */
function checkIpVersions(r: ObjectReader, field: FieldPath, ipv: unknown, protocols: readonly (number | undefined)[], src: EntityFields, dst: EntityFields): void {
  const wrongIcmp = (ipv === 6 && protocols.includes(PROTO.ICMP)) || (ipv === 4 && protocols.includes(PROTO.ICMPv6));
  if (wrongIcmp) r.report('NPC031', [...field, 'ipVersion'], `ipVersion ${String(ipv)} contradicts the rule's ${ipv === 6 ? 'ICMP (IPv4)' : 'ICMPv6'} protocol`);
  const seen = new Set<4 | 6>();
  const lists: [string, string, IpRange[] | undefined][] = [
    ['source', 'nets', src.nets], ['source', 'notNets', src.notNets],
    ['destination', 'nets', dst.nets], ['destination', 'notNets', dst.notNets],
  ];
  for (const [side, key, nets] of lists) {
    for (const n of nets ?? []) seen.add(n.v);
    if ((ipv === 4 || ipv === 6) && (nets ?? []).some((n) => n.v !== ipv)) {
      r.report('NPC031', [...field, side, key], `the rule's ipVersion ${ipv} does not match the version of these CIDRs`);
      return;
    }
    if (seen.size > 1) {
      r.report('NPC031', [...field, side, key], 'a rule cannot mix IPv4 and IPv6 CIDRs: split it into one rule per IP version');
      return;
    }
  }
}

function readRule(r: ObjectReader, field: FieldPath, index: number, ns: string): Rule | undefined {
  const action = r.get([...field, 'action']);
  if (typeof action !== 'string' || !ACTIONS.includes(action as Action)) {
    r.report('NPC040', [...field, 'action'], `action must be one of Allow, Deny, Pass, Log (got ${action === undefined ? 'nothing' : `'${String(action)}'`})`);
    return undefined;
  }
  const protocol = readProtocol(r, [...field, 'protocol']);
  const notProtocol = readProtocol(r, [...field, 'notProtocol']);
  const icmp = readIcmp(r, [...field, 'icmp']);
  const notIcmp = readIcmp(r, [...field, 'notICMP']);
  if ((icmp || notIcmp) && (protocol === undefined || !isIcmp(protocol))) {
    r.report('NPC023', [...field, icmp ? 'icmp' : 'notICMP'], 'icmp/notICMP need protocol ICMP or ICMPv6');
  }
  const ipv = r.get([...field, 'ipVersion']);
  if (ipv !== undefined && ipv !== 4 && ipv !== 6) r.report('NPC005', [...field, 'ipVersion'], 'ipVersion must be 4 or 6');
  const ctx = protocol === undefined ? {} : { protocol };
  const src = readEntity(r, [...field, 'source'], ns, ctx);
  const dst = readEntity(r, [...field, 'destination'], ns, ctx);
  if (!src || !dst) return undefined;
  checkIpVersions(r, field, ipv, [protocol, notProtocol], src, dst);
  const rule: Rule = {
    action: action as Action, index,
    source: combineEntity(src, ns), destination: combineEntity(dst, ns),
    range: r.obj.locate(field),
  };
  const portsAt: NonNullable<Rule['portsAt']> = {};
  for (const side of ['source', 'destination'] as const) {
    if (r.get([...field, side, 'ports']) !== undefined) portsAt[side] = r.obj.locate([...field, side, 'ports']);
    else if (r.get([...field, side, 'notPorts']) !== undefined) portsAt[side] = r.obj.locate([...field, side, 'notPorts']);
  }
  if (portsAt.source || portsAt.destination) rule.portsAt = portsAt;
  if (ipv === 4 || ipv === 6) rule.ipVersion = ipv;
  if (protocol !== undefined) rule.protocol = protocol;
  if (notProtocol !== undefined) rule.notProtocol = notProtocol;
  if (icmp) rule.icmp = icmp;
  if (notIcmp) rule.notIcmp = notIcmp;
  return rule;
}

/** Compiles the rules of one direction (policies and profiles share the rule syntax). */
export function compileRules(r: ObjectReader, dir: Direction, ns: string): Rule[] {
  const out: Rule[] = [];
  (r.array(['spec', dir]) ?? []).forEach((_, i) => {
    const rule = readRule(r, ['spec', dir, i], i, ns);
    if (rule) out.push(rule);
  });
  return out;
}

/** Compiles a Calico NetworkPolicy / GlobalNetworkPolicy (and staged variants) (SPEC §1.2-1.4, §4.3). */
export function compileCalicoPolicy(r: ObjectReader, kindName: string): Policy | undefined {
  const info = CALICO_POLICY_KINDS[kindName];
  if (!info) return undefined;
  const name = r.string(['metadata', 'name']) ?? '';
  const ns = info.namespaced ? r.string(['metadata', 'namespace']) ?? 'default' : '';
  if (info.staged && r.get(['spec', 'stagedAction']) === 'Delete') return undefined; // SPEC §4.9: never evaluated
  validateCalicoPolicyShape(r, !info.namespaced, info.staged);
  validateCalicoName(r, kindName);
  validateGlobalSelectors(r, !info.namespaced);
  const tier = r.string(['spec', 'tier']) || 'default';
  const orderRaw = r.get(['spec', 'order']);
  let order = Number.POSITIVE_INFINITY;
  if (orderRaw !== undefined && orderRaw !== null) {
    if (typeof orderRaw === 'number' && Number.isFinite(orderRaw)) order = orderRaw;
    else r.report('NPC042', ['spec', 'order'], `order must be a number (got '${String(orderRaw)}')`);
  }

  const sel = r.selectorAst(['spec', 'selector']);
  const nsSel = info.namespaced ? null : r.selectorAst(['spec', 'namespaceSelector']);
  const saSel = r.selectorAst(['spec', 'serviceAccountSelector']);
  if (sel === undefined || nsSel === undefined || saSel === undefined) return undefined;

  // SPEC §4.3: how each kind's policy selector is scoped.
  let selector: SelectorNode;
  if (info.namespaced) {
    selector = andSelectors(sel ?? { kind: 'all' }, inNamespace(ns));
    if (saSel) selector = andSelectors(selector, prefixLabelKeys(saSel, 'pcsa.'));
  } else {
    selector = sel ?? { kind: 'all' };
    // Calico replaces all() in the whole combined text, the policy selector included.
    if (nsSel) selector = replaceAllNode(andSelectors(selector, prefixLabelKeys(nsSel, 'pcns.')), HAS_NAMESPACE);
    if (saSel) {
      selector = replaceAllNode(andSelectors(selector, prefixLabelKeys(saSel, 'pcsa.')),
        { kind: 'has', label: 'projectcalico.org/serviceaccount' });
    }
  }

  const rules: Record<Direction, Rule[]> = { ingress: compileRules(r, 'ingress', ns), egress: compileRules(r, 'egress', ns) };
  const types = readTypes(r, (r.array(['spec', 'ingress']) ?? []).length > 0, (r.array(['spec', 'egress']) ?? []).length > 0);
  const nameInTier = tier === 'default' || name.startsWith(`${tier}.`) ? (tier === 'default' ? `default.${name}` : name) : `${tier}.${name}`;
  const staged = info.staged ? 'staged:' : '';
  return {
    id: { kind: info.kind, ...(info.namespaced ? { namespace: ns } : {}), name, tier },
    order, staged: info.staged, selector: toSelector(selector), types,
    ingress: rules.ingress, egress: rules.egress, range: r.obj.range,
    at: { selector: r.obj.locate(['spec', 'selector']), tier: r.obj.locate(['spec', 'tier']), types: r.obj.locate(['spec', 'types']) },
    sortKey: info.namespaced ? `${ns}/${staged}${nameInTier}` : `${staged}${nameInTier}`,
  };
}

/** SPEC §1.2 defaulting: no egress rules → [Ingress]; only egress rules → [Egress]; both → both. */
function readTypes(r: ObjectReader, hasIngress: boolean, hasEgress: boolean): Set<Direction> {
  const list = r.array(['spec', 'types']);
  if (!list || list.length === 0) {
    if (hasEgress && !hasIngress) return new Set(['egress']);
    if (hasEgress && hasIngress) return new Set(['ingress', 'egress']);
    return new Set(['ingress']);
  }
  const out = new Set<Direction>();
  list.forEach((t, i) => {
    if (t === 'Ingress') out.add('ingress');
    else if (t === 'Egress') out.add('egress');
    else r.report('NPC041', ['spec', 'types', i], `policy type must be Ingress or Egress (got '${String(t)}')`);
  });
  return out;
}
