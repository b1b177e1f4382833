import { formatStep, policyDisplayName, type ConnectionExplanation, type DirectionDecision, type TraceStep } from '../engine';

/** One step of a side's trace with the engine's own words for it (the same line as the text trace). */
export interface StepView {
  step: TraceStep;
  /** `formatStep`: equal to the step's line in `ConnectionExplanation.text`. */
  text: string;
  /** Rule and end-of-tier steps: the policy as Calico names it in traces. */
  policyName?: string;
}

/** One side of a connection's explanation (egress of the source, ingress of the destination). */
export interface SideView {
  direction: DirectionDecision['direction'];
  enforced: boolean;
  allowed: boolean;
  steps: StepView[];
  assumedSourcePort?: number;
}

function side(d: DirectionDecision): SideView {
  return {
    direction: d.direction, enforced: d.enforced, allowed: d.allowed,
    steps: d.steps.map((step) => ({
      step, text: formatStep(step),
      ...(step.kind === 'rule' || step.kind === 'end-of-tier' ? { policyName: policyDisplayName(step.policy) } : {}),
    })),
    ...(d.assumedSourcePort !== undefined ? { assumedSourcePort: d.assumedSourcePort } : {}),
  };
}

/** The explanation as the inspector shows it: egress of the source, then ingress of the destination. */
export function explanationSides(x: ConnectionExplanation): [SideView, SideView] {
  return [side(x.egress), side(x.ingress)];
}
