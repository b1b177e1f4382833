import { useAppStore } from '../../state/store';
import { focusBannerText } from './focusBanner';

/** What the policy at the editor's cursor selects (highlighted on the graph), with a way to dismiss it. */
export function PolicyFocusBanner() {
  const focus = useAppStore((s) => s.policyFocus?.result ?? null);
  const dismiss = useAppStore((s) => s.setEditorCursor);
  if (!focus) return null;
  const t = focusBannerText(focus);
  return (
    <div className="npc-focus-banner" data-testid="policy-focus-banner" role="status" data-policy={focus.displayName}
      data-endpoints={focus.endpoints} data-selected={focus.selected.length} data-peers={focus.peers.length}>
      <strong>{t.policy}</strong>: <span data-testid="policy-focus-selects">{t.selects}</span>
      {' · '}<span className="npc-focus-peers" data-testid="policy-focus-peers">{t.peers}</span>
      <button type="button" className="npc-focus-close" aria-label="stop highlighting the policy" onClick={() => dismiss(null)}>×</button>
    </div>
  );
}
