import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store';

const TEXT = `# kept
apiVersion: v1
kind: Namespace
metadata:
  name: a
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: p
  namespace: a
spec:
  order: 100   # first
  selector: all()
`;

describe('editResource', () => {
  it('rewrites the one object, bumps the revision, leaves the rest byte for byte', () => {
    const store = createAppStore();
    store.getState().replaceFiles([{ path: 'w.yaml', text: TEXT }, { path: 'other.yaml', text: '# other\n' }]);
    const rev = store.getState().revision;
    expect(store.getState().editResource('w.yaml', { kind: 'NetworkPolicy', name: 'p', namespace: 'a' }, [{ op: 'set', at: ['spec', 'order'], value: 5 }])).toBeNull();
    expect(store.getState().files).toEqual([{ path: 'w.yaml', text: TEXT.replace('order: 100', 'order: 5') }, { path: 'other.yaml', text: '# other\n' }]);
    expect(store.getState().revision).toBe(rev + 1);
  });

  it('says what is missing and changes nothing', () => {
    const store = createAppStore();
    store.getState().replaceFiles([{ path: 'w.yaml', text: TEXT }]);
    const rev = store.getState().revision;
    expect(store.getState().editResource('x.yaml', { kind: 'Namespace', name: 'a' }, [])).toBe('x.yaml does not exist');
    expect(store.getState().editResource('w.yaml', { kind: 'NetworkPolicy', name: 'p' }, [])).toBe('w.yaml has no NetworkPolicy p');
    expect(store.getState().editResource('w.yaml', { kind: 'NetworkPolicy', name: 'p', namespace: 'a' }, [{ op: 'append', at: ['spec', 'order'], value: 1 }]))
      .toBe('w.yaml: spec.order is not a list');
    expect(store.getState().files[0]!.text).toBe(TEXT);
    expect(store.getState().revision).toBe(rev);
  });
});

describe('applyFileChanges', () => {
  it('writes several files as one undo step, adding new paths', () => {
    const store = createAppStore();
    store.getState().replaceFiles([{ path: 'a.yaml', text: 'a' }, { path: 'b.yaml', text: 'b' }]);
    store.getState().clearHistory();
    store.getState().applyFileChanges([{ path: 'a.yaml', text: 'A' }, { path: 'c.yaml', text: 'C' }]);
    expect(store.getState().files).toEqual([{ path: 'a.yaml', text: 'A' }, { path: 'b.yaml', text: 'b' }, { path: 'c.yaml', text: 'C' }]);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().files).toEqual([{ path: 'a.yaml', text: 'a' }, { path: 'b.yaml', text: 'b' }]);
    store.getState().applyFileChanges([{ path: 'a.yaml', text: 'a' }]); // nothing changes: no step
    expect(store.getState().past).toHaveLength(0);
  });
});
