import { useMemo } from 'react';
import { EDGE_FILTERS, hasStagedVerdicts } from '../../state/graphView';
import { useAppStore } from '../../state/store';
import { VERDICT_STYLE } from './palette';
import { ProbePicker } from './ProbePicker';
import { probeFlow } from '../../state/probe';

/** What the current edge filter shows, in words (the legend says which mode is on). */
function filterStatus(mode: string, label: string, selected: string | null, denyOmitted: boolean, staged: boolean): string {
  if (mode === 'focus') return selected ? `${label}: edges of ${selected}` : `${label}: select a node`;
  if (mode === 'deny' && denyOmitted) return `${label} (at this size pairs with nothing allowed are not drawn)`;
  if (mode === 'changed' && !staged) return `${label}: no staged policies`;
  return label;
}

/** Verdict colours and dashes, and the edge filter modes (a radio group). */
export function Legend() {
  const mode = useAppStore((s) => s.edgeFilter);
  const setMode = useAppStore((s) => s.setEdgeFilter);
  const selected = useAppStore((s) => s.focusNode);
  const denyOmitted = useAppStore((s) => s.analysis?.denyEdgesOmitted === true);
  // "changed by draft" only means something with staged policies (or while it is the mode).
  const edges = useAppStore((s) => s.analysis?.edges);
  const staged = useMemo(() => hasStagedVerdicts(edges ?? []), [edges]);
  const offered = EDGE_FILTERS.filter((f) => f.mode !== 'changed' || staged || mode === 'changed');
  const current = EDGE_FILTERS.find((f) => f.mode === mode)!;
  const probe = useAppStore((s) => s.probe);
  const flows = useAppStore((s) => s.flowSources.length > 0);
  // A probe that does not parse colours nothing (ClusterGraph keeps the edges' verdicts).
  const probeOn = probeFlow(probe) !== null;
  return (
    <div className="npc-legend" aria-label="edge legend">
      {(['allow', 'partial', 'deny'] as const).map((v) => (
        <div key={v} className="npc-legend-row">
          <svg width="34" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="34" y2="5" stroke={VERDICT_STYLE[v].stroke} strokeWidth={VERDICT_STYLE[v].width + 0.6} strokeDasharray={VERDICT_STYLE[v].dash} />
          </svg>
          <span>{VERDICT_STYLE[v].label}</span>
        </div>
      ))}
      {staged ? (
        <div className="npc-legend-row" data-testid="legend-draft">
          <svg width="34" height="12" aria-hidden="true">
            <line x1="0" y1="6" x2="34" y2="6" stroke={VERDICT_STYLE.deny.stroke} strokeWidth={7} strokeDasharray="9 6" opacity={0.45} />
            <line x1="0" y1="6" x2="34" y2="6" stroke={VERDICT_STYLE.allow.stroke} strokeWidth={2.2} />
          </svg>
          <span title="a dashed halo in the colour the staged policies would give it">changed by draft</span>
        </div>
      ) : null}
      {flows ? (
        <div className="npc-legend-row" data-testid="legend-flows">
          <span className="npc-flow-badge npc-legend-badge">12</span><span className="npc-flow-badge is-broken npc-legend-badge">9 broken</span>
          <span title="flows of the loaded logs over the edge; in red, those the staged policies would deny; +N, those they would newly allow">flows · broken</span>
        </div>
      ) : null}
      <div className="npc-probe-status" data-testid="probe-status" data-probe={probeOn ? probe : 'any'} aria-live="polite">
        {probeOn ? `coloured by ${probe}` : 'coloured by any traffic'}
      </div>
      <ProbePicker />
      <fieldset className="npc-edge-filter">
        <legend>Edges</legend>
        {offered.map((f) => (
          <label key={f.mode} className="npc-legend-row">
            <input type="radio" name="npc-edge-filter" value={f.mode} checked={mode === f.mode}
              data-testid={`edge-filter-${f.mode}`} onChange={() => setMode(f.mode)} />
            {f.label}
          </label>
        ))}
      </fieldset>
      <div className="npc-edge-filter-status" data-testid="edge-filter-status" data-mode={mode} aria-live="polite">
        showing: {filterStatus(mode, current.label, selected, denyOmitted, staged)}
      </div>
    </div>
  );
}
