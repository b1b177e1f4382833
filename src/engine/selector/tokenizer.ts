/**
 * Hand-written tokenizer for the Calico selector language (SPEC §2.1). Tokens carry their
 * source span so that parser errors can be underlined exactly.
 */
import type { SelectorError } from './ast';

/**
 * Token kinds. They map one-to-one onto Calico's `TokXxx` kinds
 * (`label` = TokLabel, `string` = TokStringLiteral, `notIn` = TokNotIn, `eof` = TokEOF, ...).
 */
export type TokenKind =
  | 'label' | 'string' | 'lbrace' | 'rbrace' | 'comma' | 'eq' | 'ne' | 'in' | 'notIn' | 'not'
  | 'contains' | 'startsWith' | 'endsWith' | 'all' | 'has' | 'global' | 'lparen' | 'rparen'
  | 'and' | 'or' | 'eof';

/**
 * One token. `value` is the label name (`label`, `has`), the literal's content without quotes
 * (`string`), and `''` for every other kind. `offset`/`length` give its span in the input
 * (UTF-16 indices); the `eof` token sits at the end of the input with length 0.
 */
export interface Token {
  kind: TokenKind;
  value: string;
  offset: number;
  length: number;
}

/** Result of {@link tokenize}: every token up to and including `eof`, or the first lexical error. */
export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; error: SelectorError };

/** SPEC §2.1: label keys are 1..512 characters; 513 is an error (tokenizer vectors 512/513). */
export const MAX_LABEL_LENGTH = 512;

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;

/** SPEC §2.1: identifier characters are `[A-Za-z0-9_./-]`. */
export function isLabelChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || c === 46 || c === 47 || c === 45 // _ . / -
  );
}

/** True if `label` can be written as a selector label key (charset and length). */
export function isValidLabelKey(label: string): boolean {
  if (label.length === 0 || label.length > MAX_LABEL_LENGTH) return false;
  for (let i = 0; i < label.length; i++) if (!isLabelChar(label.charCodeAt(i))) return false;
  return true;
}

/** `column N` for a 0-based offset: editors and people count columns from 1. */
export function column(offset: number): string {
  return `column ${offset + 1}`;
}

/**
 * Splits `text` into tokens per SPEC §2.1. Only space and TAB separate tokens; any other
 * character outside a string literal that is not part of a token (including a newline) is
 * an error. Operators such as `contains` / `not in` are only recognised right after a label,
 * and `has(` / `all(` / `global(` only when not right after one.
 */
