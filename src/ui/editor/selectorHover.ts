import type { PolicyFocus } from '../../engine';
import { focusBannerText } from '../graph/focusBanner';

/** Lines whose hover explains a selector: the policy's own selectors and its rules' peer selectors. */
export const SELECTOR_LINE = /(^|[\s{,])(selector|namespaceSelector|podSelector|notSelector|serviceAccountSelector|matchLabels|matchExpressions|namespaces|pods)\s*:/;

/** The most names a hover lists before "and N more". */
const LISTED = 8;

/** Markdown's special characters escaped: names and labels are user text, shown as text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

const nodeName = (id: string) => id.replace(/^wl:/, '').replace(/^hep:/, 'host endpoint ').replace(/\/(Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|Job|CronJob)\//, '/');

function listed(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED).map((id) => escapeMarkdown(nodeName(id)));
  return ids.length > LISTED ? `${shown.join(', ')} and ${ids.length - LISTED} more` : shown.join(', ');
}

/**
 * The hover of a selector line, from the engine's focus on that line: on a rule's line what
 * the rule's peers match, elsewhere in the policy what its selector selects, with the names.
 */
export function selectorHoverMarkdown(f: PolicyFocus): string {
  const text = focusBannerText(f);
  const head = `**${escapeMarkdown(text.policy)}**`;
  if (f.rule) {
    return `${head}\n\n${escapeMarkdown(text.peers)}${f.peers.length > 0 ? `: ${listed(f.peers)}` : ''}`;
  }
  return `${head}\n\n${escapeMarkdown(text.selects)}${f.selected.length > 0 ? `: ${listed(f.selected)}` : ''}`;
}
