import type { ReactNode } from 'react';
import type { SourceRange } from '../../engine';
import type { SideView, StepView } from '../../state/explanation';
import { useAppStore } from '../../state/store';
import { policyLabel, stepOutcome } from './format';

function OpenLink({ range, title, children, testId }: { range: SourceRange; title: string; children: ReactNode; testId: string }) {
  const reveal = useAppStore((s) => s.revealInEditor);
  return (
    <button type="button" className="npc-link" title={title} data-testid={testId} data-line={range.line}
      onClick={() => reveal(range.path, range.line, range.column)}>
      {children}
    </button>
  );
}

const Sep = () => <span className="npc-step-sep" aria-hidden="true">›</span>;

/** One hop: tier › policy › rule #n › action (links open the policy, or that rule, in the editor). */
function Step({ view }: { view: StepView }) {
  const { step, text, policyName } = view;
  const outcome = <span className={`npc-action npc-action-${step.action}`}>{stepOutcome(step)}</span>;
  let body: ReactNode;
  if (step.kind === 'rule') {
    body = (
      <>
        <span className="npc-step-tier">tier {step.tier}</span><Sep />
        <OpenLink range={step.policyRange} title={`open ${policyName ?? ''} in the editor`} testId="trace-policy">{policyLabel(step.policy)}</OpenLink>
        {step.staged ? <span className="npc-badge npc-badge-staged">staged</span> : null}<Sep />
        <OpenLink range={step.range} title={`open rule ${step.ruleIndex} of ${policyName ?? ''} in the editor`} testId="trace-rule">rule #{step.ruleIndex}</OpenLink><Sep />
        {outcome}
      </>
    );
  } else if (step.kind === 'end-of-tier') {
    body = (
      <>
        <span className="npc-step-tier">tier {step.tier}</span><Sep />
        <OpenLink range={step.range} title={`open ${policyName ?? ''} in the editor`} testId="trace-policy">{policyLabel(step.policy)}</OpenLink><Sep />
        {outcome}
      </>
    );
  } else if (step.kind === 'profile') {
    body = step.profile === null ? outcome : <>no policy decided<Sep />profile {step.profile}<Sep />rule #{step.ruleIndex}<Sep />{outcome}</>;
  } else {
    body = <>from the pod&apos;s own node{step.node ? ` ${step.node}` : ''}, no policy applies<Sep />{outcome}</>;
  }
  return (
    <li data-testid="trace-step" data-kind={step.kind} data-action={step.action} data-text={text}
      {...(policyName !== undefined ? { 'data-policy': policyName } : {})}
      {...(step.kind === 'rule' ? { 'data-rule': step.ruleIndex, 'data-staged': step.staged } : {})}>
      {body}
    </li>
  );
}

/** One side of the connection: its verdict and the hops that reached it, in evaluation order. */
export function SideTrace({ side, endpoint, testId }: { side: SideView; endpoint: string; testId: string }) {
  const title = `${side.direction} of ${endpoint}`;
  return (
    <section className="npc-side-trace" aria-label={title} data-testid={testId} data-allowed={side.allowed} data-enforced={side.enforced}>
      <h3>{title}: {side.enforced ? (side.allowed ? 'allowed' : 'denied') : 'not enforced'}</h3>
      {!side.enforced ? <p className="npc-empty">Not a workload endpoint: no policy is enforced here.</p> : (
        <ol className="npc-steps">{side.steps.map((v, i) => <Step key={i} view={v} />)}</ol>
      )}
      {side.assumedSourcePort !== undefined ? (
        <p className="npc-empty">No source port given: assumed {side.assumedSourcePort}, an ephemeral port (a rule here matches on source ports).</p>
      ) : null}
    </section>
  );
}
