import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runExplain } from './explain';
import { runValidate } from './validate';

const root = fileURLToPath(new URL('../../', import.meta.url));
const step = (i: number) => [`${root}examples/walkthrough/cluster.yaml`, `${root}examples/walkthrough/step-${i}.yaml`];

function capture(fn: (out: (s: string) => void, err: (s: string) => void) => number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = fn((s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

describe('explain', () => {
  it('names the deciding policy and rule on both ends, exit 0 when allowed', () => {
    const r = capture((o, e) => runExplain('shams/busybox', 'default/nginx', 'TCP/80', step(3), o, e));
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('shams/busybox -> default/nginx TCP/80: ALLOWED');
    expect(r.out.join('\n')).toContain('Calico NetworkPolicy shams/default.allow-busybox-egress › rule 0: allow');
    expect(r.out.join('\n')).toContain('Calico NetworkPolicy default/default.allow-nginx-ingress-from-busybox › rule 0: allow');
  });

  it('shows the end-of-tier deny, exit 1 when denied; accepts node ids and addresses', () => {
    const r = capture((o, e) => runExplain('wl:default/Pod/nginx', 'shams/busybox[Pod]', 'UDP/53', step(3), o, e));
    expect(r.code).toBe(1);
    expect(r.out.join('\n')).toContain('end of tier: deny');
    const ext = capture((o, e) => runExplain('shams/busybox', '8.8.8.8', 'UDP/53', step(2), o, e));
    expect(ext.code).toBe(0);
    expect(ext.out.join('\n')).toContain('ingress of 8.8.8.8: not a workload endpoint, no policy enforced');
  });

  it('exit 2 for an unknown name or a bad probe', () => {
    expect(capture((o, e) => runExplain('shams/nope', 'default/nginx', 'TCP/80', step(3), o, e)).code).toBe(2);
    expect(capture((o, e) => runExplain('shams/busybox', 'default/nginx', 'TCP/http', step(3), o, e)).code).toBe(2);
  });
});

describe('validate', () => {
  it('exit 0 for the walkthrough, 1 with file:line:col for a broken selector', () => {
    expect(capture((o) => runValidate(step(3), o)).code).toBe(0);
    const bad = capture((o) => runValidate([`${root}fixtures/scenarios/bad-selector.yaml`], o));
    expect(bad.code).toBe(1);
    expect(bad.out[0]).toMatch(/bad-selector\.yaml:9:17: error NPC010 invalid selector/);
  });
});
