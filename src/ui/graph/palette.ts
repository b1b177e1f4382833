import type { Verdict } from '../../engine';

/**
 * Okabe–Ito colours (safe for the common colour-vision deficiencies), each verdict also drawn
 * with its own dash pattern so colour is never the only cue.
 */
export const VERDICT_STYLE: Record<Verdict, { stroke: string; dash?: string; width: number; label: string }> = {
  allow: { stroke: '#009E73', width: 2.2, label: 'allowed' },
  partial: { stroke: '#E69F00', dash: '7 4', width: 2.2, label: 'partly allowed' },
  deny: { stroke: '#D55E00', dash: '2 4', width: 1.4, label: 'denied' },
};

/** What an edge is drawn as: a verdict, or `unevaluated` (imported flows to an end the workspace lacks: no policy was evaluated). */
export type EdgeLook = Verdict | 'unevaluated';

export const EDGE_STYLE: Record<EdgeLook, { stroke: string; dash?: string; width: number; label: string }> = {
  ...VERDICT_STYLE,
  unevaluated: { stroke: '#7a7f87', dash: '1 4', width: 1.4, label: 'not evaluated (an end is not in the workspace)' },
};
