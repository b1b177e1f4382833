import { useState } from 'react';
import type { FlowSource } from '../../engine';
import { appStore, useAppStore } from '../../state/store';
import { useModal } from '../shell/dialog';

/** How far the engine is with a file: its lines read (the total estimated from the bytes read so far). */
export interface LoadProgress { file: string; phase: 'read'; done: number; total: number }
/** Files go to the engine as they were picked: the worker reads them (a log can be 900 MB). */
export type LoadFlowsFn = (files: { name: string; blob: Blob }[], replace: boolean, progress?: (p: LoadProgress) => void) => Promise<FlowSource[] | { error: string }>;

const progressText = (p: LoadProgress | null) => (!p ? 'reading…'
  : `${p.file}: ${Math.round((100 * p.done) / Math.max(1, p.total))}% (${p.done.toLocaleString('en')} of about ${p.total.toLocaleString('en')} lines)`);

/**
 * Flow logs for hit counts and draft review: Calico Enterprise / Cloud, Goldmane / Whisker,
 * Hubble or CSV files (the format is recognised from the content), parsed in the worker. Bad
 * lines are counted and shown with their numbers; the rest is counted.
 */
export function FlowsDialog({ loadFlows, onClose }: { loadFlows: LoadFlowsFn; onClose(): void }) {
  const sources = useAppStore((s) => s.flowSources);
  const dialogRef = useModal();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const load = async (files: File[], replace: boolean) => {
    if (files.length === 0 && !replace) return;
    setBusy(true);
    setProgress(null);
    const r = await loadFlows(files.map((f) => ({ name: f.name, blob: f })), replace, setProgress);
    setBusy(false);
    if ('error' in r) setProblem(r.error);
    else { setProblem(null); appStore.getState().setFlowSources(r); }
  };
  return (
    <dialog ref={dialogRef} className="npc-dialog" data-testid="flows-dialog" aria-label="Flow logs" onClose={onClose}>
      <header className="npc-dialog-head">
        <h2>Flow logs</h2>
        <button type="button" className="npc-dialog-close" aria-label="close" onClick={() => dialogRef.current?.close()}>×</button>
      </header>
      <div className="npc-import-drop" onDragOver={(e) => e.preventDefault()} onDrop={(e) => { e.preventDefault(); void load([...e.dataTransfer.files], false); }}>
        <p>Calico Enterprise / Cloud flow logs (JSON, ndjson, an Elasticsearch export), Calico OSS Goldmane / Whisker flows, Hubble <code>observe -o json</code>, or CSV <code>src_ns,src_name,dst_ns,dst_name,proto,port,action,count</code>. Read in this browser only.</p>
        <label className="npc-button">Add flow files…
          <input type="file" multiple hidden data-testid="flows-files" onChange={(e) => void load([...(e.target.files ?? [])], false)} />
        </label>{' '}
        <button type="button" className="npc-button" data-testid="flows-clear" disabled={sources.length === 0} onClick={() => void load([], true)}>Clear flows</button>
        {busy ? (
          <span className="npc-muted" role="status" data-testid="flows-progress">
            {' '}{progressText(progress)}
            {progress ? <progress max={progress.total} value={progress.done} /> : null}
          </span>
        ) : null}
      </div>
      {problem ? <p className="npc-export-error" role="alert">{problem}</p> : null}
      <table className="npc-export-report" data-testid="flows-sources">
        <thead><tr><th>file</th><th>format</th><th>records</th><th>unreadable lines</th></tr></thead>
        <tbody>
          {sources.map((s, i) => (
            <tr key={`${s.name}${i}`}>
              <td>{s.name}</td><td>{s.format}</td><td data-testid="flows-records">{s.records}</td>
              <td>{s.errorCount === 0 ? 'none' : `${s.errorCount}: ${s.errors.slice(0, 5).map((e) => `line ${e.line} (${e.message})`).join('; ')}${s.errorCount > 5 ? '; …' : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
