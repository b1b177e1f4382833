import { describe, expect, it } from 'vitest';
import { filePathProblem, freshFilePath } from './filePaths';
import { createAppStore } from './store';

describe('filePathProblem', () => {
  it('accepts relative YAML and JSON paths, folders included', () => {
    for (const p of ['a.yaml', 'policies/shop.yml', 'flows/x.JSON', 'k8s/base/np.yaml']) expect(filePathProblem(p, []), p).toBeNull();
  });
  it('names what is wrong', () => {
    expect(filePathProblem('', [])).toMatch(/needs a name/);
    expect(filePathProblem(' a.yaml', [])).toMatch(/spaces/);
    expect(filePathProblem('/abs.yaml', [])).toMatch(/relative/);
    expect(filePathProblem('a/../b.yaml', [])).toMatch(/relative/);
    expect(filePathProblem('a//b.yaml', [])).toMatch(/relative/);
    expect(filePathProblem('a#b.yaml', [])).toMatch(/may not contain/);
    expect(filePathProblem('notes.txt', [])).toMatch(/\.yaml, \.yml or \.json/);
    expect(filePathProblem('Policies.yaml', ['policies.yaml'])).toMatch(/already exists/);
  });
  it('finds a free name', () => {
    expect(freshFilePath([])).toBe('new.yaml');
    expect(freshFilePath(['new.yaml', 'new-2.yaml'])).toBe('new-3.yaml');
  });
});

describe('workspace file operations', () => {
  const store = () => {
    const s = createAppStore();
    s.getState().replaceFiles([{ path: 'cluster.yaml', text: 'c' }, { path: 'policies.yaml', text: 'p' }], 'policies.yaml');
    return s;
  };
  it('adds a file, active, and bumps the revision; refuses a taken or bad name', () => {
    const s = store();
    const rev = s.getState().revision;
    expect(s.getState().addFile('policies/extra.yaml')).toBeNull();
    expect(s.getState().files.map((f) => f.path)).toEqual(['cluster.yaml', 'policies.yaml', 'policies/extra.yaml']);
    expect(s.getState().activePath).toBe('policies/extra.yaml');
    expect(s.getState().revision).toBe(rev + 1);
    expect(s.getState().addFile('cluster.yaml')).toMatch(/already exists/);
    expect(s.getState().addFile('x.txt')).toMatch(/must end/);
    expect(s.getState().files).toHaveLength(3);
  });
  it('renames a file with its text, in place, the active path following', () => {
    const s = store();
    expect(s.getState().renameFile('policies.yaml', 'policies/main.yaml')).toBeNull();
    expect(s.getState().files).toEqual([{ path: 'cluster.yaml', text: 'c' }, { path: 'policies/main.yaml', text: 'p' }]);
    expect(s.getState().activePath).toBe('policies/main.yaml');
    expect(s.getState().renameFile('cluster.yaml', 'policies/main.yaml')).toMatch(/already exists/);
    expect(s.getState().renameFile('gone.yaml', 'x.yaml')).toMatch(/does not exist/);
  });
  it('deletes a file, the neighbour becoming active; the last file stays', () => {
    const s = store();
    expect(s.getState().deleteFile('policies.yaml')).toBeNull();
    expect(s.getState().files.map((f) => f.path)).toEqual(['cluster.yaml']);
    expect(s.getState().activePath).toBe('cluster.yaml');
    expect(s.getState().deleteFile('cluster.yaml')).toMatch(/last file/);
    expect(s.getState().files).toHaveLength(1);
  });
});
