import { useState, type DragEvent } from 'react';
import { hitLine, tallyText } from '../flows/hitText';
import type { BoardPolicy, BoardTier, PlanEdit, PolicyHits, PolicyRef } from '../../engine';
import { appStore, useAppStore } from '../../state/store';
import type { PlanFn } from '../author/ConnectDialog';

const DRAG_TYPE = 'application/x-netpol-canvas-policy';
const STAGEABLE = new Set<BoardPolicy['kind']>(['NetworkPolicy', 'GlobalNetworkPolicy', 'KubernetesNetworkPolicy']);
const refOf = (p: BoardPolicy): PolicyRef => ({ kind: p.kind, name: p.name, ...(p.namespace ? { namespace: p.namespace } : {}) });
const cardId = (p: BoardPolicy) => `${p.kind}:${p.namespace ?? ''}/${p.name}`;
const KIND_SHORT: Record<BoardPolicy['kind'], string> = {
  NetworkPolicy: 'Calico NP', GlobalNetworkPolicy: 'GNP', KubernetesNetworkPolicy: 'K8s NP',
  StagedNetworkPolicy: 'Calico NP', StagedGlobalNetworkPolicy: 'GNP', StagedKubernetesNetworkPolicy: 'K8s NP',
  AdminNetworkPolicy: 'ANP', BaselineAdminNetworkPolicy: 'BANP',
};

/**
 * The policy board: tiers as columns in evaluation order, policies stacked in evaluation order
 * (SPEC §4.4). Dragging a card (or ↑ / ↓) rewrites that policy's `order` and nothing else where
 * an order between its new neighbours exists (engine/author/reorder.ts); tiers are created,
 * renamed and deleted here. A click on a card opens it in the editor and highlights on the graph
 * what it selects. Every change is one undo step.
 */
