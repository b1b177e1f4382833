import { useEffect, useState, type DragEvent } from 'react';
import type { ImportPlan } from '../../engine';
import { appStore } from '../../state/store';
import { useModal } from './dialog';

export type ImportFn = (incoming: { name: string; text: string }[], strip: boolean) => Promise<ImportPlan | { error: string }>;

const READABLE = /\.(ya?ml|json)$/i;

/** Every readable file under a dropped folder (the entries API: drops carry folders, inputs do not). */
async function filesOfEntry(entry: FileSystemEntry, prefix = ''): Promise<{ name: string; file: File }[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return READABLE.test(file.name) ? [{ name: `${prefix}${file.name}`, file }] : [];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const out: { name: string; file: File }[] = [];
  // readEntries answers in batches until it answers none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) out.push(...await filesOfEntry(child, `${prefix}${entry.name}/`));
  }
  return out;
}

/**
 * Import: drop or pick files and folders, or paste. Each document is reported (imported,
 * skipped and why, invalid and where) before anything is added; server-side noise is stripped
 * on request. The files are added as one undo step; nothing is overwritten.
 */
export function ImportDialog({ runImport, onClose }: { runImport: ImportFn; onClose(): void }) {
  const dialogRef = useModal();
  const [incoming, setIncoming] = useState<{ name: string; text: string }[]>([]);
  const [pasted, setPasted] = useState('');
  const [strip, setStrip] = useState(false);
  // The plan, with what it was computed for: Apply waits for the one of the current choices.
  const [answer, setAnswer] = useState<{ plan: ImportPlan | { error: string }; incoming: unknown; strip: boolean } | null>(null);
  const plan = answer && answer.incoming === incoming && answer.strip === strip ? answer.plan : null;

  useEffect(() => {
    let current = true;
    if (incoming.length > 0) void runImport(incoming, strip).then((p) => { if (current) setAnswer({ plan: p, incoming, strip }); });
    return () => { current = false; };
  }, [incoming, strip, runImport]);

  const add = async (files: { name: string; file: File }[]) => {
    const read = await Promise.all(files.filter((f) => READABLE.test(f.name)).map(async (f) => ({ name: f.name, text: await f.file.text() })));
    setIncoming((prev) => [...prev, ...read]);
  };
  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    const entries = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry()).filter((x): x is FileSystemEntry => x !== null);
    if (entries.length > 0) await add((await Promise.all(entries.map((en) => filesOfEntry(en)))).flat());
    else await add([...e.dataTransfer.files].map((file) => ({ name: file.name, file })));
  };
  const apply = () => {
    if (!plan || 'error' in plan) return;
    const s = appStore.getState();
    s.applyFileChanges(plan.files);
    if (plan.files[0]) s.setActivePath(plan.files[0].path);
    const counts = (status: string) => plan.report.filter((r) => r.status === status).length;
    s.setNotice(`Imported ${plan.files.length} file(s): ${counts('imported')} document(s) imported, ${counts('skipped')} skipped, ${counts('invalid')} invalid. Undo takes the import back.`);
    dialogRef.current?.close();
  };

  return (
    <dialog ref={dialogRef} className="npc-dialog npc-import" data-testid="import-dialog" aria-label="Import files" onClose={onClose}>
      <header className="npc-dialog-head">
        <h2>Import</h2>
        <button type="button" className="npc-dialog-close" aria-label="close" onClick={() => dialogRef.current?.close()}>×</button>
      </header>
      <div className="npc-import-drop" data-testid="import-drop" onDragOver={(e) => e.preventDefault()} onDrop={(e) => void onDrop(e)}>
        <p>Drop YAML or JSON files or folders here: manifests, <code>kubectl get … -o yaml</code> and <code>calicoctl get … -o yaml</code> output, Helm-rendered charts.</p>
        <label className="npc-button">Pick files…
          <input type="file" multiple accept=".yaml,.yml,.json" hidden data-testid="import-files"
            onChange={(e) => void add([...(e.target.files ?? [])].map((file) => ({ name: file.name, file })))} />
        </label>{' '}
        <label className="npc-button">Pick a folder…
          <input type="file" hidden data-testid="import-folder" {...{ webkitdirectory: '' }}
            onChange={(e) => void add([...(e.target.files ?? [])].map((file) => ({ name: file.webkitRelativePath || file.name, file })))} />
        </label>
      </div>
      <div className="npc-import-paste">
        <textarea data-testid="import-paste" rows={4} placeholder="…or paste YAML here" value={pasted} onChange={(e) => setPasted(e.target.value)} />
        <button type="button" className="npc-button" data-testid="import-paste-add" disabled={pasted.trim() === ''}
          onClick={() => { setIncoming((prev) => [...prev, { name: 'pasted.yaml', text: pasted }]); setPasted(''); }}>Add pasted text</button>
      </div>
      <div className="npc-export-options">
        <label><input type="checkbox" data-testid="import-strip" checked={strip} onChange={(e) => setStrip(e.target.checked)} />
          {' '}strip what the API server added (status, managedFields, resourceVersion, uid, last-applied annotation)</label>
      </div>
      {plan && 'error' in plan ? <p className="npc-export-error" role="alert">{plan.error}</p> : null}
      {plan && !('error' in plan) ? (
        <table className="npc-export-report" data-testid="import-report" data-strip={strip}>
          <thead><tr><th>file</th><th>line</th><th>resource</th><th>import</th></tr></thead>
          <tbody>
            {plan.report.map((e, i) => (
              <tr key={i} data-status={e.status}>
                <td>{e.path}</td>
                <td>{e.line}</td>
                <td>{e.kind ? `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}` : '—'}</td>
                <td>{e.status}{e.note ? `: ${e.note}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="npc-export-actions">
        <button type="button" className="npc-button npc-primary" data-testid="import-apply" disabled={!plan || 'error' in plan} onClick={apply}>
          {plan && !('error' in plan) ? `Import ${plan.files.length} file(s)` : 'Import'}
        </button>
        <button type="button" className="npc-button" onClick={() => { setIncoming([]); }} disabled={incoming.length === 0}>Clear</button>
      </div>
    </dialog>
  );
}
