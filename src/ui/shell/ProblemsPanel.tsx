import { useAppStore } from '../../state/store';
import { useProblems } from './problems';

/** The list of problems; a click jumps to the place in the editor. */
export function ProblemsPanel() {
  const problems = useProblems();
  const reveal = useAppStore((s) => s.revealInEditor);
  if (problems.length === 0) return <p className="npc-empty">No problems.</p>;
  return (
    <ul className="npc-problems" data-testid="problems-list">
      {problems.map((p, i) => (
        <li key={i} className={`npc-problem npc-problem-${p.severity}`}>
          <button type="button" onClick={() => reveal(p.path, p.line, p.column)}>
            <span className="npc-problem-where">{p.path}:{p.line}:{p.column}</span>
            <span className="npc-problem-code">{p.code}</span>
            <span className="npc-problem-message">{p.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
