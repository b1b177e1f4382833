/**
 * The subset of JSON Schema (draft-07, plus the yaml-language-server extensions
 * `patternErrorMessage` and `markdownDescription`) that our schemas use. Our own type instead
 * of monaco-yaml's so that this folder can be imported by tests and other layers without
 * pulling in Monaco; it is structurally compatible with monaco-yaml's `JSONSchema`.
 */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  $comment?: string;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  enum?: (string | number)[];
  const?: string | number;
  /** Offered by completion, not checked. */
  examples?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  pattern?: string;
  /** yaml-language-server: shown instead of "String does not match the pattern of ...". */
  patternErrorMessage?: string;
  /** yaml-language-server: shown instead of its type / enum / const mismatch message. */
  errorMessage?: string;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
}

/** A string field. */
export const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });

/** An array field. */
export const list = (items: JsonSchema, description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: 'array',
  description,
  items,
  ...extra,
});

/**
 * An object whose keys are all listed: `additionalProperties: false`, so a misspelt key is
 * marked instead of silently ignored (the engine would ignore it too).
 */
export const strict = (description: string, properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  description,
  properties,
  additionalProperties: false,
  ...extra,
});

/** An object that tolerates keys we do not describe (workloads, services, ...). */
export const loose = (description: string, properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  description,
  properties,
  ...extra,
});

/** A reference into the workspace schema's `definitions`. */
export const ref = (name: string, description?: string): JsonSchema =>
  description === undefined ? { $ref: `#/definitions/${name}` } : { $ref: `#/definitions/${name}`, description };