export function tokenize(text: string): TokenizeResult {
  const n = text.length;
  const tokens: Token[] = [];
  let i = 0;

  const fail = (message: string, offset: number, length: number): TokenizeResult => ({
    ok: false,
    error: { message, offset, length: Math.max(0, Math.min(length, n - offset)) },
  });
  const skipWs = (p: number): number => {
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c !== CH_SPACE && c !== CH_TAB) break;
      p++;
    }
    return p;
  };
  const labelEnd = (p: number): number => {
    while (p < n && isLabelChar(text.charCodeAt(p))) p++;
    return p;
  };
  /** Span to underline at `p`: the identifier run there, else one character (a surrogate pair counts as one). */
  const spanAt = (p: number): number => {
    const e = labelEnd(p);
    if (e > p) return e - p;
    const cp = text.codePointAt(p);
    return cp !== undefined && cp > 0xffff ? 2 : 1;
  };
  const boundary = (p: number): boolean => p >= n || !isLabelChar(text.charCodeAt(p));
  const push = (kind: TokenKind, offset: number, length: number, value = ''): void => {
    tokens.push({ kind, value, offset, length });
  };
  const describeChar = (p: number): string => {
    const cp = text.codePointAt(p) ?? 0;
    if (cp < 0x20 || cp === 0x7f) return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    return `character '${String.fromCodePoint(cp)}'`;
  };

  /** Reads the label starting at `p`; returns its end or an error when it is over the limit. */
  const readLabel = (p: number): number | TokenizeResult => {
    const e = labelEnd(p);
    if (e - p > MAX_LABEL_LENGTH) {
      return fail(`label name at ${column(p)} is ${e - p} characters long; the maximum is ${MAX_LABEL_LENGTH}`, p, e - p);
    }
    return e;
  };

  /** `all(` / `global(`: SPEC §2.1 allows only spaces/tabs before the `)`. */
  const emptyCall = (name: string, kind: TokenKind): TokenizeResult | null => {
    const start = i;
    const close = skipWs(i + name.length + 1);
    if (close >= n) return fail(`missing ')' to close '${name}(' at ${column(start)}`, start, n - start);
    if (text.charCodeAt(close) !== 41 /* ) */) {
      return fail(`'${name}()' takes no arguments: expected ')' at ${column(close)}`, close, spanAt(close));
    }
    push(kind, start, close + 1 - start);
    i = close + 1;
    return null;
  };

  /** `undefined`: first word absent, try the next operator; `'matched'`: token pushed. */
  type Outcome = TokenizeResult | 'matched' | undefined;

  /** SPEC §2.1: operators after a label; multi-word ones take any spaces/tabs (or none) between words, and end at a word boundary. */
  const operatorAfterLabel = (): TokenizeResult | null => {
    const start = i;
    const prev = tokens[tokens.length - 1] as Token;
    const generic = (end: number): TokenizeResult =>
      fail(
        `expected an operator after label '${prev.value}' at ${column(start)}: one of ==, !=, in, not in, contains, starts with, ends with`,
        start,
        Math.max(end - start, spanAt(start)),
      );
    const single = (word: string, kind: TokenKind): Outcome => {
      if (!text.startsWith(word, start)) return undefined;
      const end = start + word.length;
      if (!boundary(end)) return generic(labelEnd(end));
      push(kind, start, end - start);
      i = end;
      return 'matched';
    };
    const double = (first: string, second: string, kind: TokenKind): Outcome => {
      if (!text.startsWith(first, start)) return undefined;
      const j = skipWs(start + first.length);
      if (!text.startsWith(second, j)) {
        if (j >= n) return fail(`expected '${second}' after '${first}' at ${column(start)}, but the selector ended`, start, first.length);
        // `startsx` is an unknown word; `starts foo` names the missing second word.
        if (j === start + first.length) return generic(labelEnd(j));
        return fail(`expected '${second}' after '${first}' at ${column(j)}`, j, spanAt(j));
      }
      const end = j + second.length;
      if (!boundary(end)) return generic(labelEnd(end));
      push(kind, start, end - start);
      i = end;
      return 'matched';
    };
    const r =
      single('contains', 'contains') ??
      double('starts', 'with', 'startsWith') ??
      double('ends', 'with', 'endsWith') ??
      double('not', 'in', 'notIn') ??
      single('in', 'in');
    if (r === 'matched') return null;
    return r ?? generic(labelEnd(start));
  };

  for (;;) {
    i = skipWs(i);
    if (i >= n) {
      push('eof', n, 0);
      return { ok: true, tokens };
    }
    const c = text.charCodeAt(i);
    switch (c) {
      case 40: push('lparen', i, 1); i++; continue; // (
      case 41: push('rparen', i, 1); i++; continue; // )
      case 123: push('lbrace', i, 1); i++; continue; // {
      case 125: push('rbrace', i, 1); i++; continue; // }
      case 44: push('comma', i, 1); i++; continue; // ,
      case 34: // "
      case 39: { // '
        // SPEC §2.1: no escapes; the literal ends at the next identical quote.
        const q = text[i] as string;
        const close = text.indexOf(q, i + 1);
        if (close < 0) {
          return fail(`unterminated string starting at ${column(i)}: no closing ${q}`, i, n - i);
        }
        push('string', i, close + 1 - i, text.slice(i + 1, close));
        i = close + 1;
        continue;
      }
      case 61: // =
        if (text.charCodeAt(i + 1) !== 61) return fail(`a single '=' at ${column(i)}: use '==' to compare`, i, 1);
        push('eq', i, 2); i += 2; continue;
      case 33: // ! (a lone '!' is negation)
        if (text.charCodeAt(i + 1) === 61) { push('ne', i, 2); i += 2; } else { push('not', i, 1); i++; }
        continue;
      case 38: // &
        if (text.charCodeAt(i + 1) !== 38) return fail(`a single '&' at ${column(i)}: use '&&' for "and"`, i, 1);
        push('and', i, 2); i += 2; continue;
      case 124: // |
        if (text.charCodeAt(i + 1) !== 124) return fail(`a single '|' at ${column(i)}: use '||' for "or"`, i, 1);
        push('or', i, 2); i += 2; continue;
      case CH_LF:
      case CH_CR:
        // SPEC §2.1: newlines are not whitespace (e.g. a YAML `|` block leaves a trailing one).
        return fail(`line break at ${column(i)}: a selector must be on one line (only spaces and tabs may separate tokens)`, i, 1);
    }
    if (tokens.length > 0 && (tokens[tokens.length - 1] as Token).kind === 'label') {
      const r = operatorAfterLabel();
      if (r) return r;
      continue;
    }
    if (text.startsWith('has(', i)) {
      const start = i;
      const nameStart = skipWs(i + 4);
      const nameEnd = readLabel(nameStart);
      if (typeof nameEnd !== 'number') return nameEnd;
      if (nameEnd === nameStart) {
        if (nameStart >= n) return fail(`expected a label name after 'has(' at ${column(start)}, but the selector ended`, start, n - start);
        return fail(`expected a label name inside 'has(' at ${column(nameStart)}`, nameStart, spanAt(nameStart));
      }
      const close = skipWs(nameEnd);
      if (close >= n) return fail(`missing ')' to close 'has(' at ${column(start)}`, start, nameEnd - start);
      if (text.charCodeAt(close) !== 41) {
        return fail(`expected ')' after the label in 'has(' at ${column(close)}`, close, spanAt(close));
      }
      push('has', start, close + 1 - start, text.slice(nameStart, nameEnd));
      i = close + 1;
      continue;
    }
    if (text.startsWith('all(', i)) {
      const r = emptyCall('all', 'all');
      if (r) return r;
      continue;
    }
    if (text.startsWith('global(', i)) {
      const r = emptyCall('global', 'global');
      if (r) return r;
      continue;
    }
    if (isLabelChar(c)) {
      const end = readLabel(i);
      if (typeof end !== 'number') return end;
      push('label', i, end - i, text.slice(i, end));
      i = end;
      continue;
    }
    return fail(`unexpected ${describeChar(i)} at ${column(i)}`, i, spanAt(i));
  }
}
