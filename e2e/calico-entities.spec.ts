import { expect, test } from '@playwright/test';
import type {} from '../src/app/api';
import { AppPage } from './pages/app';

const WORKSPACE = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: node-agent, namespace: shop, labels: {app: agent}}
spec: {hostNetwork: true, containers: [{name: c}]}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: {name: partners, labels: {zone: partners}}
spec: {nets: [198.51.100.0/24]}
---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata: {name: worker-1-eth0, labels: {role: worker}}
spec: {node: worker-1, interfaceName: eth0, expectedIPs: [192.0.2.10], profiles: [projectcalico-default-allow]}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: api-egress}
spec:
  selector: app == "api"
  types: [Egress]
  egress:
    - action: Allow
      protocol: TCP
      destination: {selector: zone == "partners", ports: [443]}
    - action: Allow
      destination: {selector: role == "worker"}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: isolate-agent, namespace: shop}
spec:
  podSelector: {matchLabels: {app: agent}}
  policyTypes: [Ingress, Egress]
`;

test('network sets, host endpoints and host-networked pods are drawn and coloured', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const diags = await page.evaluate((t) => window.netpolCanvas!.loadYaml(t), WORKSPACE);
  expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
  const ids = await page.evaluate(() => window.netpolCanvas!.listNodes().map((n) => `${n.kind} ${n.id}`).sort());
  expect(ids).toEqual([
    'external ext:internet',
    'hostendpoint hep:worker-1-eth0',
    'namespace ns:shop',
    'networkset gnetset:partners',
    'workload wl:shop/Pod/api',
    'workload wl:shop/Pod/node-agent',
  ]);
  await app.expectVerdict('wl:shop/Pod/api', 'gnetset:partners', 'partial');
  await app.expectVerdict('wl:shop/Pod/api', 'hep:worker-1-eth0', 'allow');
  await app.expectVerdict('wl:shop/Pod/api', 'ext:internet', 'deny');
  // The policy selecting the host-networked agent has no effect on it (SPEC §6.33).
  await app.expectVerdict('wl:shop/Pod/node-agent', 'ext:internet', 'allow');
  await expect(page.locator('[data-id="gnetset:partners"]')).toContainText('global network set');
  await expect(page.locator('[data-id="wl:shop/Pod/node-agent"]')).toContainText('host network');
  const v = await page.evaluate(() => window.netpolCanvas!.verdict('wl:shop/Pod/api', 'gnetset:partners', 'TCP/443'));
  expect(v).toMatchObject({ verdict: 'allow', connections: 'TCP 443' });
  expect(app.outsideRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
