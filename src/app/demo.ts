/**
 * The seed article's cluster and its zero-trust walkthrough. The YAML lives in
 * examples/walkthrough/ (one source for the app, the CLI example and the tests); each step's
 * file is what a user would `calicoctl apply -f`, and the walkthrough writes it into
 * `policies.yaml`.
 */
import cluster from '../../examples/walkthrough/cluster.yaml?raw';
import step1 from '../../examples/walkthrough/step-1.yaml?raw';
import step2 from '../../examples/walkthrough/step-2.yaml?raw';
import step3 from '../../examples/walkthrough/step-3.yaml?raw';

export const CLUSTER_PATH = 'cluster.yaml';
export const POLICIES_PATH = 'policies.yaml';
export const DEMO_CLUSTER: string = cluster;

/** One step of the walkthrough. */
export interface WalkthroughStep {
  title: string;
  text: string;
  /** The whole content of policies.yaml after this step. */
  policies: string;
}

export const WALKTHROUGH: readonly WalkthroughStep[] = [
  {
    title: 'No policy',
    text: 'A fresh cluster is flat: every pod reaches every pod and the internet, and the internet reaches every pod.',
    policies: '# No policies yet: everything is allowed.\n',
  },
  {
    title: 'Default deny',
    text: 'A Calico GlobalNetworkPolicy selects every pod outside kube-system for ingress and egress and has no rules: the default tier\'s end-of-tier deny blocks everything. kube-system is left out so cluster DNS keeps serving; busybox\'s own lookups fail until step 2.',
    policies: step1,
  },
  {
    title: 'Allow busybox egress',
    text: 'A Calico NetworkPolicy in namespace shams allows every connection busybox opens. busybox now reaches kube-dns and the internet, but not nginx: nginx\'s ingress is still closed by the default deny.',
    policies: step2,
  },
  {
    title: 'Allow nginx ingress from busybox',
    text: 'A Calico NetworkPolicy in namespace default lets busybox (and only busybox) into nginx. The reverse direction stays denied.',
    policies: step3,
  },
];
