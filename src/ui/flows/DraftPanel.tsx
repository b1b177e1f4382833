import { useMemo, useState } from 'react';
import { useAppStore } from '../../state/store';
import { downloadText } from '../shell/dialog';
import { flowName, protoName } from './hitText';


/**
 * Draft review: the flows of the loaded logs the staged policies would newly deny (breakage)
 * or newly allow, filterable and sortable, exported as CSV; records whose ends the workspace
 * lacks; and where the log's own verdict disagrees with the workspace.
 */
export function DraftPanel() {
  const report = useAppStore((s) => s.hitReport);
  const sources = useAppStore((s) => s.flowSources);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<'flows' | 'name'>('flows');
  const rows = useMemo(() => {
    if (!report) return [];
    const all = [...report.newlyDenied.map((f) => ({ f, change: 'newly denied' as const })), ...report.newlyAllowed.map((f) => ({ f, change: 'newly allowed' as const }))];
    const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = all.filter(({ f, change }) => terms.every((t) => `${f.src} ${f.dst} ${flowName(f)} ${change}`.toLowerCase().includes(t)));
    return shown.sort((a, b) => (sort === 'flows' ? b.f.tally.flows - a.f.tally.flows : `${a.f.src}${a.f.dst}`.localeCompare(`${b.f.src}${b.f.dst}`)));
  }, [report, filter, sort]);
  if (sources.length === 0) return <p className="npc-empty">Load flow logs (toolbar: Flows…) to see what the staged policies would change.</p>;
  if (!report) return <p className="npc-empty">counting…</p>;
  const csv = () => {
    const lines = ['change,source,destination,protocol,port,flows,packets,bytes', ...rows.map(({ f, change }) => [change, f.src, f.dst, protoName(f.protocol), f.port ?? '', f.tally.flows, f.tally.packets, f.tally.bytes].join(','))];
    downloadText('netpol-canvas-draft-impact.csv', `${lines.join('\n')}\n`, 'text/csv');
  };
  return (
    <section className="npc-draft" data-testid="draft-panel" aria-label="draft review">
      <p data-testid="draft-summary">{`${report.counted} of ${report.records} records counted · ${report.newlyDenied.length} flow key(s) newly denied, ${report.newlyAllowed.length} newly allowed by staged policies`}</p>
      <div className="npc-export-options">
        <input data-testid="draft-filter" placeholder="filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <select data-testid="draft-sort" value={sort} onChange={(e) => setSort(e.target.value === 'name' ? 'name' : 'flows')}>
          <option value="flows">most flows first</option>
          <option value="name">by source and destination</option>
        </select>
        <button type="button" className="npc-button" data-testid="draft-csv" onClick={csv} disabled={rows.length === 0}>Export CSV</button>
      </div>
      <table className="npc-export-report" data-testid="draft-impact">
        <thead><tr><th>change</th><th>flow</th><th>flows</th><th>lines</th></tr></thead>
        <tbody>
          {rows.length === 0 ? <tr><td colSpan={4}>the staged policies change no flow of the logs</td></tr> : rows.map(({ f, change }) => (
            <tr key={`${change}${f.src}${f.dst}${f.protocol}${f.port ?? ''}`} data-change={change}>
              <td>{change}</td><td>{`${f.src} → ${f.dst} ${flowName(f)}`}</td><td>{f.tally.flows}</td><td>{f.lines.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.unmatched.tally.flows > 0 ? (
        <p className="npc-muted" data-testid="draft-unmatched">{`${report.unmatched.tally.flows} flow(s) with an end the workspace does not have: ${report.unmatched.examples.slice(0, 5).map((e) => `line ${e.line} ${e.end} ${e.what}`).join('; ')}`}</p>
      ) : null}
      {report.disagreements.length > 0 ? (
        <details data-testid="draft-disagreements">
          <summary>{`${report.disagreements.length} record(s) where the log's verdict differs from the workspace's (does the workspace match the cluster?)`}</summary>
          <ul>{report.disagreements.slice(0, 50).map((d) => <li key={d.line}>{`line ${d.line}: ${d.src} → ${d.dst}: the log says ${d.recorded}, the workspace ${d.ours}`}</li>)}</ul>
        </details>
      ) : null}
    </section>
  );
}
