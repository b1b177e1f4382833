import type { Diagnostic, DiagnosticCode, Severity } from '../model/diagnostics';
import { formatFieldPath, type FieldPath } from '../model/source';
import type { RawObject } from './documents';
import { compileSelector, parseSelector, type SelectorNode } from '../selector';
import type { Selector } from '../model/policy';
import { parseCidr, type IpRange } from '../net/ip';

/**
 * Where the value's character `k` is in the source line: `from` is the index of the scalar's
 * first content character. Escapes of a double-quoted scalar (`\"`, `\\`, `\x41`, `\u00e9`)
 * and the doubled quote of a single-quoted one (`''`) are several source characters for one
 * value character, so an error inside `"app == \"x\" && %"` is underlined at the `%`.
 */
function sourceIndex(src: string, from: number, quote: string, k: number): number {
  let i = from;
  for (let v = 0; v < k && i < src.length; v++) {
    if (quote === '"' && src[i] === '\\') {
      const c = src[i + 1];
      i += c === 'x' ? 4 : c === 'u' ? 6 : c === 'U' ? 10 : 2;
    } else if (quote === "'" && src[i] === "'" && src[i + 1] === "'") i += 2;
    else i += 1;
  }
  return i;
}

/**
 * Reads fields of one object and records located diagnostics. Every reader returns
 * `undefined` (and reports) on a wrong type, so compilers stay linear and never throw.
 */
export class ObjectReader {
  /** `lines` is the source text of the object's file, to place columns inside quoted scalars. */
  constructor(readonly obj: RawObject, readonly diagnostics: Diagnostic[], private readonly lines: readonly string[] = []) {}

  report(code: DiagnosticCode, field: FieldPath, message: string, severity: Severity = 'error', offset?: { start: number; length: number }): void {
    const r = this.obj.locate(field);
    const { line } = r;
    let { column, endLine, endColumn } = r;
    // Point inside a single-line scalar (a selector string) when an offset is known.
    if (offset && r.line === r.endLine) {
      const src = this.lines[r.line - 1] ?? '';
      const first = src[r.column - 1];
      const quote = first === '"' || first === "'" ? first : '';
      const from = r.column - 1 + (quote ? 1 : 0);
      column = sourceIndex(src, from, quote, offset.start) + 1;
      endLine = line;
      endColumn = Math.max(column + 1, sourceIndex(src, from, quote, offset.start + offset.length) + 1);
    }
    this.diagnostics.push({ code, severity, message, path: this.obj.path, line, column, endLine, endColumn, field: formatFieldPath(field) });
  }

  get(field: FieldPath): unknown {
    let cur: unknown = this.obj.value;
    for (const k of field) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string | number, unknown>)[k];
    }
    return cur;
  }

  string(field: FieldPath): string | undefined {
    const v = this.get(field);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.report('NPC005', field, `${formatFieldPath(field)} must be a string`);
      return undefined;
    }
    return v;
  }

  number(field: FieldPath): number | undefined {
    const v = this.get(field);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.report('NPC005', field, `${formatFieldPath(field)} must be a number`);
      return undefined;
    }
    return v;
  }

  array(field: FieldPath): unknown[] | undefined {
    const v = this.get(field);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.report('NPC005', field, `${formatFieldPath(field)} must be a list`);
      return undefined;
    }
    return v;
  }

  map(field: FieldPath): Record<string, unknown> | undefined {
    const v = this.get(field);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.report('NPC005', field, `${formatFieldPath(field)} must be a mapping`);
      return undefined;
    }
    return v as Record<string, unknown>;
  }

  stringMap(field: FieldPath): Record<string, string> {
    const m = this.map(field);
    const out: Record<string, string> = {};
    if (!m) return out;
    for (const [k, v] of Object.entries(m)) {
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') {
        this.report('NPC005', [...field, k], `label values are strings: quote ${String(v)}`);
        out[k] = String(v);
      } else this.report('NPC005', [...field, k], `${formatFieldPath([...field, k])} must be a string`);
    }
    return out;
  }

  /** Parses a Calico selector string; reports the error at its exact column (SPEC §2). */
  selectorAst(field: FieldPath): SelectorNode | undefined | null {
    const text = this.string(field);
    if (text === undefined) return null; // absent
    const parsed = parseSelector(text);
    if (!parsed.ok) {
      this.report('NPC010', field, `invalid selector: ${parsed.error.message}`, 'error', { start: parsed.error.offset, length: parsed.error.length });
      return undefined; // present but broken
    }
    return parsed.ast;
  }

  cidrs(field: FieldPath): IpRange[] | undefined {
    const list = this.array(field);
    if (!list) return undefined;
    const out: IpRange[] = [];
    list.forEach((item, i) => {
      if (typeof item !== 'string') {
        this.report('NPC030', [...field, i], 'a CIDR must be a string such as 10.0.0.0/8');
        return;
      }
      const r = parseCidr(item);
      if ('error' in r) this.report('NPC030', [...field, i], r.error);
      else out.push(r);
    });
    return out;
  }
}

/** Compiles an AST into the evaluator's selector form. */
export function toSelector(ast: SelectorNode): Selector {
  return { ast, match: compileSelector(ast) };
}
