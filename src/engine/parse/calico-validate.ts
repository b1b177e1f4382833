import type { FieldPath } from '../model/source';
import type { ObjectReader } from './context';
import { tokenize } from '../selector';

// Fields of projectcalico.org/v3 policies and profiles (calicoctl unmarshals strictly and the API
// server validates fields strictly: anything else is rejected).
const POLICY_SPEC = ['tier', 'order', 'selector', 'serviceAccountSelector', 'types', 'ingress', 'egress', 'performanceHints'];
const PROFILE_SPEC = ['ingress', 'egress', 'labelsToApply'];
const GLOBAL_ONLY = ['namespaceSelector', 'doNotTrack', 'preDNAT', 'applyOnForward'];
const RULE = ['action', 'ipVersion', 'protocol', 'notProtocol', 'icmp', 'notICMP', 'source', 'destination', 'http', 'metadata'];
const ENTITY = ['nets', 'notNets', 'selector', 'notSelector', 'namespaceSelector', 'ports', 'notPorts', 'serviceAccounts', 'services', 'domains'];

function unknownKeys(r: ObjectReader, field: FieldPath, allowed: readonly string[], what: string): void {
  const v = r.get(field);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) r.report('NPC008', [...field, k], `unknown field '${k}' in ${what}`);
  }
}

/** Unknown fields of a Calico (Staged)(Global)NetworkPolicy spec, its rules and their entities. */
export function validateCalicoPolicyShape(r: ObjectReader, global: boolean, staged: boolean): void {
  const spec = [...POLICY_SPEC, ...(global ? GLOBAL_ONLY : []), ...(staged ? ['stagedAction'] : [])];
  unknownKeys(r, ['spec'], spec, global ? 'a GlobalNetworkPolicy spec' : 'a NetworkPolicy spec (namespaceSelector is for GlobalNetworkPolicy)');
  validateRuleShapes(r);
}

/**
 * Unknown fields of a Calico Profile: its spec is only rules and labelsToApply (no `types`,
 * `order` or `selector`: a profile applies to the endpoints that list it, in both directions).
 */
export function validateProfileShape(r: ObjectReader): void {
  unknownKeys(r, ['spec'], PROFILE_SPEC, 'a Profile spec (a profile has only ingress, egress and labelsToApply)');
  validateRuleShapes(r);
}

/** Calls `visit` with the direction and index of every rule in `spec.ingress` / `spec.egress` that are lists. */
function forEachRule(r: ObjectReader, visit: (dir: 'ingress' | 'egress', i: number) => void): void {
  for (const dir of ['ingress', 'egress'] as const) {
    const rules = r.get(['spec', dir]);
    if (!Array.isArray(rules)) continue;
    rules.forEach((_, i) => visit(dir, i));
  }
}

function validateRuleShapes(r: ObjectReader): void {
  forEachRule(r, (dir, i) => {
    unknownKeys(r, ['spec', dir, i], RULE, 'a rule');
    for (const side of ['source', 'destination']) unknownKeys(r, ['spec', dir, i, side], ENTITY, `a rule ${side}`);
  });
}

/** The selector text at `f` when it mentions `global(`. */
function globalText(r: ObjectReader, f: FieldPath): string | undefined {
  const v = r.get(f);
  return typeof v === 'string' && v.includes('global(') ? v : undefined;
}

/**
 * SPEC §2.3: `global()` only has a meaning in a rule's namespaceSelector, and there it must be
 * the whole selector. The API rejects (so the policy never exists):
 * - a policy `selector` / `serviceAccountSelector` (and a GlobalNetworkPolicy `namespaceSelector`)
 *   or a rule side's `selector` whose text contains `global(` (the CRD's CEL rules test the
 *   plain text, so even a string literal holding it counts);
 * - a rule side's `namespaceSelector` that contains `global(` but is not the single token
 *   `global()` (Calico's validateEntityRule): `global() || all()`, `!(global() && all())`, ...
 */
