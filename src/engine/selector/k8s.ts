/**
 * Kubernetes `metav1.LabelSelector` → Calico selector AST (SPEC §3.7, §1.1), the way Calico's
 * converter writes it: `matchLabels` sorted by key as `k == 'v'`, then `matchExpressions` in
 * order (`In` → `k in {…}`, `NotIn` → `k not in {…}`, `Exists` → `has(k)`,
 * `DoesNotExist` → `!has(k)`), all ANDed; an empty selector matches everything.
 */
import type { SelectorNode } from './ast';
import { compareCodePoints } from './canonical';
import { MAX_LABEL_LENGTH, isValidLabelKey } from './tokenizer';

/**
 * A Kubernetes LabelSelector as it appears in a manifest. Fields are typed as the API defines
 * them, but the converter re-checks every type because manifests arrive as untyped YAML.
 */
export interface K8sLabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null;
}

/** Result of {@link fromLabelSelector}; `error` names the offending field, e.g. `matchExpressions[1].values: …`. */
export type LabelSelectorResult = { ok: true; ast: SelectorNode } | { ok: false; error: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function keyProblem(key: string): string | null {
  if (isValidLabelKey(key)) return null;
  if (key === '') return 'the label key is empty';
  if (key.length > MAX_LABEL_LENGTH) return `the label key is longer than ${MAX_LABEL_LENGTH} characters`;
  return `the label key '${key}' has characters a selector cannot express (allowed: letters, digits, '_', '.', '/', '-')`;
}

/** SPEC §2.1: a literal has no escapes, so a value with both quote characters cannot be written. */
function valueProblem(value: string): string | null {
  return value.includes('"') && value.includes("'") ? `the value ${JSON.stringify(value)} contains both ' and " quotes` : null;
}

/**
 * Converts a Kubernetes LabelSelector to a selector AST. `{}` (or no terms) gives `all()`;
 * one term is returned alone, several as one `and`. Rejects what the Kubernetes API server
 * would reject: an unknown operator, `In`/`NotIn` without values, `Exists`/`DoesNotExist`
 * with values, non-string keys or values, and keys a selector cannot express.
 * `NotIn` and `DoesNotExist` match objects lacking the key (SPEC §2.3).
 */
export function fromLabelSelector(sel: K8sLabelSelector): LabelSelectorResult {
  const raw: unknown = sel;
  if (!isRecord(raw)) return { ok: false, error: 'a label selector must be a mapping' };
  const terms: SelectorNode[] = [];

  const ml: unknown = raw.matchLabels;
  if (ml !== undefined && ml !== null) {
    if (!isRecord(ml)) return { ok: false, error: 'matchLabels: must be a mapping of label key to value' };
    // SPEC §3.7: sorted by key (Go sorts by bytes = code points).
    for (const key of Object.keys(ml).sort(compareCodePoints)) {
      const value = ml[key];
      const field = `matchLabels[${JSON.stringify(key)}]`;
      if (typeof value !== 'string') return { ok: false, error: `${field}: the value must be a string (quote it)` };
      const problem = keyProblem(key) ?? valueProblem(value);
      if (problem) return { ok: false, error: `${field}: ${problem}` };
      terms.push({ kind: 'eq', label: key, value });
    }
  }

  const me: unknown = raw.matchExpressions;
  if (me !== undefined && me !== null) {
    if (!Array.isArray(me)) return { ok: false, error: 'matchExpressions: must be a list' };
    for (let i = 0; i < me.length; i++) {
      const field = `matchExpressions[${i}]`;
      const expr: unknown = me[i];
      if (!isRecord(expr)) return { ok: false, error: `${field}: must be a mapping with key, operator and values` };
      const { key, operator } = expr;
      if (typeof key !== 'string') return { ok: false, error: `${field}.key: must be a string` };
      const kp = keyProblem(key);
      if (kp) return { ok: false, error: `${field}.key: ${kp}` };
      const rawValues: unknown = expr.values;
      let values: string[] = [];
      if (rawValues !== undefined && rawValues !== null) {
        if (!Array.isArray(rawValues)) return { ok: false, error: `${field}.values: must be a list of strings` };
        for (let j = 0; j < rawValues.length; j++) {
          const v: unknown = rawValues[j];
          if (typeof v !== 'string') return { ok: false, error: `${field}.values[${j}]: must be a string (quote it)` };
          const vp = valueProblem(v);
          if (vp) return { ok: false, error: `${field}.values[${j}]: ${vp}` };
        }
        values = rawValues as string[];
      }
      switch (operator) {
        case 'In':
        case 'NotIn':
          if (values.length === 0) {
            return { ok: false, error: `${field}.values: must be non-empty when operator is ${operator}` };
          }
          terms.push({ kind: operator === 'In' ? 'in' : 'notIn', label: key, values: [...values] });
          break;
        case 'Exists':
        case 'DoesNotExist':
          if (values.length > 0) {
            return { ok: false, error: `${field}.values: must be empty when operator is ${operator}` };
          }
          terms.push(operator === 'Exists' ? { kind: 'has', label: key } : { kind: 'not', expr: { kind: 'has', label: key } });
          break;
        default:
          return {
            ok: false,
            error: `${field}.operator: ${typeof operator === 'string' ? `unknown operator '${operator}'` : 'missing'}; expected In, NotIn, Exists or DoesNotExist`,
          };
      }
    }
  }

  if (terms.length === 0) return { ok: true, ast: { kind: 'all' } };
  if (terms.length === 1) return { ok: true, ast: terms[0] as SelectorNode };
  return { ok: true, ast: { kind: 'and', exprs: terms } };
}
