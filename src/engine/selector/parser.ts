/**
 * Recursive-descent parser for Calico selectors (SPEC §2.2). Precedence, loosest first:
 * `||`, `&&`, `!`, primary. Builds the same tree shape as Calico (single-operand groups
 * collapse, nested groups stay nested) so that the canonical string matches Calico's.
 */
import type { ParseResult, SelectorError, SelectorNode } from './ast';
import { column, tokenize, type Token, type TokenKind } from './tokenizer';

/**
 * Deepest parenthesis nesting accepted. Calico has no limit, but a JS call stack does; real
 * selectors stay far below this, and an error is better than a RangeError in the editor.
 */
export const MAX_NESTING = 500;

const OPERATOR_TEXT: Partial<Record<TokenKind, string>> = {
  eq: '==', ne: '!=', contains: 'contains', startsWith: 'starts with', endsWith: 'ends with',
  in: 'in', notIn: 'not in', and: '&&', or: '||', not: '!', lparen: '(', rparen: ')',
  lbrace: '{', rbrace: '}', comma: ',',
};

const VALUE_KIND: Partial<Record<TokenKind, 'eq' | 'neq' | 'contains' | 'startsWith' | 'endsWith'>> = {
  eq: 'eq', ne: 'neq', contains: 'contains', startsWith: 'startsWith', endsWith: 'endsWith',
};

/** How a token reads in an error message. */
function describe(t: Token): string {
  switch (t.kind) {
    case 'label': return `label '${t.value}'`;
    case 'string': return `string ${quoteForMessage(t.value)}`;
    case 'has': return `'has(${t.value})'`;
    case 'all': return "'all()'";
    case 'global': return "'global()'";
    case 'eof': return 'the end of the selector';
    default: return `'${OPERATOR_TEXT[t.kind] ?? t.kind}'`;
  }
}

function quoteForMessage(s: string): string {
  const shown = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return s.includes('"') ? `'${shown}'` : `"${shown}"`;
}

class ParseFailure {
  constructor(readonly error: SelectorError) {}
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private get cur(): Token {
    return this.tokens[this.pos] as Token;
  }

  private fail(message: string, at: Token, spanTo: Token = at): never {
    const length = Math.max(at.length, spanTo.offset + spanTo.length - at.offset);
    throw new ParseFailure({ message, offset: at.offset, length });
  }

  /** `what` was expected after `prev` but `found` came; at the end of input the underline goes on `prev`. */
  private expected(what: string, prev: Token, found: Token): never {
    if (found.kind === 'eof') {
      this.fail(`expected ${what} after ${describe(prev)} at ${column(prev.offset)}, but the selector ended`, prev);
    }
    this.fail(`expected ${what} after ${describe(prev)}, found ${describe(found)} at ${column(found.offset)}`, found);
  }

  parseRoot(): SelectorNode {
    const node = this.parseOr();
    const rest = this.cur;
    if (rest.kind !== 'eof') {
      const last = this.tokens[this.tokens.length - 2] as Token;
      const hint = rest.kind === 'rparen' ? " (a ')' without a matching '(')" : '; join terms with && or ||';
      this.fail(`unexpected content at end of selector: ${describe(rest)} at ${column(rest.offset)}${hint}`, rest, last);
    }
    return node;
  }

  private parseOr(): SelectorNode {
    const first = this.parseAnd();
    if (this.cur.kind !== 'or') return first;
    const exprs = [first];
    while (this.cur.kind === 'or') {
      this.pos++;
      exprs.push(this.parseAnd());
    }
    return { kind: 'or', exprs };
  }

  private parseAnd(): SelectorNode {
    const first = this.parseOperation();
    if (this.cur.kind !== 'and') return first;
    const exprs = [first];
    while (this.cur.kind === 'and') {
      this.pos++;
      exprs.push(this.parseOperation());
    }
    return { kind: 'and', exprs };
  }

  /**
   * SPEC §2.2 `operation := "!"* primary`. The `!`s collapse into one negation *flag* that
   * each `!` toggles, as in Calico: `!!has(b)` is `has(b)` (vector: `!!has(b)` on {a:b} is false).
   */
  private parseOperation(): SelectorNode {
    let negated = false;
    while (this.cur.kind === 'not') {
      negated = !negated;
      this.pos++;
    }
    const node = this.parsePrimary();
    return negated ? { kind: 'not', expr: node } : node;
  }

