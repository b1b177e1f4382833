import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionExplanation, ConnectRequest, NodeData, PlanAnswer, PlanEdit, PolicyFlavour } from '../../engine';
import { appStore, useAppStore } from '../../state/store';
import { useModal } from '../shell/dialog';

/** Asks the engine to write a model edit into the workspace's files (engine/author), with its effect. */
export type PlanFn = (edit: PlanEdit) => Promise<PlanAnswer>;
export type ExplainProbeFn = (src: string, dst: string, probe: string) => Promise<ConnectionExplanation | { error: string }>;

type Action = ConnectRequest['action'];
type Protocol = NonNullable<ConnectRequest['protocol']> | 'any';
const PROTOCOL_NUMBERS: Record<number, 'TCP' | 'UDP' | 'SCTP'> = { 6: 'TCP', 17: 'UDP', 132: 'SCTP' };

const nodeLabel = (n: NodeData) => (n.namespace && n.kind !== 'namespace' ? `${n.namespace}/${n.name}` : n.name);
const canHold = (n: NodeData, flavour: PolicyFlavour) => n.kind === 'workload' || (n.kind === 'hostendpoint' && flavour === 'GlobalNetworkPolicy');

/** "80, 443, 8000:8080, http" as ports; null when a part is not a port, a range or a name. */
function parsePorts(text: string): (number | string)[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const out: (number | string)[] = [];
  for (const p of parts) {
    if (/^\d+$/.test(p)) out.push(Number(p));
    else if (/^\d+:\d+$/.test(p) || /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p)) out.push(p);
    else return null;
  }
  return out;
}

/**
 * The rule form of drag-to-connect and of "Allow this": what to allow (or deny) and where to
 * write it, then a preview of the YAML diff and of every edge the change recolours, computed by
 * the engine before anything is written. Applying is one undo step.
 */