export function validateGlobalSelectors(r: ObjectReader, global: boolean): void {
  const text = (f: FieldPath) => globalText(r, f);
  for (const k of ['selector', 'serviceAccountSelector', ...(global ? ['namespaceSelector'] : [])]) {
    if (text(['spec', k]) !== undefined) r.report('NPC010', ['spec', k], 'global() can only be used in a rule namespaceSelector');
  }
  validateRuleGlobalSelectors(r);
}

/**
 * The rule part of {@link validateGlobalSelectors}. Calico validates every EntityRule this way,
 * wherever it appears: in a Profile's rules as in a policy's.
 */
export function validateRuleGlobalSelectors(r: ObjectReader): void {
  const text = (f: FieldPath) => globalText(r, f);
  forEachRule(r, (dir, i) => {
    for (const side of ['source', 'destination']) {
      const f: FieldPath = ['spec', dir, i, side];
      if (text([...f, 'selector']) !== undefined) r.report('NPC010', [...f, 'selector'], 'global() can only be used in a rule namespaceSelector');
      const ns = text([...f, 'namespaceSelector']);
      if (ns === undefined) continue;
      const t = tokenize(ns);
      // A selector that does not tokenize is already reported as a parse error.
      if (t.ok && (t.tokens.length > 2 || t.tokens[0]!.kind !== 'global')) {
        r.report('NPC010', [...f, 'namespaceSelector'], 'global() cannot be combined with other selectors: it must be the whole namespaceSelector');
      }
    }
  });
}

// Calico's own name rules (libcalico-go validator, both the v3.31 and v3.32 lines): every
// resource name is a DNS-1123 subdomain; tier names are one DNS-1123 label (they become part of
// policy names); NetworkPolicy names are a label or `label.label` (or a `knp.default.` /
// `ossg.default.` subdomain), GlobalNetworkPolicy names a label or `label.label`.
const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
const NAME_RULES: Record<string, { pattern: RegExp; rule: string }> = {
  Tier: { pattern: new RegExp(`^${LABEL}$`), rule: 'lowercase letters, digits and \'-\', no dots' },
  NetworkPolicy: {
    pattern: new RegExp(`^(${LABEL}(\\.${LABEL})?|(knp|ossg)\\.default\\.${SUBDOMAIN})$`),
    rule: 'lowercase letters, digits and \'-\', with at most one \'.\'',
  },
  GlobalNetworkPolicy: { pattern: new RegExp(`^(${LABEL}\\.)?${LABEL}$`), rule: 'lowercase letters, digits and \'-\', with at most one \'.\'' },
  NetworkSet: { pattern: new RegExp(`^${SUBDOMAIN}$`), rule: 'lowercase letters, digits, \'-\' and \'.\'' },
};
const NAME_RULE_OF: Record<string, string> = {
  Tier: 'Tier',
  NetworkPolicy: 'NetworkPolicy',
  StagedNetworkPolicy: 'NetworkPolicy',
  GlobalNetworkPolicy: 'GlobalNetworkPolicy',
  StagedGlobalNetworkPolicy: 'GlobalNetworkPolicy',
  NetworkSet: 'NetworkSet',
  GlobalNetworkSet: 'NetworkSet',
};

/**
 * NPC009 for a Calico object's name that calicoctl and the Calico API server refuse. A warning,
 * not an error: the name changes nothing in the evaluation, and other tools accept such names
 * (the external corpus is full of them), so the object is still evaluated as written.
 */
export function validateCalicoName(r: ObjectReader, kind: string): void {
  const rules = NAME_RULES[NAME_RULE_OF[kind] ?? ''];
  const name = r.get(['metadata', 'name']);
  if (!rules || typeof name !== 'string' || name === '') return;
  if (name.length <= 253 && rules.pattern.test(name)) return;
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  r.report('NPC009', ['metadata', 'name'],
    `calicoctl rejects the ${kind} name '${shown}': it must start and end with a lowercase letter or digit and hold only ${rules.rule} (evaluated anyway)`, 'warning');
}
