import type { PortClass } from '../../state/portClasses';
import { classText } from './format';

/** The edge's allowed connections per class; a click on a class explains one flow of it. */
export function PortClassTable({ classes, probe, onProbe }: { classes: PortClass[]; probe: string; onProbe(probe: string): void }) {
  if (classes.length === 0) return <p className="npc-empty" data-testid="port-classes-none">No connection is allowed between any members.</p>;
  return (
    <table className="npc-classes" data-testid="port-classes">
      <thead><tr><th>Protocol</th><th>Ports / types</th><th>Allowed for</th><th><span className="npc-visually-hidden">explain</span></th></tr></thead>
      <tbody>
        {classes.map((c) => {
          const t = classText(c);
          return (
            <tr key={`${c.members}/${c.probe}`} data-testid="port-class" data-probe={c.probe} data-members={c.members} className={c.probe === probe ? 'is-probed' : undefined}>
              <td>{t.protocol}</td>
              <td>{t.detail}</td>
              <td>{c.members === 'all' ? 'all members' : 'some members'}</td>
              <td><button type="button" className="npc-link" title={`explain ${c.probe}`} onClick={() => onProbe(c.probe)}>{c.probe}</button></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
