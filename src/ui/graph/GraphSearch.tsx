import { useId, useRef, type KeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { NodeData } from '../../engine';
import { useAppStore } from '../../state/store';

const SHOWN = 8;
const FIT = { padding: 0.25, duration: 300, maxZoom: 1.5 } as const;

function kindText(n: NodeData): string {
  if (n.kind === 'namespace') return 'namespace';
  if (n.id.startsWith('cidr:')) return 'CIDR';
  return n.namespace !== undefined ? `${n.workloadKind ?? n.kind} in ${n.namespace}` : n.kind;
}

/**
 * The graph's search box: `nginx`, `app=nginx`, `app`, `ns:shams`. Matching nodes are
 * highlighted and the rest dimmed (ClusterGraph); Enter zooms to all matches, a result to
 * itself. Keys: Enter fit, Escape clear, ArrowDown/ArrowUp move through the results.
 */
export function GraphSearch({ matches }: { matches: readonly NodeData[] | null }) {
  const query = useAppStore((s) => s.searchQuery);
  const setQuery = useAppStore((s) => s.setSearchQuery);
  const selectNode = useAppStore((s) => s.selectNode);
  const collapsed = useAppStore((s) => s.collapsedNamespaces);
  const expandNamespaces = useAppStore((s) => s.expandNamespaces);
  const { fitView } = useReactFlow();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();

  const fitMatches = () => {
    if (matches && matches.length > 0) void fitView({ ...FIT, nodes: matches.map((n) => ({ id: n.id })) });
  };
  const openResult = (n: NodeData) => {
    // A result inside a collapsed namespace: expand it, and zoom once it is laid out and drawn.
    const hidden = n.kind !== 'namespace' && n.namespace !== undefined && collapsed.has(`ns:${n.namespace}`);
    if (hidden) expandNamespaces([`ns:${n.namespace!}`]);
    const fit = () => void fitView({ ...FIT, nodes: [{ id: n.id }] });
    if (hidden) requestAnimationFrame(() => requestAnimationFrame(fit));
    else fit();
    if (n.kind !== 'namespace') selectNode(n.id);
  };
  const results = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') { e.preventDefault(); fitMatches(); }
    else if (e.key === 'Escape') setQuery('');
    else if (e.key === 'ArrowDown') { e.preventDefault(); results()[0]?.focus(); }
  };
  const onResultKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const all = results();
    if (e.key === 'ArrowDown') { e.preventDefault(); all[Math.min(i + 1, all.length - 1)]?.focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (i === 0 ? input.current : all[i - 1])?.focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); input.current?.focus(); }
  };

  const count = matches === null ? '' : matches.length === 1 ? '1 match' : `${matches.length} matches`;
  return (
    <div className="npc-search" role="search">
      <label htmlFor={`${id}-q`} className="npc-visually-hidden">Search nodes by name, label (app=nginx) or namespace (ns:shams)</label>
      <input
        id={`${id}-q`} ref={input} type="search" className="npc-search-input" data-testid="graph-search"
        placeholder="search: nginx, app=nginx, ns:shams" value={query} autoComplete="off" spellCheck={false}
        aria-describedby={`${id}-count`} {...(matches && matches.length > 0 ? { 'aria-controls': `${id}-results` } : {})}
        onChange={(e) => setQuery(e.target.value)} onKeyDown={onInputKey}
      />
      <span id={`${id}-count`} className="npc-search-count" data-testid="graph-search-count" data-count={matches?.length ?? ''} aria-live="polite">
        {count}
      </span>
      {matches && matches.length > 0 ? (
        <ul id={`${id}-results`} ref={list} className="npc-search-results" aria-label="search results">
          {matches.slice(0, SHOWN).map((n, i) => (
            <li key={n.id}>
              <button type="button" data-testid={`search-result-${n.id}`} onClick={() => openResult(n)} onKeyDown={(e) => onResultKey(e, i)}>
                <span className="npc-search-name">{n.name}</span> <span className="npc-kind">{kindText(n)}</span>
              </button>
            </li>
          ))}
          {matches.length > SHOWN ? <li className="npc-search-more">and {matches.length - SHOWN} more (Enter shows all)</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
