import { flowLineReader, readFlows } from './readers';
import type { FlowReadResult, ReadProgress } from './records';

/** What decodes UTF-8 (a TextDecoder: the engine has no DOM or Node types, its callers pass one in). */
export interface Utf8Decoder {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * A flow file's bytes as records. Up to {@link WHOLE_TEXT_MAX} bytes the file is decoded as one
 * text (every shape: JSON arrays, Elasticsearch answers, pretty-printed records). A larger one
 * cannot be one string (V8 strings stop near 512 M characters; a million Calico records are
 * about 900 MB), so it is decoded in chunks and read line by line: CSV, or ndjson.
 */
export const WHOLE_TEXT_MAX = 128 * 1024 * 1024;
const CHUNK = 8 * 1024 * 1024;

export function readFlowBytes(bytes: Uint8Array, newDecoder: () => Utf8Decoder, progress?: ReadProgress, { wholeMax = WHOLE_TEXT_MAX, chunk = CHUNK } = {}): FlowReadResult {
  if (bytes.byteLength <= wholeMax) return readFlows(newDecoder().decode(bytes), progress);
  const head = newDecoder().decode(bytes.subarray(0, 4096));
  const reader = flowLineReader(head);
  const first = head.trimStart();
  if (first.startsWith('[') || /^\{\s*\n/.test(first)) {
    const format = reader.finish().format;
    return { format, records: [], errors: [{ line: 1, message: `a JSON document over ${Math.round(wholeMax / 2 ** 20)} MB cannot be read whole: export the log as ndjson (one record per line)` }] };
  }
  const decoder = newDecoder();
  let carry = '';
  let line = 0;
  let told = 0;
  for (let off = 0; off < bytes.byteLength; off += chunk) {
    const end = Math.min(bytes.byteLength, off + chunk);
    const text = carry + decoder.decode(bytes.subarray(off, end), { stream: end < bytes.byteLength });
    const parts = text.split('\n');
    carry = parts.pop() ?? '';
    for (const p of parts) reader.push(p, ++line);
    // The total is estimated from the bytes read so far.
    if (progress && line - told >= 50_000) {
      told = line;
      progress(line, Math.round((line * bytes.byteLength) / end));
    }
  }
  if (carry !== '') reader.push(carry, line + 1);
  return reader.finish();
}
