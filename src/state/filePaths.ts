/**
 * Workspace file names: relative paths such as `policies/shop.yaml`, ending in .yaml, .yml or
 * .json (what the engine reads), unique in the workspace. The editor's model of a file is
 * `file:///<path>`, and the schema applies to these endings only.
 */
const ENDING = /\.(ya?ml|json)$/i;

/** Why `path` cannot name a new file (or the renamed one) next to `existing`; null when it can. */
export function filePathProblem(path: string, existing: readonly string[]): string | null {
  if (path.trim() === '') return 'a file needs a name';
  if (path !== path.trim()) return 'no spaces at the start or end of a file name';
  if (path.startsWith('/') || path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return 'a relative path without empty, . or .. parts, e.g. policies/shop.yaml';
  }
  if (/[\\:*?"<>|#%]/.test(path)) return 'file names may not contain \\ : * ? " < > | # %';
  if (!ENDING.test(path)) return 'the name must end in .yaml, .yml or .json';
  if (existing.some((p) => p.toLowerCase() === path.toLowerCase())) return `${path} already exists`;
  return null;
}

/** A free name for a new file: `new.yaml`, `new-2.yaml`, ... */
export function freshFilePath(existing: readonly string[]): string {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? 'new.yaml' : `new-${i}.yaml`;
    if (filePathProblem(candidate, existing) === null) return candidate;
  }
}
