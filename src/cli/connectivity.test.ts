// Goldens: scenario files in, sorted one-pair-per-line text out. `UPDATE_GOLDEN=1 npx vitest
// run src/cli` rewrites them; the diff is then reviewed like code.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../engine';
import { readInputs } from './files';
import { ingressControllerRows, renderConnectivity, runConnectivity } from './connectivity';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = (name: string) => `${root}examples/walkthrough/${name}`;

function golden(name: string, actual: string): void {
  const file = `${root}fixtures/expected/walkthrough/${name}`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('connectivity CLI', () => {
  for (const step of [0, 1, 2, 3]) {
    it(`walkthrough step ${step} matches its golden file`, () => {
      const files = [example('cluster.yaml'), ...(step > 0 ? [example(`step-${step}.yaml`)] : [])];
      const { result } = analyzeWorkspace(readInputs(files, root));
      golden(`step-${step}.txt`, `${renderConnectivity(result, 'txt')}\n`);
    });
  }

  it('says what some members allow when a node\'s members differ (two nodes, each let into its own pod)', () => {
    const { result } = analyzeWorkspace(readInputs([`${root}fixtures/scenarios/node-placement.yaml`], root));
    expect(renderConnectivity(result, 'txt').split('\n')).toEqual([
      'a/db[Pod] => cluster nodes : All Connections',
      'a/db[Pod] => internet : All Connections',
      'a/web[Pod] => cluster nodes : All Connections',
      'a/web[Pod] => internet : All Connections',
      'cluster nodes => a/db[Pod] : No Connections (some members: All Connections)',
      'cluster nodes => a/web[Pod] : No Connections (some members: All Connections)',
    ]);
  });

  it('lists what the ingress controller reaches through an Ingress, where policy allows it', () => {
    const files = readInputs([`${root}fixtures/scenarios/ingress-exposure.yaml`], root);
    const open = analyzeWorkspace(files);
    expect(ingressControllerRows(open)).toEqual([{ src: '{ingress-controller}', dst: 'shop/web[Deployment]', conn: 'TCP 8080' }]);
    expect(renderConnectivity(open.result, 'txt', ingressControllerRows(open)).split('\n')).toContain('{ingress-controller} => shop/web[Deployment] : TCP 8080');
    // Ingress to web closed: the controller reaches nothing.
    const closed = analyzeWorkspace([...files, { path: 'deny.yaml', text: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n' }]);
    expect(ingressControllerRows(closed)).toEqual([]);
    // No Ingress or Route: no controller at all.
    expect(ingressControllerRows(analyzeWorkspace(readInputs([example('cluster.yaml')], root)))).toEqual([]);
  });

  it('renders csv, json and md with the same rows', () => {
    const { result } = analyzeWorkspace(readInputs([example('cluster.yaml'), example('step-3.yaml')], root));
    expect(renderConnectivity(result, 'csv').split('\n')).toHaveLength(1 + 5);
    expect(JSON.parse(renderConnectivity(result, 'json'))).toContainEqual({ src: 'shams/busybox[Pod]', dst: 'default/nginx[Pod]', conn: 'All Connections' });
    expect(renderConnectivity(result, 'md')).toContain('| shams/busybox[Pod] | default/nginx[Pod] | All Connections |');
  });

  it('exits 1 with file:line:col messages when the input has errors', () => {
    const out: string[] = [];
    const err: string[] = [];
    const bad = `${root}fixtures/scenarios/bad-selector.yaml`;
    const code = runConnectivity([bad], 'txt', false, (s) => out.push(s), (s) => err.push(s));
    expect(code).toBe(1);
    expect(err).toContainEqual(expect.stringMatching(/^fixtures\/scenarios\/bad-selector\.yaml:9:\d+: error NPC010 /));
  });
});
