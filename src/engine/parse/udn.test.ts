import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../index';

const ns = (name: string, primaryLabel = true) => `
apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels: {${primaryLabel ? 'k8s.ovn.org/primary-user-defined-network: ""' : ''}}
`;
const udn = (name: string, namespace: string, spec: string) => `
apiVersion: k8s.ovn.org/v1
kind: UserDefinedNetwork
metadata: {name: ${name}, namespace: ${namespace}}
spec: ${spec}
`;
const L2_PRIMARY = '{topology: Layer2, layer2: {role: Primary, subnets: [10.10.0.0/16], ipam: {lifecycle: Persistent}}}';
const L3_PRIMARY = '{topology: Layer3, layer3: {role: Primary, subnets: [{cidr: 10.20.0.0/16, hostSubnet: 24}]}}';
const cudn = (name: string, selector: string, network = L2_PRIMARY) => `
apiVersion: k8s.ovn.org/v1
kind: ClusterUserDefinedNetwork
metadata: {name: ${name}}
spec: {namespaceSelector: ${selector}, network: ${network}}
`;

function diags(...docs: string[]) {
  const s = analyzeWorkspace([{ path: 'udn.yaml', text: docs.join('---') }]);
  return s.result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, field: d.field ?? '', message: d.message }));
}
const errors = (d: ReturnType<typeof diags>) => d.filter((x) => x.severity === 'error');

describe('UserDefinedNetwork / ClusterUserDefinedNetwork validation', () => {
  it('accepts valid networks and warns, once each, that their isolation is not evaluated', () => {
    const d = diags(ns('blue'), ns('green'), ns('red'), udn('a', 'blue', L2_PRIMARY), udn('b', 'green', L3_PRIMARY),
      cudn('c', '{matchLabels: {kubernetes.io/metadata.name: red}}'),
      udn('sec', 'blue', '{topology: Layer2, layer2: {role: Secondary}}'));
    expect(errors(d)).toEqual([]);
    expect(d.filter((x) => x.code === 'NPC081' && x.severity === 'warning')).toHaveLength(4);
  });

  it.each([
    ['a topology outside Layer2/Layer3', '{topology: Layer4, layer2: {role: Primary, subnets: [10.0.0.0/16]}}', 'spec.topology'],
    ['a role outside Primary/Secondary', '{topology: Layer3, layer3: {role: Admin, subnets: [{cidr: 10.0.0.0/16}]}}', 'spec.layer3.role'],
    ['a layer config that does not match the topology', '{topology: Layer2, layer3: {role: Primary, subnets: [{cidr: 10.0.0.0/16}]}}', 'spec.layer3'],
    ['a missing topology', '{layer2: {role: Primary, subnets: [10.0.0.0/16]}}', 'spec.topology'],
    ['a missing role', '{topology: Layer2, layer2: {subnets: [10.0.0.0/16]}}', 'spec.layer2.role'],
    ['a Layer3 network without subnets', '{topology: Layer3, layer3: {role: Secondary}}', 'spec.layer3'],
    ['a primary Layer2 network without subnets', '{topology: Layer2, layer2: {role: Primary}}', 'spec.layer2'],
    ['an out-of-range mtu', '{topology: Layer2, layer2: {role: Primary, mtu: 100, subnets: [10.0.0.0/16]}}', 'spec.layer2.mtu'],
    ['an out-of-range hostSubnet', '{topology: Layer3, layer3: {role: Primary, subnets: [{cidr: 10.0.0.0/16, hostSubnet: 200}]}}', 'spec.layer3.subnets[0].hostSubnet'],
  ])('rejects %s (NPC080, located)', (_, spec, field) => {
    const e = errors(diags(ns('blue'), udn('n', 'blue', spec)));
    expect(e.map((x) => [x.code, x.field])).toContainEqual(['NPC080', field]);
    expect(diags(ns('blue'), udn('n', 'blue', spec)).some((x) => x.code === 'NPC081')).toBe(false);
  });

  it('rejects a bad subnet CIDR (NPC030) and a ClusterUserDefinedNetwork without namespaceSelector', () => {
    expect(errors(diags(ns('blue'), udn('n', 'blue', '{topology: Layer2, layer2: {role: Primary, subnets: [10.0.0.0]}}'))).map((x) => x.code)).toContain('NPC030');
    const noSel = `\napiVersion: k8s.ovn.org/v1\nkind: ClusterUserDefinedNetwork\nmetadata: {name: c}\nspec: {network: ${L2_PRIMARY}}\n`;
    expect(errors(diags(noSel)).map((x) => x.code)).toContain('NPC080');
  });

  it('reports a second primary network of one namespace, from a UDN or a CUDN, on the later object', () => {
    const two = errors(diags(ns('blue'), udn('first', 'blue', L2_PRIMARY), udn('second', 'blue', L3_PRIMARY)));
    expect(two.map((x) => x.code)).toEqual(['NPC082']);
    expect(two[0]!.message).toContain('blue/second');
    const mixed = errors(diags(ns('red'), cudn('c', '{matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [red]}]}'), udn('u', 'red', L3_PRIMARY)));
    expect(mixed.map((x) => x.code)).toEqual(['NPC082']);
    // A secondary network next to a primary one, and a CUDN selecting other namespaces, are fine.
    expect(errors(diags(ns('blue'), ns('red'), udn('p', 'blue', L2_PRIMARY), udn('s', 'blue', '{topology: Layer2, layer2: {role: Secondary}}'),
      cudn('c', '{matchLabels: {kubernetes.io/metadata.name: red}}')))).toEqual([]);
  });

  it('warns (does not reject) a UDN named default or placed in default / openshift-* namespaces, or a namespace without the primary label', () => {
    for (const docs of [[ns('blue'), udn('default', 'blue', L2_PRIMARY)], [ns('default'), udn('n', 'default', L2_PRIMARY)], [ns('openshift-x'), udn('n', 'openshift-x', L2_PRIMARY)], [ns('plain', false), udn('n', 'plain', L2_PRIMARY)]]) {
      const d = diags(...docs);
      expect(errors(d)).toEqual([]);
      expect(d.filter((x) => x.code === 'NPC083' && x.severity === 'warning')).toHaveLength(1);
    }
  });
});
