import { useEffect, useState } from 'react';
import type { Diagnostic, ExportOptions, ExportResult } from '../../engine';
import { useAppStore } from '../../state/store';
import { useModal, downloadText } from './dialog';

/** An export from the engine, or the errors that prevent one (nothing invalid is exported). */
export type ExportAnswer = ExportResult | { error: string; problems: Diagnostic[] };
export type ExportFn = (options: ExportOptions) => Promise<ExportAnswer>;

type Mode = 'as-is' | 'stage' | 'enforce';

/**
 * Export: the workspace's policies as YAML that calicoctl / kubectl apply, with the same engine
 * function as `netpol-canvas export`. Options re-export live; the report says what each
 * resource became (or why it was left out). Copy and download stay in the page: a Blob URL of
 * our own origin, no network.
 */
/** One policy to export alone (from its board card), by the kind it is written as. */
export interface ExportPolicy { kind: string; namespace?: string; name: string }

export function ExportDialog({ runExport, onClose, policy }: { runExport: ExportFn; onClose(): void; policy?: ExportPolicy }) {
  const revision = useAppStore((s) => s.revision);
  const [target, setTarget] = useState<ExportOptions['target']>('calicoctl');
  const [convertK8s, setConvertK8s] = useState(false);
  const [mode, setMode] = useState<Mode>('as-is');
  const [calicoVersion, setCalicoVersion] = useState<'3.31' | '3.32'>('3.32');
  // '' all; 'tier:<name>' one tier; 'policy' the policy the dialog was opened for.
  const [scope, setScope] = useState(policy ? 'policy' : '');
  const tier = scope.startsWith('tier:') ? scope.slice('tier:'.length) : '';
  const [answer, setAnswer] = useState<ExportAnswer | null>(null);
  const [copied, setCopied] = useState(false);
  const dialogRef = useModal();

  useEffect(() => {
    let current = true;
    const options: ExportOptions = {
      target, convertK8s, calicoVersion,
      ...(mode === 'stage' ? { stage: true } : mode === 'enforce' ? { enforce: true } : {}),
      ...(tier ? { only: { tier } } : scope === 'policy' && policy ? { only: policy } : {}),
    };
    void runExport(options).then((a) => { if (current) { setAnswer(a); setCopied(false); } });
    return () => { current = false; };
  }, [runExport, target, convertK8s, mode, calicoVersion, tier, scope, policy, revision]);

  const result = answer && !('error' in answer) ? answer : null;
  const download = () => {
    if (!result) return;
    downloadText(`netpol-canvas-${target}${tier ? `-${tier}` : scope === 'policy' && policy ? `-${policy.name}` : ''}.yaml`, result.text, 'application/yaml');
  };
  const copy = async () => {
    if (!result) return;
    await navigator.clipboard.writeText(result.text);
    setCopied(true);
  };

  return (
    <dialog ref={dialogRef} className="npc-dialog npc-export" data-testid="export-dialog" aria-label="Export policies" onClose={onClose}>
      <header className="npc-dialog-head">
        <h2>Export</h2>
        <button type="button" className="npc-dialog-close" aria-label="close" data-testid="export-close" onClick={() => dialogRef.current?.close()}>×</button>
      </header>
      <div className="npc-export-options">
        <label>For{' '}
          <select data-testid="export-target" value={target} onChange={(e) => setTarget(e.target.value === 'kubectl' ? 'kubectl' : 'calicoctl')}>
            <option value="calicoctl">calicoctl apply -f</option>
            <option value="kubectl">kubectl apply -f</option>
          </select>
        </label>
        <label title="Writes each Kubernetes NetworkPolicy as the Calico NetworkPolicy Calico enforces for it (same connectivity)">
          <input type="checkbox" data-testid="export-convert-k8s" checked={convertK8s} onChange={(e) => setConvertK8s(e.target.checked)} />
          {' '}Kubernetes policies as Calico policies
        </label>
        <label>Policies{' '}
          <select data-testid="export-mode" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            <option value="as-is">as they are</option>
            <option value="stage">staged (draft, not enforced)</option>
            <option value="enforce">staged ones enforced</option>
          </select>
        </label>
        <label>Calico{' '}
          <select data-testid="export-calico-version" value={calicoVersion} onChange={(e) => setCalicoVersion(e.target.value === '3.31' ? '3.31' : '3.32')}
            title="Calico 3.31 and earlier require policies outside the default tier to be named <tier>.<name>">
            <option value="3.32">3.32 and later</option>
            <option value="3.31">3.31 and earlier</option>
          </select>
        </label>
        <label>Export{' '}
          <select data-testid="export-tier" value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="">all policies</option>
            {policy ? <option value="policy">{`${policy.namespace ? `${policy.namespace}/` : ''}${policy.name} only`}</option> : null}
            {(result?.tiers ?? (tier ? [tier] : [])).map((t) => <option key={t} value={`tier:${t}`}>{`tier ${t}`}</option>)}
          </select>
        </label>
      </div>
      {answer && 'error' in answer ? (
        <div className="npc-export-error" role="alert" data-testid="export-error">
          <p>{answer.error}</p>
          <ul>{answer.problems.map((d, i) => <li key={i}>{`${d.path}:${d.line}:${d.column} ${d.code} ${d.message}`}</li>)}</ul>
        </div>
      ) : null}
      {result ? (
        <>
          <pre className="npc-export-text" data-testid="export-text" tabIndex={0}>{result.text || '# nothing to export for this target'}</pre>
          <div className="npc-export-actions">
            <button type="button" className="npc-button" data-testid="export-copy" onClick={() => void copy()} disabled={result.text === ''}>{copied ? 'Copied' : 'Copy'}</button>
            <button type="button" className="npc-button" data-testid="export-download" onClick={download} disabled={result.text === ''}>Download</button>
            <span data-testid="export-count">{`${result.documents.length} document(s)`}</span>
          </div>
          <table className="npc-export-report" data-testid="export-report">
            <thead><tr><th>resource</th><th>file</th><th>export</th></tr></thead>
            <tbody>
              {result.report.map((e, i) => (
                <tr key={i} data-status={e.status}>
                  <td>{`${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`}</td>
                  <td>{e.path}</td>
                  <td>{e.status}{e.note ? `: ${e.note}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </dialog>
  );
}
