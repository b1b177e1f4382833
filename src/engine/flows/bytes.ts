import { flowFormat, flowLineReader, readFlows, type FlowLineReader, type RecordSink } from './readers';
import { flowGrouper, groupFlows, type FlowGroups } from './hits';
import type { FlowReadResult, ReadProgress } from './records';

/** What decodes UTF-8 (a TextDecoder: the engine has no DOM or Node types, its callers pass one in). */
export interface Utf8Decoder {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * Flow files as bytes. A line-oriented file (CSV, or one JSON record per line: ndjson) is
 * decoded in chunks and read line by line: it never has to be one string (V8 strings stop near
 * 512 M characters, and a million Calico records are about 900 MB), and its records can go
 * straight into their groups without being kept. Any other shape (a JSON array, an
 * Elasticsearch answer, pretty-printed records) is decoded whole, up to {@link WHOLE_TEXT_MAX}.
 */
export const WHOLE_TEXT_MAX = 128 * 1024 * 1024;
const CHUNK = 8 * 1024 * 1024;
const HEAD = 64 * 1024;

export interface Limits { wholeMax?: number; chunk?: number }

/** CSV, or a first line that is one whole JSON value: the file can be read a line at a time. */
function lineOriented(head: string): boolean {
  if (flowFormat(head) === 'csv') return true;
  const first = (head.trimStart().split('\n', 1)[0] ?? '').trim();
  if (!first.startsWith('{')) return false;
  try {
    // One record per line, not one document on one line (an Elasticsearch answer from curl).
    const v = JSON.parse(first) as { hits?: unknown };
    return !(typeof v === 'object' && v !== null && 'hits' in v && typeof v.hits === 'object');
  } catch {
    return false;
  }
}

function tooLarge(head: string, wholeMax: number): FlowReadResult {
  return { format: flowFormat(head), records: [], errors: [{ line: 1, message: `a JSON document over ${Math.round(wholeMax / 2 ** 20)} MB cannot be read whole: export the log as ndjson (one record per line)` }] };
}

/**
 * Feeds the lines of `bytes` to `reader`, decoding about `chunk` bytes at a time. Each chunk ends
 * at a line break: byte 0x0A is never inside a multi-byte UTF-8 character, so every chunk
 * decodes whole (no streaming state, which is the decoder's slow path) and no line is cut.
 */
function readLines(bytes: Uint8Array, decoder: Utf8Decoder, reader: FlowLineReader, progress: ReadProgress | undefined, chunk: number): FlowReadResult {
  let line = 0;
  let told = 0;
  let off = 0;
  while (off < bytes.byteLength) {
    let end = Math.min(bytes.byteLength, off + chunk);
    if (end < bytes.byteLength) {
      const nl = bytes.lastIndexOf(0x0a, end - 1);
      // A line longer than the chunk: read on to its end.
      end = nl >= off ? nl + 1 : Math.max(end, bytes.indexOf(0x0a, end) + 1 || bytes.byteLength);
    }
    const parts = decoder.decode(bytes.subarray(off, end)).split('\n');
    // The chunk ends with its line break (or the file does without one): the last part is that line's rest.
    const last = parts.pop() ?? '';
    for (const p of parts) reader.push(p, ++line);
    if (last !== '') reader.push(last, ++line);
    off = end;
    // The total is estimated from the bytes read so far.
    if (progress && line - told >= 50_000) {
      told = line;
      progress(line, Math.round((line * bytes.byteLength) / end));
    }
  }
  return reader.finish();
}

/** A flow file's bytes as its records (see above for which files are read whole). */
export function readFlowBytes(bytes: Uint8Array, newDecoder: () => Utf8Decoder, progress?: ReadProgress, { wholeMax = WHOLE_TEXT_MAX, chunk = CHUNK }: Limits = {}, sink?: RecordSink): FlowReadResult {
  const head = newDecoder().decode(bytes.subarray(0, HEAD));
  if (lineOriented(head)) return readLines(bytes, newDecoder(), flowLineReader(head, sink), progress, chunk);
  if (bytes.byteLength > wholeMax) return tooLarge(head, wholeMax);
  const read = readFlows(newDecoder().decode(bytes), progress);
  if (sink) for (const r of read.records) sink.push(r);
  return sink ? { ...read, records: [] } : read;
}

/** A flow file's bytes read and grouped (groupFlows); a line-oriented file's records are never all held. */
export function groupFlowBytes(bytes: Uint8Array, newDecoder: () => Utf8Decoder, progress?: ReadProgress, limits: Limits = {}): Omit<FlowReadResult, 'records'> & { groups: FlowGroups } {
  const grouper = flowGrouper();
  const { format, errors } = readFlowBytes(bytes, newDecoder, progress, limits, grouper);
  return { format, errors, groups: grouper.result() };
}

/** The same for a text already in memory (the demo's log, pasted text). */
export function groupFlowText(text: string, progress?: ReadProgress): Omit<FlowReadResult, 'records'> & { groups: FlowGroups } {
  const { format, errors, records } = readFlows(text, progress);
  return { format, errors, groups: groupFlows(records) };
}
