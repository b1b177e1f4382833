import {
  andSelectors, prefixLabelKeys, replaceAllNode, replaceGlobalNode, type SelectorNode,
} from '../selector';
import type { EntityMatch, PortMatch } from '../model/policy';
import type { IpRange } from '../net/ip';
import type { ServiceRef } from '../model/service';
import { toSelector } from './context';

/** `has(projectcalico.org/namespace)`: what `all()` means where only namespaced entities count. */
export const HAS_NAMESPACE: SelectorNode = { kind: 'has', label: 'projectcalico.org/namespace' };
const NOT_HAS_NAMESPACE: SelectorNode = { kind: 'not', expr: HAS_NAMESPACE };

/** `projectcalico.org/namespace == '<ns>'`: the implicit scope of namespaced policies. */
export function inNamespace(ns: string): SelectorNode {
  return { kind: 'eq', label: 'projectcalico.org/namespace', value: ns };
}

/**
 * SPEC §3.3: a namespaceSelector is matched against namespace labels, which endpoints carry
 * as `pcns.<key>`; `all()` means "any namespaced entity" and `global()` "no namespace".
 * Rewriting the AST mirrors Calico's textual rewrite, including the `!all()` quirk.
 */
export function rewriteNamespaceSelector(ns: SelectorNode): SelectorNode {
  return replaceGlobalNode(replaceAllNode(prefixLabelKeys(ns, 'pcns.'), HAS_NAMESPACE), NOT_HAS_NAMESPACE);
}

/** The fields of a source/destination entity before the §3.3 combination. */
export interface EntityFields {
  nets?: IpRange[];
  notNets?: IpRange[];
  selector?: SelectorNode | null;
  notSelector?: SelectorNode | null;
  namespaceSelector?: SelectorNode | null;
  serviceAccountNames?: string[];
  serviceAccountSelector?: SelectorNode | null;
  ports?: PortMatch[];
  notPorts?: PortMatch[];
  services?: ServiceRef;
}

/**
 * Builds the positive selector P and negative selector N of one rule side exactly as Calico's
 * datastore conversion does (SPEC §3.3). `policyNamespace` is '' for global policies.
 */
export function combineEntity(f: EntityFields, policyNamespace: string): EntityMatch {
  let nsPart: SelectorNode | null = null;
  if (f.namespaceSelector) nsPart = rewriteNamespaceSelector(f.namespaceSelector);
  else if (policyNamespace !== '') nsPart = inNamespace(policyNamespace);

  const saParts: SelectorNode[] = [];
  if (f.serviceAccountSelector) saParts.push(prefixLabelKeys(f.serviceAccountSelector, 'pcsa.'));
  if (f.serviceAccountNames && f.serviceAccountNames.length > 0) {
    saParts.push({ kind: 'in', label: 'projectcalico.org/serviceaccount', values: [...f.serviceAccountNames] });
  }
  const sParts = [...saParts];
  if (f.selector) sParts.push(f.selector);
  const s = sParts.length > 0 ? andSelectors(...sParts) : null;

  let positive: SelectorNode | null;
  // SPEC §3.3: the namespace scope is added only when some selector-ish field is used; a rule
  // with only nets/ports keeps P empty and matches traffic from anywhere.
  if (nsPart && (s || f.notSelector || f.namespaceSelector)) positive = s ? andSelectors(nsPart, s) : nsPart;
  else positive = s;

  const out: EntityMatch = {
    positive: positive ? toSelector(positive) : null,
    negative: f.notSelector ? toSelector(f.notSelector) : null,
  };
  if (f.nets) out.nets = f.nets;
  if (f.notNets) out.notNets = f.notNets;
  if (f.ports) out.ports = f.ports;
  if (f.notPorts) out.notPorts = f.notPorts;
  if (f.services) out.services = f.services;
  return out;
}
