import { useAppStore } from '../../state/store';

/** A step of a guided walkthrough: its text and the YAML it writes. */
export interface Step {
  title: string;
  text: string;
  policies: string;
}

/** Steps through a scenario; each step writes its YAML into the policies file of the editor. */
export function Walkthrough({ steps, path }: { steps: readonly Step[]; path: string }) {
  const current = useAppStore((s) => s.walkthroughStep);
  const setStep = useAppStore((s) => s.setWalkthroughStep);
  const setFileText = useAppStore((s) => s.setFileText);
  const setActivePath = useAppStore((s) => s.setActivePath);
  const go = (i: number) => {
    setStep(i);
    setFileText(path, steps[i]!.policies);
    setActivePath(path);
  };
  return (
    <section className="npc-walkthrough" aria-label="walkthrough">
      <ol>
        {steps.map((s, i) => (
          <li key={s.title} className={i === current ? 'is-current' : ''}>
            <button type="button" data-testid={`walkthrough-step-${i}`} onClick={() => go(i)}>
              <span className="npc-step-number">{i}</span> {s.title}
            </button>
            {i === current ? <p>{s.text}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
