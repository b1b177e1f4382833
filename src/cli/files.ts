import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { WorkspaceFile } from '../engine';

const EXTENSIONS = /\.(ya?ml|json)$/i;

/** Reads files and directories (recursively, .yaml/.yml/.json) into workspace files, sorted by path. */
export function readInputs(paths: readonly string[], cwd = process.cwd()): WorkspaceFile[] {
  const out: WorkspaceFile[] = [];
  const visit = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const child = join(p, name);
        if (statSync(child).isDirectory() || EXTENSIONS.test(name)) visit(child);
      }
    } else out.push({ path: relative(cwd, p) || p, text: readFileSync(p, 'utf8') });
  };
  for (const p of paths) visit(p);
  return out;
}
