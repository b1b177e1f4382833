import { useState } from 'react';
import { probeParts, probeText, type ProbeKind } from '../../state/probe';
import { useAppStore } from '../../state/store';

const KINDS: readonly { kind: ProbeKind; label: string }[] = [
  { kind: 'any', label: 'any traffic' },
  { kind: 'TCP', label: 'TCP port' },
  { kind: 'UDP', label: 'UDP port' },
  { kind: 'ICMP', label: 'ICMP (echo)' },
];

const validPort = (p: number) => Number.isInteger(p) && p >= 1 && p <= 65535;

/**
 * The graph-wide probe (issue 4 item 3): `any traffic` keeps the edges' own colours; a TCP or
 * UDP port, or ICMP echo, recolours every edge by that one connection (see state/probe.ts).
 * The port box only sets the probe while it holds a valid port.
 */
export function ProbePicker() {
  const probe = useAppStore((s) => s.probe);
  const setProbe = useAppStore((s) => s.setProbe);
  const parts = probeParts(probe);
  const [portText, setPortText] = useState(String(parts.port ?? 80));
  const port = Number(portText);
  const choose = (kind: ProbeKind) => {
    if (kind === 'any' || kind === 'ICMP' || validPort(port)) setProbe(probeText(kind, port));
  };
  const onPort = (text: string) => {
    setPortText(text);
    const p = Number(text);
    if ((parts.kind === 'TCP' || parts.kind === 'UDP') && validPort(p)) setProbe(probeText(parts.kind, p));
  };
  return (
    <fieldset className="npc-edge-filter npc-probe-picker">
      <legend>Colour by</legend>
      <div className="npc-legend-row">
        <select aria-label="probe" data-testid="probe-kind" value={parts.kind} onChange={(e) => choose(e.target.value as ProbeKind)}>
          {KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
        </select>
        <input type="number" min={1} max={65535} aria-label="probe port" data-testid="probe-port" className="npc-probe-port"
          value={portText} disabled={parts.kind !== 'TCP' && parts.kind !== 'UDP'}
          aria-invalid={!validPort(port)} onChange={(e) => onPort(e.target.value)} />
      </div>
    </fieldset>
  );
}