export function PolicyBoard({ plan, onExport }: { plan: PlanFn; onExport(policy: { kind: string; namespace?: string; name: string }): void }) {
  const board = useAppStore((s) => s.analysis?.board);
  const activePath = useAppStore((s) => s.activePath);
  const hits = useAppStore((s) => s.hitReport);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [tierName, setTierName] = useState('');
  const [tierOrder, setTierOrder] = useState('');
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);

  const run = async (edit: PlanEdit) => {
    const r = await plan(edit);
    if ('error' in r) {
      setMessage({ text: r.error, error: true });
      return;
    }
    appStore.getState().applyFileChanges(r.changes.map((c) => ({ path: c.path, text: c.after })));
    const edges = r.impact.length === 0 ? 'no edge changes' : `${r.impact.length} edge${r.impact.length === 1 ? '' : 's'} change${r.impact.length === 1 ? 's' : ''}`;
    setMessage({ text: `${r.changes.flatMap((c) => c.summary).join('; ')} · ${edges}`, error: false });
  };
  const move = (p: BoardPolicy, tier: string, index: number) => void run({ op: 'move', policy: refOf(p), tier, index });
  const open = (p: BoardPolicy) => {
    const s = appStore.getState();
    s.revealInEditor(p.path, p.line, 1);
    s.setEditorCursor({ path: p.path, line: p.line, column: 1 });
  };
  const onDrop = (e: DragEvent, tier: BoardTier, index: number) => {
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    if (!raw) return;
    e.preventDefault();
    e.stopPropagation();
    const ref = JSON.parse(raw) as PolicyRef;
    const p = board?.flatMap((t) => t.policies).find((x) => x.kind === ref.kind && x.name === ref.name && (x.namespace ?? '') === (ref.namespace ?? ''));
    if (!p) return;
    // Index among the tier's other policies: dropping on a card puts the policy before it.
    const others = tier.policies.filter((x) => cardId(x) !== cardId(p));
    const before = tier.policies[index];
    move(p, tier.name, before ? Math.max(0, others.findIndex((x) => cardId(x) === cardId(before))) : others.length);
  };
  if (!board) return <p className="npc-empty">No analysis yet.</p>;

  return (
    <section className="npc-board" data-testid="policy-board" aria-label="policy board">
      {message ? <p className={message.error ? 'npc-export-error' : 'npc-muted'} role={message.error ? 'alert' : 'status'} data-testid="board-message">{message.text}</p> : null}
      <div className="npc-board-columns">
        {board.map((tier) => (
          <section key={tier.name} className="npc-board-tier" data-testid={`tier-${tier.name}`} aria-label={`tier ${tier.name}`}
            onDragOver={(e) => { if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault(); }}
            onDrop={(e) => onDrop(e, tier, tier.policies.length)}>
            <header className="npc-board-tier-head">
              {renaming?.from === tier.name ? (
                <form onSubmit={(e) => { e.preventDefault(); void run({ op: 'tier-rename', from: tier.name, to: renaming.to }); setRenaming(null); }}>
                  <input data-testid={`tier-rename-input-${tier.name}`} value={renaming.to} size={12} autoFocus onChange={(e) => setRenaming({ from: tier.name, to: e.target.value.trim() })}
                    onKeyDown={(e) => { if (e.key === 'Escape') setRenaming(null); }} />
                </form>
              ) : <strong>{tier.name}</strong>}
              <span className="npc-muted">{` order ${tier.order ?? 'none'} · end: ${tier.defaultAction.toLowerCase()}${tier.implied ? ' · no Tier object' : ''}`}</span>
              {tier.path ? (
                <span className="npc-board-tier-actions">
                  <button type="button" className="npc-link" data-testid={`tier-rename-${tier.name}`} onClick={() => setRenaming({ from: tier.name, to: tier.name })}>rename</button>
                  <button type="button" className="npc-link" data-testid={`tier-delete-${tier.name}`} onClick={() => void run({ op: 'tier-delete', name: tier.name })}>delete</button>
                </span>
              ) : null}
            </header>
            <ol className="npc-board-cards">
              {tier.policies.map((p, i) => (
                <li key={cardId(p)}>
                  <article className={`npc-card${p.staged ? ' is-staged' : ''}${p.fixedOrder ? ' is-fixed' : ''}`} data-testid={`card-${p.namespace ? `${p.namespace}/` : ''}${p.name}`}
                    data-kind={p.kind} data-order={p.order ?? ''} draggable={!p.fixedOrder}
                    onDragStart={(e) => { e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(refOf(p))); e.dataTransfer.effectAllowed = 'move'; }}
                    onDragOver={(e) => { if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault(); }}
                    onDrop={(e) => onDrop(e, tier, i)}>
                    <button type="button" className="npc-card-open" onClick={() => open(p)} title={`${p.path}:${p.line}`}>
                      <span className="npc-card-name">{p.namespace ? `${p.namespace}/` : ''}{p.name}</span>
                      <span className="npc-card-kind">{KIND_SHORT[p.kind]}{p.staged ? ' · staged' : ''}</span>
                    </button>
                    <div className="npc-card-meta">
                      <span title="order">{p.fixedOrder ? `order ${p.order ?? '—'} (fixed)` : `order ${p.order ?? 'none'}`}</span>
                      <span>{p.types.join(' + ')}</span>
                      <span data-testid="card-selected">{`${p.selected} endpoint${p.selected === 1 ? '' : 's'}`}</span>
                    </div>
                    <code className="npc-card-selector">{p.selector}</code>
                    {hits ? <HitLine hits={hits.policies.find((h) => h.kind === p.kind && h.name === p.name && (h.namespace ?? '') === (p.namespace ?? '') && h.tier === p.tier)} /> : null}
                    <span className="npc-card-move">
                      {p.staged ? (
                        <button type="button" className="npc-link" data-testid={`enforce-${p.name}`} title="Promote the draft: it enforces (stagedAction Delete: the enforced policy goes)"
                          onClick={() => void run({ op: 'enforce', policy: refOf(p) })}>enforce</button>
                      ) : STAGEABLE.has(p.kind) ? (
                        <button type="button" className="npc-link" data-testid={`stage-${p.name}`} title="Make it a draft: counted, not enforced"
                          onClick={() => void run({ op: 'stage', policy: refOf(p) })}>stage</button>
                      ) : null}
                      <button type="button" className="npc-link" data-testid={`export-${p.name}`} title="Export this policy as YAML"
                        onClick={() => onExport({ kind: p.kind === 'KubernetesNetworkPolicy' ? 'NetworkPolicy' : p.kind, name: p.name, ...(p.namespace ? { namespace: p.namespace } : {}) })}>export</button>
                    </span>
                    {!p.fixedOrder ? (
                      <span className="npc-card-move">
                        <button type="button" className="npc-link" aria-label={`move ${p.name} up`} data-testid={`move-up-${p.name}`} disabled={i === 0} onClick={() => move(p, tier.name, i - 1)}>↑</button>
                        <button type="button" className="npc-link" aria-label={`move ${p.name} down`} data-testid={`move-down-${p.name}`} disabled={i === tier.policies.length - 1} onClick={() => move(p, tier.name, i + 1)}>↓</button>
                      </span>
                    ) : null}
                  </article>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
      <form className="npc-board-new-tier" onSubmit={(e) => {
        e.preventDefault();
        const order = tierOrder.trim() === '' ? null : Number(tierOrder);
        if (order !== null && !Number.isFinite(order)) { setMessage({ text: 'the order must be a number', error: true }); return; }
        void run({ op: 'tier-create', name: tierName, order, file: activePath }).then(() => { setTierName(''); setTierOrder(''); });
      }}>
        <input data-testid="tier-new-name" placeholder="new tier" value={tierName} size={12} onChange={(e) => setTierName(e.target.value.trim())} />
        <input data-testid="tier-new-order" placeholder="order" value={tierOrder} size={6} onChange={(e) => setTierOrder(e.target.value)} />
        <button type="submit" className="npc-button" data-testid="tier-create" disabled={tierName === ''}>Add tier</button>
      </form>
    </section>
  );
}

/** A card's hit counts from the loaded flows: enforced, and pending when it differs; unused when none. */
function HitLine({ hits }: { hits: PolicyHits | undefined }) {
  const line = hits ? hitLine(hits.enforced, hits.pending) : null;
  if (!line) return <span className="npc-card-hits is-unused" data-testid="card-hits" data-unused="true">no hits in the flows: unused?</span>;
  return (
    <details className="npc-card-hits" data-testid="card-hits" data-enforced={tallyText(hits!.enforced)} data-pending={tallyText(hits!.pending)}>
      <summary>{`hits: ${line}`}</summary>
      <ul className="npc-card-rules">
        {hits!.rules.map((r) => {
          return (
            <li key={`${r.direction}${r.rule}`} data-testid="card-rule-hits" data-rule={`${r.direction} ${r.rule}`} data-enforced={tallyText(r.enforced)} data-pending={tallyText(r.pending)}>
              {`${r.direction} ${r.rule < 0 ? 'end of tier' : `rule ${r.rule}`}: ${hitLine(r.enforced, r.pending) ?? 'none'}`}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
