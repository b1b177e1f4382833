import { useAppStore } from '../../state/store';

/** "collapse all" / "expand all" namespaces (state/collapse.ts), with how many are collapsed. */
export function CollapseControls() {
  const collapseAll = useAppStore((s) => s.collapseAll);
  const expandAll = useAppStore((s) => s.expandAll);
  const counts = useAppStore((s) => {
    const ns = (s.analysis?.nodes ?? []).filter((n) => n.kind === 'namespace');
    return `${ns.filter((n) => s.collapsedNamespaces.has(n.id)).length}/${ns.length}`;
  });
  const [collapsed, total] = counts.split('/').map(Number) as [number, number];
  if (total === 0) return null;
  return (
    <div className="npc-collapse-controls" aria-label="namespace collapse" data-testid="collapse-controls" data-collapsed={collapsed}>
      <button type="button" data-testid="collapse-all" onClick={collapseAll} disabled={collapsed === total}>collapse all</button>
      <button type="button" data-testid="expand-all" onClick={expandAll} disabled={collapsed === 0}>expand all</button>
    </div>
  );
}
