import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, isShareFragment, readWorkspaceFile, workspaceFileText } from './share';

const SAVED = { files: [{ path: 'cluster.yaml', text: 'kind: Namespace\n'.repeat(200) }, { path: 'p/ü.yaml', text: '# ünïcode ✓\n' }], activePath: 'p/ü.yaml', walkthroughStep: 3 };

describe('share links', () => {
  it('round-trip the workspace, compressed, in URL-safe characters', async () => {
    const frag = await encodeShare(SAVED);
    expect(isShareFragment(frag)).toBe(true);
    expect(isShareFragment(`#${frag}`)).toBe(true);
    expect(frag).toMatch(/^share=[A-Za-z0-9_-]+$/);
    expect(frag.length).toBeLessThan(JSON.stringify(SAVED).length / 5);
    expect(await decodeShare(`#${frag}`)).toEqual(SAVED);
  });

  it('a damaged or cut link says so', async () => {
    const frag = await encodeShare(SAVED);
    expect(await decodeShare(frag.slice(0, frag.length / 2))).toEqual({ error: 'the link is damaged or was cut short' });
    expect(await decodeShare('#other=1')).toEqual({ error: 'not a share link' });
  });
});

describe('workspace files', () => {
  it('round-trip; anything else is refused with the reason', () => {
    expect(readWorkspaceFile(workspaceFileText(SAVED))).toEqual(SAVED);
    expect(readWorkspaceFile('{"format":"x"}')).toEqual({ error: 'not a netpol-canvas workspace file (format x)' });
    expect(readWorkspaceFile('kind: Pod')).toHaveProperty('error');
    expect(readWorkspaceFile('{"format":"netpol-canvas-workspace/1","files":[{"path":1}]}')).toEqual({ error: 'the workspace file lists no readable files' });
  });
});
