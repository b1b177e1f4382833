import { useState } from 'react';
import { useAppStore } from '../../state/store';
import { freshFilePath } from '../../state/filePaths';

type Editing = { mode: 'new'; name: string } | { mode: 'rename'; path: string; name: string };

/**
 * The workspace's files as tabs: click to open, double-click to rename, × to delete (asked
 * first), + for a new file. Names are checked by state/filePaths.ts; a refused name stays in
 * the box with the reason beside it.
 */
export function FileTabs() {
  const files = useAppStore((s) => s.files);
  const activePath = useAppStore((s) => s.activePath);
  const setActivePath = useAppStore((s) => s.setActivePath);
  const addFile = useAppStore((s) => s.addFile);
  const renameFile = useAppStore((s) => s.renameFile);
  const deleteFile = useAppStore((s) => s.deleteFile);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const active = files.find((f) => f.path === activePath)?.path ?? files[0]?.path;

  const commit = () => {
    if (!editing) return;
    const name = editing.name.trim();
    const refused = editing.mode === 'new' ? addFile(name) : renameFile(editing.path, name);
    setProblem(refused);
    if (!refused) setEditing(null);
  };
  const cancel = () => {
    setEditing(null);
    setProblem(null);
  };
  const nameBox = (label: string) => editing && (
    <span className="npc-file-name-box">
      <input
        aria-label={label}
        data-testid="file-name-input"
        value={editing.name}
        autoFocus
        onChange={(e) => setEditing({ ...editing, name: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') cancel();
        }}
        onBlur={cancel}
      />
      {problem ? <span role="alert" className="npc-error" data-testid="file-name-problem">{problem}</span> : null}
    </span>
  );

  return (
    <div className="npc-file-tabs" role="tablist" aria-label="workspace files">
      {files.map((f) => (editing?.mode === 'rename' && editing.path === f.path ? (
        <span key={f.path}>{nameBox(`new name for ${f.path}`)}</span>
      ) : (
        <span key={f.path} className="npc-file-tab">
          <button
            type="button" role="tab" aria-selected={f.path === active} data-testid={`file-tab-${f.path}`}
            title="double-click to rename"
            onClick={() => setActivePath(f.path)}
            onDoubleClick={() => { setProblem(null); setEditing({ mode: 'rename', path: f.path, name: f.path }); }}
          >
            {f.path}
          </button>
          {f.path === active && files.length > 1 ? (
            <button
              type="button" className="npc-file-delete" aria-label={`delete ${f.path}`} data-testid={`file-delete-${f.path}`}
              onClick={() => { if (window.confirm(`Delete ${f.path}? Its text is removed from the workspace.`)) deleteFile(f.path); }}
            >
              ×
            </button>
          ) : null}
        </span>
      )))}
      {editing?.mode === 'new' ? nameBox('name of the new file') : (
        <button type="button" className="npc-file-new" aria-label="new file" data-testid="file-new"
          onClick={() => { setProblem(null); setEditing({ mode: 'new', name: freshFilePath(files.map((f) => f.path)) }); }}>
          +
        </button>
      )}
    </div>
  );
}