  private parsePrimary(): SelectorNode {
    const t = this.cur;
    switch (t.kind) {
      case 'has':
        this.pos++;
        return { kind: 'has', label: t.value };
      case 'all':
        this.pos++;
        return { kind: 'all' };
      case 'global':
        this.pos++;
        return { kind: 'global' };
      case 'label':
        return this.parseMatch(t);
      case 'lparen':
        return this.parseGroup(t);
      case 'eof': {
        const prev = this.tokens[this.pos - 1];
        if (prev) this.expected('a selector term', prev, t);
        this.fail('empty selector term', t);
        break;
      }
      case 'string':
        this.fail(
          `unexpected string ${quoteForMessage(t.value)} at ${column(t.offset)}: a comparison starts with the label, e.g. app == "web"`,
          t,
        );
        break;
      case 'rparen': {
        const prev = this.tokens[this.pos - 1];
        if (prev?.kind === 'lparen') this.fail(`empty parentheses '()' at ${column(prev.offset)}`, prev, t);
        break;
      }
    }
    this.fail(
      `unexpected ${describe(t)} at ${column(t.offset)}: expected a label comparison, has(…), all(), global(), '!' or '('`,
      t,
    );
  }

  private parseGroup(open: Token): SelectorNode {
    if (this.depth >= MAX_NESTING) this.fail(`parentheses nested more than ${MAX_NESTING} deep at ${column(open.offset)}`, open);
    this.depth++;
    this.pos++;
    const inner = this.parseOr();
    this.depth--;
    const close = this.cur;
    if (close.kind !== 'rparen') {
      if (close.kind === 'eof') this.fail(`missing ')' to close the '(' at ${column(open.offset)}`, open);
      this.fail(`expected ')' to close the '(' at ${column(open.offset)}, found ${describe(close)} at ${column(close.offset)}`, close);
    }
    this.pos++;
    return inner;
  }

  /** `label op string` or `label (not) in {set}` (SPEC §2.2 primary). */
  private parseMatch(labelTok: Token): SelectorNode {
    const label = labelTok.value;
    const op = this.tokens[this.pos + 1] as Token;
    const valueKind = VALUE_KIND[op.kind];
    if (valueKind) {
      const lit = this.tokens[this.pos + 2] as Token;
      if (lit.kind !== 'string') {
        this.expected(lit.kind === 'label' ? "a quoted string (labels can't be compared with labels)" : 'a quoted string', op, lit);
      }
      this.pos += 3;
      return { kind: valueKind, label, value: lit.value };
    }
    if (op.kind === 'in' || op.kind === 'notIn') {
      const open = this.tokens[this.pos + 2] as Token;
      if (open.kind !== 'lbrace') this.expected('a set of quoted strings like {"a", "b"}', op, open);
      this.pos += 3;
      const values = this.parseSetBody(open);
      return { kind: op.kind, label, values };
    }
    if (op.kind === 'eof') {
      this.fail(
        `label '${label}' at ${column(labelTok.offset)} needs a comparison: ==, !=, in, not in, contains, starts with or ends with`,
        labelTok,
      );
    }
    this.expected('an operator (==, !=, in, not in, contains, starts with, ends with)', labelTok, op);
  }

  /** SPEC §2.2 set: `{}`; strings separated by commas; one trailing comma after a string is accepted; `{,}` is not. */
  private parseSetBody(open: Token): string[] {
    const values: string[] = [];
    let prev = open;
    for (;;) {
      const t = this.cur;
      if (t.kind === 'string') {
        values.push(t.value);
        this.pos++;
        prev = t;
        const sep = this.cur;
        if (sep.kind === 'comma') {
          this.pos++;
          prev = sep;
          continue;
        }
        if (sep.kind === 'rbrace') break;
        this.expected("',' or '}'", prev, sep);
      }
      if (t.kind === 'rbrace') break;
      if (t.kind === 'eof') this.fail(`missing '}' to close the set at ${column(open.offset)}`, open);
      this.expected("a quoted string or '}'", prev, t);
    }
    this.pos++; // the '}'
    return values;
  }
}

/**
 * Parses a Calico selector (SPEC §2.1–2.2). An empty string, or one of only spaces/tabs,
 * is `all()`. Errors carry the exact span of the offending token.
 */
export function parseSelector(text: string): ParseResult {
  const lexed = tokenize(text);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens;
  if ((tokens[0] as Token).kind === 'eof') return { ok: true, ast: { kind: 'all' } };
  try {
    return { ok: true, ast: new Parser(tokens).parseRoot() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}
