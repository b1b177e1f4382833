/**
 * The corpus case format (shared/corpus/README.md, "case.json (common format)") and what a
 * check of one case returns. Only the fields the runner reads are typed; everything else in a
 * case.json is informative.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import type { Conventions, WorkspaceFile } from '../../engine';

/** One `expected` row of a connectivity query. */
export interface ConnRow {
  src: string;
  dst: string;
  conn: string;
  conn_struct?: unknown;
}

/** One `expected` row of a probe query. */
export interface ProbeRow {
  src: string;
  dst: string;
  probe: string;
  allowed: boolean;
}

/** The query of a case: its kind plus the netpol-analyzer focus options. */
export interface CaseQuery {
  kind: string;
  focus_workload?: string[];
  focus_workload_peer?: string[];
  focus_direction?: 'ingress' | 'egress';
  focus_conn?: string;
  multiple_networks_enabled?: boolean;
}

/** A parsed case.json. */
export interface CaseFile {
  source?: string;
  conventions?: Conventions;
  inputs?: string[];
  implicit_inputs?: string[];
  /**
   * NCA cases: which inputs play which role in the upstream scheme (`namespaceList`, `podList`,
   * `resourceList`, `networkPolicyList`).
   */
  input_roles?: Record<string, string[] | undefined>;
  query?: CaseQuery;
  expected?: unknown[] | null;
  expected_error?: boolean;
  expected_error_substrings?: string[];
  expected_error_message_nca?: string;
  /** Node name -> `pod`, `ip-block`, `host-endpoint`, `workload:Deployment`, `ingress-controller`, ... */
  node_types?: Record<string, string>;
}

/**
 * The verdict on one case. A failure has a short `category` (for grouping: what the engine
 * lacks or where it differs) and a one-line `reason` (the first differing pair).
 */
export type Outcome =
  | { status: 'pass' }
  | { status: 'fail'; category: string; reason: string }
  | { status: 'skip'; reason: string };

/** Shorthand for a failed outcome. */
export function fail(category: string, reason: string): Outcome {
  return { status: 'fail', category, reason };
}

/** Every `case.json` and `selector_vectors.json` under `dir`, recursively, in sorted order. */
export function discover(dir: string): { cases: string[]; vectors: string[] } {
  const cases: string[] = [];
  const vectors: string[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (name === 'case.json') cases.push(p);
      else if (name === 'selector_vectors.json') vectors.push(p);
    }
  };
  visit(dir);
  return { cases, vectors };
}

/** A path relative to the corpus root, with `/` separators (`.` for the root itself). */
export function relPath(root: string, p: string): string {
  const rel = relative(root, p);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

/** The id of a case: its folder relative to the corpus root. */
export function caseId(root: string, caseFile: string): string {
  return relPath(root, join(caseFile, '..'));
}

/** The source group of a file: the first folder under the root, or the root's own name. */
export function sourceGroup(root: string, file: string): string {
  const rel = relative(root, file).split(sep);
  if (rel.length > 1) return rel[0]!;
  return root.split(sep).filter((s) => s !== '').pop() ?? '.';
}

/** Every policy kind: NetworkPolicy, GlobalNetworkPolicy, their staged forms, (Baseline)AdminNetworkPolicy. */
const POLICY_KIND = /NetworkPolicy$/;

/**
 * The text of a topology-only input: its documents (and `List` items) without policies. Falls
 * back to the text as it is when it does not parse, so the engine reports the problem.
 */
export function withoutPolicies(text: string): string {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return text;
  const keep = (v: unknown): boolean => !(typeof v === 'object' && v !== null && POLICY_KIND.test(String((v as { kind?: unknown }).kind)));
  const values = docs.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined && keep(v)).map((v) => {
    const list = v as { items?: unknown };
    return Array.isArray(list.items) ? { ...list, items: list.items.filter(keep) } : v;
  });
  return values.map((v) => stringify(v)).join('---\n');
}

/**
 * Reads `inputs` and `implicit_inputs` of a case (paths relative to the case folder). Where an
 * NCA case names a `networkPolicyList`, upstream took policies from those files only and read the
 * others (resource lists) for namespaces and pods: the other inputs are read without policies.
 */
export function readCaseInputs(caseDir: string, id: string, c: CaseFile): WorkspaceFile[] | { error: string } {
  const names = [...(c.inputs ?? []), ...(c.implicit_inputs ?? [])];
  if (names.length === 0) return { error: 'case has no inputs' };
  const policyFiles = new Set(c.input_roles?.networkPolicyList ?? []);
  const out: WorkspaceFile[] = [];
  for (const n of names) {
    const p = join(caseDir, n);
    if (!existsSync(p)) return { error: `input ${n} does not exist` };
    const text = readFileSync(p, 'utf8');
    out.push({ path: `${id}/${n}`, text: policyFiles.size > 0 && !policyFiles.has(n) ? withoutPolicies(text) : text });
  }
  return out;
}
