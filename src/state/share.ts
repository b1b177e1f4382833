import { readSaved, type Saved } from './persist';

/**
 * Share links: the whole workspace in the URL fragment, deflated and base64url-encoded. The
 * fragment never reaches a server (browsers do not send it), so nothing leaves the page
 * unless the user sends the link.
 */

const PREFIX = 'share=';
const FORMAT = 'netpol-canvas-share/1';
/** Past this, some chat tools and mail clients cut the link: the dialog warns. */
export const SHARE_WARN_CHARS = 8_000;
/** Past this, browsers refuse the URL: the workspace file is the way. */
export const SHARE_MAX_CHARS = 2_000_000;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The fragment (without `#`) that carries `saved`. */
export async function encodeShare(saved: Saved): Promise<string> {
  const json = JSON.stringify({ format: FORMAT, files: saved.files, activePath: saved.activePath, walkthroughStep: saved.walkthroughStep });
  return PREFIX + toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
}

/** Whether a fragment (with or without `#`) is a share link. */
export const isShareFragment = (hash: string) => hash.replace(/^#/, '').startsWith(PREFIX);

/** The workspace a share fragment carries, or why it cannot be read (cut short, another format). */
export async function decodeShare(hash: string): Promise<Saved | { error: string }> {
  const data = hash.replace(/^#/, '');
  if (!data.startsWith(PREFIX)) return { error: 'not a share link' };
  try {
    const json = new TextDecoder().decode(await pipe(fromBase64Url(data.slice(PREFIX.length)), new DecompressionStream('deflate-raw')));
    const v = JSON.parse(json) as { format?: unknown };
    if (v.format !== FORMAT) return { error: `a share link of another format (${String(v.format)})` };
    return readSaved(v) ?? { error: 'the link holds no workspace' };
  } catch {
    return { error: 'the link is damaged or was cut short' };
  }
}

const FILE_FORMAT = 'netpol-canvas-workspace/1';

/** The workspace as one file (JSON), to keep or send when a link would be too long. */
export function workspaceFileText(saved: Saved): string {
  return `${JSON.stringify({ format: FILE_FORMAT, files: saved.files, activePath: saved.activePath, walkthroughStep: saved.walkthroughStep }, null, 2)}\n`;
}

/** A workspace file read back, or why not. */
export function readWorkspaceFile(text: string): Saved | { error: string } {
  let v: { format?: unknown };
  try {
    v = JSON.parse(text) as { format?: unknown };
  } catch (e) {
    return { error: `not a workspace file: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (v?.format !== FILE_FORMAT) return { error: `not a netpol-canvas workspace file (format ${String(v?.format)})` };
  return readSaved(v) ?? { error: 'the workspace file lists no readable files' };
}
