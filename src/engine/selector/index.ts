/**
 * Calico selector language (SPEC §2): tokenizer, parser, canonical form, fast evaluation,
 * the tree rewrites of SPEC §3.3, and Kubernetes LabelSelector conversion (SPEC §3.7).
 * Pure: no DOM, no Node APIs.
 */
export type { SelectorNode, SelectorError, ParseResult } from './ast';
export { prefixLabelKeys, replaceAllNode, replaceGlobalNode, andSelectors, selectorLabelKeys } from './ast';
export type { Token, TokenKind, TokenizeResult } from './tokenizer';
export { tokenize, isValidLabelKey, MAX_LABEL_LENGTH } from './tokenizer';
export { parseSelector, MAX_NESTING } from './parser';
export { canonicalSelector } from './canonical';
export { selectorUniqueId } from './uid';
export type { LabelLookup, CompiledSelector } from './compile';
export { compileSelector, matchesLabels } from './compile';
export type { K8sLabelSelector, LabelSelectorResult } from './k8s';
export { fromLabelSelector } from './k8s';
