/**
 * The seed article's cluster and its zero-trust walkthrough. The YAML lives in
 * examples/walkthrough/ (one source for the app, the CLI example and the tests); each step's
 * file is what a user would `calicoctl apply -f`, and the walkthrough writes it into
 * `policies.yaml`.
 */
import cluster from '../../examples/walkthrough/cluster.yaml?raw';
import step0 from '../../examples/walkthrough/step-0.yaml?raw';
import step1 from '../../examples/walkthrough/step-1.yaml?raw';
import step2 from '../../examples/walkthrough/step-2.yaml?raw';
import step3 from '../../examples/walkthrough/step-3.yaml?raw';
import step4 from '../../examples/walkthrough/step-4.yaml?raw';
import step5 from '../../examples/walkthrough/step-5.yaml?raw';
import flows from '../../examples/walkthrough/flows.ndjson?raw';

export const CLUSTER_PATH = 'cluster.yaml';
export const POLICIES_PATH = 'policies.yaml';
export const DEMO_CLUSTER: string = cluster;
/**
 * The demo's flow log: a Calico flow log (flow-formats.md §1) of the flat cluster, two
 * five-minute windows, each connection logged at both ends. Loaded on first start, so the
 * staged default deny of step 0 shows on the graph which of these flows it would break.
 */
export const DEMO_FLOWS_PATH = 'demo-flows.ndjson';
export const DEMO_FLOWS: string = flows;

/** One step of the walkthrough. */
export interface WalkthroughStep {
  title: string;
  text: string;
  /** The whole content of policies.yaml after this step. */
  policies: string;
}

export const WALKTHROUGH: readonly WalkthroughStep[] = [
  {
    title: 'Nothing enforced; a default deny staged',
    text: 'A fresh cluster is flat: every pod reaches every pod and the internet, and the internet reaches every pod. Step 1\'s default deny is staged: it enforces nothing, but the dashed halos show what it would deny, and the red badges count the flows of the demo\'s flow log it would break.',
    policies: step0,
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
  {
    title: 'Draft: nginx takes HTTPS only',
    text: 'A StagedNetworkPolicy orders nginx to take only TCP 443 from busybox. Nothing changes yet; the graph\'s badge and the draft tab show the flows it would break (busybox\'s plain HTTP). Enforce it on the board, or take step 5.',
    policies: `${step3}---\n${step4}`,
  },
  {
    title: 'Enforce the draft',
    text: 'The draft promoted: a NetworkPolicy of the same spec. busybox reaches nginx on 443 only; the flows the draft counted are denied now.',
    policies: `${step3}---\n${step5}`,
  },
];
