import type { ActionTallies } from '../../engine';

const ACTIONS = ['allow', 'deny', 'pass', 'log'] as const;

/** `allow 12, deny 3`: the flows of each action that has any; empty when none. */
export function tallyText(t: ActionTallies): string {
  return ACTIONS.filter((a) => t[a].flows > 0).map((a) => `${a} ${t[a].flows}`).join(', ');
}

/**
 * One line for a policy or rule: its enforced counts, and the pending ones when the staged
 * policies change them (a staged policy has pending counts only); null when nothing hit it.
 */
export function hitLine(enforced: ActionTallies, pending: ActionTallies): string | null {
  const e = tallyText(enforced);
  const p = tallyText(pending);
  if (!e && !p) return null;
  return `${e || 'none'}${p !== e ? ` · pending ${p || 'none'}` : ''}`;
}