export function ConnectDialog({ plan: planEdit, explain }: { plan: PlanFn; explain: ExplainProbeFn }) {
  const request = useAppStore((s) => s.connectRequest);
  const requestConnect = useAppStore((s) => s.requestConnect);
  const nodes = useAppStore((s) => s.analysis?.nodes);
  const activePath = useAppStore((s) => s.activePath);
  const source = nodes?.find((n) => n.id === request?.source);
  const target = nodes?.find((n) => n.id === request?.target);
  const dialogRef = useModal();

  const requestedAction = request?.action;
  const [action, setAction] = useState<Action>(requestedAction ?? 'Allow');
  const [flavour, setFlavour] = useState<PolicyFlavour>('NetworkPolicy');
  // Ports offered from the target's container ports, the first one filled in.
  const offered = useMemo(() => (target?.ports ?? []).filter((p) => PROTOCOL_NUMBERS[p.protocol]), [target]);
  const probe = /^(TCP|UDP|SCTP)\/(\d+)$/.exec(request?.probe ?? '');
  const [protocol, setProtocol] = useState<Protocol>(probe ? probe[1] as Protocol : offered[0] ? PROTOCOL_NUMBERS[offered[0].protocol]! : 'TCP');
  const [portsText, setPortsText] = useState(probe ? probe[2]! : offered[0] ? String(offered[0].port) : '');
  const [ingress, setIngress] = useState(target ? canHold(target, flavour) : false);
  const [egress, setEgress] = useState(false);
  const [staged, setStaged] = useState(false);
  const [tier, setTier] = useState('default');
  // A Deny is written first in its tier (order 0) so that it wins over what allows the flow today.
  const [orderText, setOrderText] = useState(request?.action === 'Deny' ? '0' : '');
  // Tiers that applied to the endpoint's side today (from the trace): a Deny elsewhere passes the rest on.
  const [appliedTiers, setAppliedTiers] = useState<{ ingress: string[]; egress: string[] }>({ ingress: [], egress: [] });
  const [plan, setPlan] = useState<PlanAnswer | null>(null);

  // Where to write first: the side(s) that deny today (the minimal change); both ends may. Asked
  // once, when the form opens (the form is mounted per pair): later the user's choice stands.
  const firstProbe = useRef(probe ? `${probe[1]}/${probe[2]}` : offered[0] ? `${PROTOCOL_NUMBERS[offered[0].protocol]}/${offered[0].port}` : 'TCP/80');
  const asked = useRef(false);
  useEffect(() => {
    if (!source || !target || asked.current) return;
    asked.current = true;
    let current = true;
    void explain(source.id, target.id, firstProbe.current).then((why) => {
      if (!current || 'error' in why) return;
      const tiers = (d: typeof why.ingress) => [...new Set(d.steps.flatMap((st) => (st.kind === 'rule' || st.kind === 'end-of-tier' ? [st.tier] : [])))];
      setAppliedTiers({ ingress: tiers(why.ingress), egress: tiers(why.egress) });
      const denying = requestedAction === 'Deny';
      // Allow: the side(s) that deny today. Deny: the target's ingress (one side is enough), in the
      // tier of the rule that allows it today.
      const pick = denying
        ? { ingress: canHold(target, 'NetworkPolicy'), egress: !canHold(target, 'NetworkPolicy') }
        : { ingress: why.ingress.enforced && !why.ingress.allowed, egress: why.egress.enforced && !why.egress.allowed };
      if (!pick.ingress && !pick.egress) pick[canHold(target, 'NetworkPolicy') ? 'ingress' : 'egress'] = true;
      setIngress(pick.ingress && canHold(target, 'GlobalNetworkPolicy'));
      setEgress(pick.egress && canHold(source, 'GlobalNetworkPolicy'));
      if (denying) {
        const side = pick.ingress ? why.ingress : why.egress;
        const allowing = [...side.steps].reverse().find((st) => st.kind === 'rule' && st.action === 'allow');
        if (allowing && allowing.kind === 'rule') setTier(allowing.tier);
      }
    });
    return () => { current = false; };
  }, [source, target, explain, requestedAction]);

  const ports = parsePorts(portsText);
  const order = orderText.trim() === '' ? undefined : Number(orderText);
  const formProblem = !source || !target ? 'the nodes are no longer in the graph'
    : ports === null ? `"${portsText}" is not a list of ports (80, 8000:8080, http)`
      : order !== undefined && !Number.isFinite(order) ? 'the order must be a number' : null;
  const portsKey = ports ? ports.join(',') : null;
  const built = useMemo<ConnectRequest | null>(() => (formProblem || !source || !target ? null : {
    source, target, action, flavour, staged,
    ...(protocol !== 'any' ? { protocol } : {}),
    ...(protocol !== 'any' && portsKey ? { ports: parsePorts(portsKey)! } : {}),
    sides: [...(ingress ? ['ingress' as const] : []), ...(egress ? ['egress' as const] : [])],
    ...(flavour !== 'KubernetesNetworkPolicy' ? { ...(tier && tier !== 'default' ? { tier } : {}), ...(order !== undefined ? { order } : {}) } : {}),
    file: activePath,
    // SPEC §4.6: a Calico policy in a tier that did not apply to the endpoint makes it apply.
    ...(action === 'Deny' && flavour !== 'KubernetesNetworkPolicy'
      && ![...(ingress ? appliedTiers.ingress : []), ...(egress ? appliedTiers.egress : [])].includes(tier || 'default') ? { passOthers: true } : {}),
  }), [formProblem, source, target, action, flavour, staged, protocol, portsKey, ingress, egress, tier, order, activePath, appliedTiers]);
  // Re-planned on every change of the form (the workspace's files are read when asked).
  useEffect(() => {
    let current = true;
    if (built) void planEdit({ op: 'connect', request: built }).then((p) => { if (current) setPlan(p); });
    return () => { current = false; };
  }, [built, planEdit]);

  const close = () => dialogRef.current?.close();
  const apply = () => {
    if (!plan || 'error' in plan) return;
    appStore.getState().applyFileChanges(plan.changes.map((c) => ({ path: c.path, text: c.after })));
    close();
  };
  if (!request) return null;
  const k8s = flavour === 'KubernetesNetworkPolicy';
  return (
    <dialog ref={dialogRef} className="npc-dialog npc-connect" data-testid="connect-dialog" aria-label="Write a rule" onClose={() => requestConnect(null)}>
      <header className="npc-dialog-head">
        <h2>{source && target ? `${nodeLabel(source)} → ${nodeLabel(target)}` : 'Write a rule'}</h2>
        <button type="button" className="npc-dialog-close" aria-label="close" onClick={close}>×</button>
      </header>
      <div className="npc-export-options">
        <label>Action{' '}
          <select data-testid="connect-action" value={action} onChange={(e) => setAction(e.target.value as Action)}>
            {(['Allow', 'Deny', 'Pass', 'Log'] as const).map((a) => <option key={a} value={a} disabled={k8s && a !== 'Allow'}>{a}</option>)}
          </select>
        </label>
        <label>Protocol{' '}
          <select data-testid="connect-protocol" value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol)}>
            {(['TCP', 'UDP', 'SCTP', 'any'] as const).map((p) => <option key={p} value={p}>{p === 'any' ? 'any protocol' : p}</option>)}
          </select>
        </label>
        <label>Ports{' '}
          <input data-testid="connect-ports" value={portsText} disabled={protocol === 'any'} placeholder="all" size={18}
            onChange={(e) => setPortsText(e.target.value)} />
        </label>
        {offered.length > 0 ? (
          <span className="npc-connect-offered">
            {offered.map((p) => (
              <button key={`${p.name}${p.port}${p.protocol}`} type="button" className="npc-chip" data-testid={`connect-port-${p.name || p.port}`}
                title={`${target?.name} declares ${p.name ? `${p.name}: ` : ''}${PROTOCOL_NUMBERS[p.protocol]} ${p.port}`}
                onClick={() => { setProtocol(PROTOCOL_NUMBERS[p.protocol]!); setPortsText(p.name || String(p.port)); }}>
                {p.name ? `${p.name} (${p.port})` : p.port}
              </button>
            ))}
          </span>
        ) : null}
      </div>
      <div className="npc-export-options">
        <span>Write it as</span>
        <label><input type="checkbox" data-testid="connect-ingress" checked={ingress} disabled={!target || !canHold(target, flavour)} onChange={(e) => setIngress(e.target.checked)} />
          {` ingress of ${target ? nodeLabel(target) : '…'}`}</label>
        <label><input type="checkbox" data-testid="connect-egress" checked={egress} disabled={!source || !canHold(source, flavour)} onChange={(e) => setEgress(e.target.checked)} />
          {` egress of ${source ? nodeLabel(source) : '…'}`}</label>
      </div>
      <div className="npc-export-options">
        <label>In a{' '}
          <select data-testid="connect-flavour" value={flavour} onChange={(e) => { const f = e.target.value as PolicyFlavour; setFlavour(f); if (f === 'KubernetesNetworkPolicy') setAction('Allow'); }}>
            <option value="KubernetesNetworkPolicy">Kubernetes NetworkPolicy</option>
            <option value="NetworkPolicy">Calico NetworkPolicy</option>
            <option value="GlobalNetworkPolicy">Calico GlobalNetworkPolicy</option>
          </select>
        </label>
        <label><input type="checkbox" data-testid="connect-staged" checked={staged} onChange={(e) => setStaged(e.target.checked)} /> staged (a draft: counted, not enforced)</label>
        {!k8s ? (
          <>
            <label>Tier <input data-testid="connect-tier" value={tier} size={12} onChange={(e) => setTier(e.target.value.trim())} /></label>
            <label>Order <input data-testid="connect-order" value={orderText} size={6} placeholder="none" onChange={(e) => setOrderText(e.target.value)} /></label>
          </>
        ) : null}
      </div>
      {formProblem || (built && plan && 'error' in plan) ? (
        <p className="npc-export-error" role="alert" data-testid="connect-problem">{formProblem ?? (plan && 'error' in plan ? plan.error : '')}</p>
      ) : null}
      {built && plan && !('error' in plan) ? (
        <>
          <ul className="npc-connect-summary" data-testid="connect-summary">
            {plan.changes.flatMap((c) => c.summary.map((line) => <li key={`${c.path}${line}`}>{`${c.path}: ${line}`}</li>))}
          </ul>
          <pre className="npc-export-text npc-diff" data-testid="connect-diff">
            {plan.changes.map((c) => c.diff).join('\n').split('\n').map((l, i) => (
              <span key={i} className={l.startsWith('+++') || l.startsWith('---') ? 'is-header' : l.startsWith('+') ? 'is-added' : l.startsWith('-') ? 'is-removed' : undefined}>{`${l}\n`}</span>
            ))}
          </pre>
          <table className="npc-export-report" data-testid="connect-impact">
            <thead><tr><th>edge</th><th>now</th><th>after</th></tr></thead>
            <tbody>
              {plan.impact.length === 0 ? <tr><td colSpan={3}>no edge changes (enforced and pending)</td></tr> : plan.impact.map((e) => (
                <tr key={e.id} data-edge={e.id}>
                  <td>{`${e.source} → ${e.target}`}</td>
                  <td>{e.before}{e.pendingBefore !== undefined && e.pendingBefore !== e.before ? ` (pending ${e.pendingBefore})` : ''}</td>
                  <td>{e.after}{e.pendingAfter !== undefined && e.pendingAfter !== e.after ? ` (pending ${e.pendingAfter})` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <div className="npc-export-actions">
        <button type="button" className="npc-button npc-primary" data-testid="connect-apply" disabled={!built || !plan || 'error' in plan} onClick={apply}>Apply</button>
        <button type="button" className="npc-button" onClick={close}>Cancel</button>
      </div>
    </dialog>
  );
}
