/** Where a piece of a resource came from, 1-based lines and columns. */
export interface SourceRange {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A path of keys and indexes into a document, e.g. `['spec', 'ingress', 0, 'from']`. */
export type FieldPath = readonly (string | number)[];

/**
 * Finds the source range of a field path inside one document; falls back to the closest
 * existing ancestor, so a diagnostic always has a place to point at.
 */
export type Locator = (field: FieldPath) => SourceRange;

/** Renders a field path the way users write it: `spec.ingress[0].ports[1].port`. */
export function formatFieldPath(field: FieldPath): string {
  let out = '';
  for (const part of field) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
