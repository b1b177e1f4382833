import type { ActionTallies, FlowImpact } from '../../engine';

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
  return p === e ? e : `enforced ${e || 'none'} · pending ${p || 'none'}`;
}

const PROTO: Record<number, string> = { 6: 'TCP', 17: 'UDP', 132: 'SCTP', 1: 'ICMP', 58: 'ICMPv6' };

/** A protocol number by its name (TCP, UDP, ...), or the number. */
export const protoName = (n: number): string => PROTO[n] ?? String(n);

/** `TCP/80`: a flow key's protocol and port, in the probe syntax (the inspector can explain it). */
export const flowName = (f: Pick<FlowImpact, 'protocol' | 'port'>) => `${protoName(f.protocol)}${f.port !== undefined ? `/${f.port}` : ''}`;
