/**
 * Network primitives of the engine: IP ranges and CIDRs, integer interval sets, and the
 * symbolic connection set with its corpus-grammar printing and parsing.
 */
export * from './ip';
export * from './interval';
export * from './connset';
export * from './portgrid';
export * from './ncaform';
export * from './format';
