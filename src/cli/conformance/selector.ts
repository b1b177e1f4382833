/**
 * Calico selector test vectors (corpus calico-selector/selector_vectors.json): every vector is
 * one case of kind `match`, `parse-error`, `canonical` or `tokenizer`.
 */
import { canonicalSelector, matchesLabels, parseSelector, selectorUniqueId, tokenize, type Token } from '../../engine/selector';
import { fail, type Outcome } from './cases';

interface MatchVector { selector: string; labels: Record<string, string>; expected_match: boolean }
interface ErrorVector { selector: string }
interface CanonicalVector { input: string; canonical: string; expected_uid?: string | null }
interface TokenVector { input: string; expected_tokens?: { kind: string; value?: string | string[] }[]; expected_error?: boolean }

/** The vectors file, as far as the runner reads it. */
export interface SelectorVectors {
  match_vectors?: MatchVector[];
  parse_error_vectors?: ErrorVector[];
  canonicalisation_vectors?: CanonicalVector[];
  tokenizer_vectors?: TokenVector[];
}

/** One checked vector. */
export interface VectorResult {
  kind: 'match' | 'parse-error' | 'canonical' | 'tokenizer';
  id: string;
  outcome: Outcome;
}

const short = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

function checkMatch(v: MatchVector): Outcome {
  const p = parseSelector(v.selector);
  if (!p.ok) return fail('selector: valid selector rejected', `${short(v.selector)}: ${p.error.message}`);
  const got = matchesLabels(p.ast, v.labels);
  if (got === v.expected_match) return { status: 'pass' };
  return fail('selector: wrong match', `${short(v.selector)} on ${JSON.stringify(v.labels)}: expected ${v.expected_match}, got ${got}`);
}

function checkParseError(v: ErrorVector): Outcome {
  const p = parseSelector(v.selector);
  return p.ok ? fail('selector: invalid selector accepted', `${short(v.selector)} parsed as ${short(canonicalSelector(p.ast))}`) : { status: 'pass' };
}

function checkCanonical(v: CanonicalVector): Outcome {
  const p = parseSelector(v.input);
  if (!p.ok) return fail('selector: valid selector rejected', `${short(v.input)}: ${p.error.message}`);
  const got = canonicalSelector(p.ast);
  if (got !== v.canonical) return fail('selector: wrong canonical form', `${short(v.input)}: expected ${short(v.canonical)}, got ${short(got)}`);
  const again = parseSelector(got);
  if (!again.ok || canonicalSelector(again.ast) !== got) return fail('selector: canonical form does not round-trip', short(got));
  if (v.expected_uid) {
    const uid = selectorUniqueId(p.ast);
    if (uid !== v.expected_uid) return fail('selector: wrong unique id', `${short(v.input)}: expected ${v.expected_uid}, got ${uid}`);
  }
  return { status: 'pass' };
}

/** Calico's token kind names (`TokLabel`, `TokStringLiteral`, ...) for ours. */
const CALICO_KIND: Record<Token['kind'], string> = {
  label: 'TokLabel', string: 'TokStringLiteral', lbrace: 'TokLBrace', rbrace: 'TokRBrace', comma: 'TokComma',
  eq: 'TokEq', ne: 'TokNe', in: 'TokIn', notIn: 'TokNotIn', not: 'TokNot', contains: 'TokContains',
  startsWith: 'TokStartsWith', endsWith: 'TokEndsWith', all: 'TokAll', has: 'TokHas', global: 'TokGlobal',
  lparen: 'TokLParen', rparen: 'TokRParen', and: 'TokAnd', or: 'TokOr', eof: 'TokEOF',
};

function checkTokens(v: TokenVector): Outcome {
  const t = tokenize(v.input);
  if (v.expected_error) return t.ok ? fail('selector: bad token accepted', `${short(v.input)} tokenized without error`) : { status: 'pass' };
  if (!t.ok) return fail('selector: valid input rejected by the tokenizer', `${short(v.input)}: ${t.error.message}`);
  const want = v.expected_tokens ?? [];
  const got = t.tokens.map((k) => ({ kind: CALICO_KIND[k.kind], value: k.value }));
  const same = want.length === got.length && want.every((w, i) => {
    const g = got[i]!;
    return w.kind === g.kind && (w.value === undefined || JSON.stringify(w.value) === JSON.stringify(g.value));
  });
  if (same) return { status: 'pass' };
  const render = (xs: { kind: string; value?: unknown }[]) => xs.map((x) => (x.value !== undefined && x.value !== '' ? `${x.kind}(${JSON.stringify(x.value)})` : x.kind)).join(' ');
  return fail('selector: wrong tokens', `${short(v.input)}: expected ${render(want)}, got ${render(got)}`);
}

/** Checks every vector of the file; a vector that makes the engine throw is a failure too. */
export function checkSelectorVectors(v: SelectorVectors, file: string): VectorResult[] {
  const out: VectorResult[] = [];
  const run = <T>(kind: VectorResult['kind'], list: T[] | undefined, check: (x: T) => Outcome) => {
    (list ?? []).forEach((x, i) => {
      let outcome: Outcome;
      try {
        outcome = check(x);
      } catch (e) {
        outcome = fail('engine threw', `${e instanceof Error ? e.message : String(e)}`);
      }
      out.push({ kind, id: `${file}#${kind}/${i}`, outcome });
    });
  };
  run('match', v.match_vectors, checkMatch);
  run('parse-error', v.parse_error_vectors, checkParseError);
  run('canonical', v.canonicalisation_vectors, checkCanonical);
  run('tokenizer', v.tokenizer_vectors, checkTokens);
  return out;
}
