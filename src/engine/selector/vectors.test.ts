// Every vector of shared/corpus/calico-selector/selector_vectors.json (Calico's own parser and
// tokenizer tests, as data), one test case each.
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalSelector, matchesLabels, parseSelector, selectorUniqueId, tokenize, type TokenKind } from './index';

interface MatchVector { selector: string; labels: Record<string, string>; expected_match: boolean }
interface ErrorVector { selector: string; expected_error: true }
interface CanonVector { input: string; canonical: string; expected_uid: string | null }
interface TokenVector {
  input: string;
  expected_tokens?: { kind: string; value?: string | string[] }[];
  expected_error?: boolean;
  note?: string;
}
interface Vectors {
  match_vectors: MatchVector[];
  parse_error_vectors: ErrorVector[];
  canonicalisation_vectors: CanonVector[];
  tokenizer_vectors: TokenVector[];
}

const FILE = fileURLToPath(new URL('../../../../shared/corpus/calico-selector/selector_vectors.json', import.meta.url));
const present = existsSync(FILE);
if (!present) console.warn(`selector vectors not found at ${FILE}: skipping the Calico selector vector tests`);
const V: Vectors = present
  ? (JSON.parse(readFileSync(FILE, 'utf8')) as Vectors)
  : { match_vectors: [], parse_error_vectors: [], canonicalisation_vectors: [], tokenizer_vectors: [] };

/** Calico's token kind names for ours (tokenizer.go `TokXxx`). */
const CALICO_KIND: Record<TokenKind, string> = {
  label: 'TokLabel', string: 'TokStringLiteral', lbrace: 'TokLBrace', rbrace: 'TokRBrace', comma: 'TokComma',
  eq: 'TokEq', ne: 'TokNe', in: 'TokIn', notIn: 'TokNotIn', not: 'TokNot', contains: 'TokContains',
  startsWith: 'TokStartsWith', endsWith: 'TokEndsWith', all: 'TokAll', has: 'TokHas', global: 'TokGlobal',
  lparen: 'TokLParen', rparen: 'TokRParen', and: 'TokAnd', or: 'TokOr', eof: 'TokEOF',
};
const VALUED = new Set<TokenKind>(['label', 'string', 'has']);

const show = (s: string): string => (s.length > 60 ? `${JSON.stringify(s.slice(0, 20))}…(${s.length} chars)` : JSON.stringify(s));

describe.skipIf(!present)('Calico selector vectors', () => {
  it('has the documented number of vectors', () => {
    expect([V.match_vectors.length, V.parse_error_vectors.length, V.canonicalisation_vectors.length, V.tokenizer_vectors.length])
      .toEqual([98, 26, 17, 49]);
  });

  describe('match vectors', () => {
    V.match_vectors.forEach((v, i) => {
      it(`#${i} ${show(v.selector)} on ${JSON.stringify(v.labels)} → ${v.expected_match}`, () => {
        const p = parseSelector(v.selector);
        if (!p.ok) throw new Error(`parse error: ${p.error.message}`);
        expect(matchesLabels(p.ast, v.labels)).toBe(v.expected_match);
      });
    });
  });

  describe('parse-error vectors', () => {
    V.parse_error_vectors.forEach((v, i) => {
      it(`#${i} ${show(v.selector)} is rejected`, () => {
        const p = parseSelector(v.selector);
        expect(p.ok).toBe(false);
        if (!p.ok) {
          expect(p.error.offset).toBeGreaterThanOrEqual(0);
          expect(p.error.length).toBeGreaterThanOrEqual(1);
          expect(p.error.offset + p.error.length).toBeLessThanOrEqual(v.selector.length);
        }
      });
    });
  });

  describe('canonicalisation vectors', () => {
    V.canonicalisation_vectors.forEach((v, i) => {
      it(`#${i} ${show(v.input)} → ${v.canonical}${v.expected_uid ? ` (uid ${v.expected_uid})` : ''}`, () => {
        const p = parseSelector(v.input);
        if (!p.ok) throw new Error(`parse error: ${p.error.message}`);
        expect(canonicalSelector(p.ast)).toBe(v.canonical);
        const again = parseSelector(v.canonical);
        expect(again.ok && canonicalSelector(again.ast)).toBe(v.canonical);
        if (v.expected_uid !== null) {
          expect(selectorUniqueId(p.ast)).toBe(v.expected_uid);
          // Independent check of the derivation: SHA-224 via node:crypto.
          const viaNode = `s:${createHash('sha224').update(`s:${v.canonical}`, 'utf8').digest('base64url')}`;
          expect(viaNode).toBe(v.expected_uid);
        }
      });
    });
  });

  describe('tokenizer vectors', () => {
    V.tokenizer_vectors.forEach((v, i) => {
      const title = v.expected_error ? 'is rejected' : `→ ${(v.expected_tokens ?? []).map((t) => t.kind).join(' ')}`;
      it(`#${i} ${show(v.input)} ${title}${v.note ? ` (${v.note})` : ''}`, () => {
        const r = tokenize(v.input);
        if (v.expected_error) {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.offset + r.error.length).toBeLessThanOrEqual(v.input.length);
          return;
        }
        if (!r.ok) throw new Error(`tokenizer error: ${r.error.message}`);
        const got = r.tokens.map((t) => (VALUED.has(t.kind) ? { kind: CALICO_KIND[t.kind], value: t.value } : { kind: CALICO_KIND[t.kind] }));
        expect(got).toEqual(v.expected_tokens);
        // Spans are exact: each token's text is where the token says it is.
        for (const t of r.tokens) {
          const text = v.input.slice(t.offset, t.offset + t.length);
          if (t.kind === 'label') expect(text).toBe(t.value);
          if (t.kind === 'string') expect(text.slice(1, -1)).toBe(t.value);
          if (t.kind === 'eof') expect([t.offset, t.length]).toEqual([v.input.length, 0]);
        }
      });
    });
  });
});
