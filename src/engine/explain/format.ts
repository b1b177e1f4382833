import type { DirectionDecision, TraceStep } from '../evaluate/trace';
import { policyDisplayName, policyKindLabel } from './names';

/** One step as a line: `tier default › GlobalNetworkPolicy default.deny-all › end of tier: deny`. */
export function formatStep(step: TraceStep): string {
  switch (step.kind) {
    case 'rule': {
      const staged = step.staged ? ' (staged)' : '';
      return `tier ${step.tier} › ${policyKindLabel(step.policy)} ${policyDisplayName(step.policy)}${staged} › rule ${step.ruleIndex}: ${step.action}`;
    }
    case 'end-of-tier':
      return `tier ${step.tier} › ${policyKindLabel(step.policy)} ${policyDisplayName(step.policy)} applies but no rule matched › end of tier: ${step.action}`;
    case 'profile':
      return step.profile === null
        ? 'no policy decided and no profile allowed › dropped'
        : `no policy decided › profile ${step.profile} › rule ${step.ruleIndex}: ${step.action}`;
    case 'own-node':
      return `from the pod's own node${step.node ? ` ${step.node}` : ''}: always allowed, no policy applies`;
  }
}

/** A direction's verdict and path, one line per step. */
export function formatDirection(d: DirectionDecision, endpointName: string): string[] {
  const head = `${d.direction} of ${endpointName}: ${d.allowed ? 'allowed' : 'denied'}`;
  if (!d.enforced) return [`${d.direction} of ${endpointName}: not a workload endpoint, no policy enforced`];
  const lines = [head, ...d.steps.map((s) => `  ${formatStep(s)}`)];
  if (d.assumedSourcePort !== undefined) lines.push(`  (no source port given: assumed ${d.assumedSourcePort}, an ephemeral port; a rule here matches on source ports)`);
  return lines;
}
