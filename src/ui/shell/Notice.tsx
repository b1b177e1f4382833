import { useAppStore } from '../../state/store';

/** One line over the graph about what just happened to the workspace (a shared one opened). */
export function Notice() {
  const notice = useAppStore((s) => s.notice);
  const setNotice = useAppStore((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div className="npc-notice" role="status" data-testid="notice">
      <span>{notice}</span>
      <button type="button" className="npc-dialog-close" aria-label="dismiss" onClick={() => setNotice(null)}>×</button>
    </div>
  );
}
