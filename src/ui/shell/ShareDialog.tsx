import { useEffect, useState } from 'react';
import { appStore, useAppStore } from '../../state/store';
import { encodeShare, readWorkspaceFile, SHARE_MAX_CHARS, SHARE_WARN_CHARS, workspaceFileText } from '../../state/share';
import { useModal, downloadText } from './dialog';

/**
 * Share and keep the workspace: a link that carries it in its fragment (nothing is uploaded;
 * whoever opens the link gets the files in their own browser), and the workspace as one file to
 * save or open. Opening a file is one undo step, like any other model edit.
 */
export function ShareDialog({ onClose }: { onClose(): void }) {
  const files = useAppStore((s) => s.files);
  const activePath = useAppStore((s) => s.activePath);
  const walkthroughStep = useAppStore((s) => s.walkthroughStep);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const dialogRef = useModal();

  useEffect(() => {
    let current = true;
    void encodeShare({ files, activePath, walkthroughStep }).then((frag) => {
      if (current) setLink(`${window.location.origin}${window.location.pathname}#${frag}`);
    });
    return () => { current = false; };
  }, [files, activePath, walkthroughStep]);

  const tooBig = link !== null && link.length > SHARE_MAX_CHARS;
  const long = link !== null && link.length > SHARE_WARN_CHARS;
  const save = () => {
    downloadText('netpol-canvas-workspace.json', workspaceFileText({ files, activePath, walkthroughStep }), 'application/json');
  };
  const open = async (file: File | undefined) => {
    if (!file) return;
    const read = readWorkspaceFile(await file.text());
    if ('error' in read) {
      setFileProblem(`${file.name}: ${read.error}`);
      return;
    }
    const s = appStore.getState();
    s.replaceFiles(read.files, read.activePath);
    s.setWalkthroughStep(read.walkthroughStep);
    s.setNotice(`Opened ${file.name}: ${read.files.length} file(s). Undo brings back the workspace you had.`);
    dialogRef.current?.close();
  };

  return (
    <dialog ref={dialogRef} className="npc-dialog npc-share" data-testid="share-dialog" aria-label="Share the workspace" onClose={onClose}>
      <header className="npc-dialog-head">
        <h2>Share and save</h2>
        <button type="button" className="npc-dialog-close" aria-label="close" data-testid="share-close" onClick={() => dialogRef.current?.close()}>×</button>
      </header>
      <section className="npc-share-body">
        <h3>Link</h3>
        <p className="npc-muted">The workspace travels inside the link itself: nothing is uploaded anywhere.</p>
        {tooBig ? (
          <p className="npc-share-warning" data-testid="share-too-big" role="alert">
            {`This workspace makes a link of ${link.length.toLocaleString('en')} characters, more than browsers open. Save it as a file instead.`}
          </p>
        ) : (
          <>
            <div className="npc-share-link">
              <input readOnly data-testid="share-link" value={link ?? ''} aria-label="share link" onFocus={(e) => e.target.select()} />
              <button type="button" className="npc-button" data-testid="share-copy" disabled={!link}
                onClick={() => { if (link) void navigator.clipboard.writeText(link).then(() => setCopied(true)); }}>
                {copied ? 'Copied' : 'Copy link'}
              </button>
            </div>
            <p className={long ? 'npc-share-warning' : 'npc-muted'} data-testid="share-size" data-long={long}>
              {link ? `${link.length.toLocaleString('en')} characters${long ? ': some chat and mail tools cut links this long; a workspace file is safer' : ''}` : 'encoding…'}
            </p>
          </>
        )}
        <h3>Workspace file</h3>
        <div className="npc-share-file">
          <button type="button" className="npc-button" data-testid="workspace-save" onClick={save}>Save workspace file</button>
          <label className="npc-button">
            Open workspace file…
            <input type="file" accept=".json,application/json" data-testid="workspace-open" hidden
              onChange={(e) => void open(e.target.files?.[0])} />
          </label>
        </div>
        {fileProblem ? <p className="npc-share-warning" role="alert" data-testid="workspace-open-problem">{fileProblem}</p> : null}
      </section>
    </dialog>
  );
}
