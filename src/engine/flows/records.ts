/**
 * Flow records as the importers read them (../shared/reference/flow-formats.md), one shape for
 * every source: the two ends as the log names them, the protocol and destination port, counts,
 * and what the log itself recorded (its verdict and policy hits), for comparing with ours.
 */

/** One end of a flow, as far as the log tells it. */
export interface FlowEnd {
  /** `workload`: a pod (by name, aggregated name or labels); `networkset`; `hostendpoint`; `network`: an address outside. */
  type: 'workload' | 'networkset' | 'hostendpoint' | 'network' | 'unknown';
  namespace?: string;
  /** A pod name, or a pattern with `*` (Calico `name_aggr`: `frontend-7d9c5b8f4-*`). */
  name?: string;
  /** The owning workload when the log says (Hubble `workloads`). */
  workload?: { kind: string; name: string };
  labels?: Record<string, string>;
  ip?: string;
  /** Calico aggregates addresses outside pods as `pub` / `pvt`. */
  scope?: 'pub' | 'pvt';
  /** DNS names the log knows for the address. */
  domains?: string[];
}

/** A policy hit as the log recorded it. */
export interface RecordedHit {
  index: number;
  tier: string;
  /** As the log writes it (`shop/knp.default.allow-web`, `platform.pass`, a Goldmane name). */
  policy: string;
  kind?: string;
  namespace?: string;
  action: string;
  /** -1: end of tier; -2: unknown. */
  rule: number;
  staged: boolean;
}

export interface FlowRecord {
  /** 1-based line (or record number in a JSON array) it was read from. */
  line: number;
  src: FlowEnd;
  dst: FlowEnd;
  /** IANA protocol number (6 TCP, 17 UDP, 132 SCTP, 1 ICMP, 58 ICMPv6). */
  protocol: number;
  port?: number;
  icmp?: { type?: number; code?: number };
  /** Flows this record stands for (Calico `num_flows`, Goldmane connections, CSV `count`; else 1). */
  count: number;
  packets?: number;
  bytes?: number;
  /** Which end logged it: the same connection is often logged at both. */
  reporter?: 'src' | 'dst' | 'fwd';
  /** The log's own verdict and hits, when it has them. */
  recorded?: { action?: 'allow' | 'deny' | 'audit'; enforced?: RecordedHit[]; pending?: RecordedHit[] };
}

/** What was read of one flow file: kept with its records where the counting happens (the worker). */
export interface FlowSource {
  name: string;
  format: FlowReadResult['format'];
  records: number;
  /** The first unreadable lines, and how many there were. */
  errors: { line: number; message: string }[];
  errorCount: number;
}

export interface FlowReadResult {
  format: 'calico' | 'goldmane' | 'hubble' | 'csv';
  records: FlowRecord[];
  /** Lines that could not be read, with why; never fatal. */
  errors: { line: number; message: string }[];
}

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17, sctp: 132, icmp: 1, icmpv6: 58, 'ipv6-icmp': 58 };

/** A protocol name or number as its IANA number; undefined when unknown. */
export function protocolNumber(p: unknown): number | undefined {
  if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 255) return p;
  if (typeof p !== 'string') return undefined;
  if (/^\d+$/.test(p)) return protocolNumber(Number(p));
  return PROTOCOLS[p.toLowerCase()];
}

/** `key=value` strings (Calico, Goldmane; Hubble with its `k8s:` source prefix) as a label map. */
export function labelMap(list: unknown, stripSource = false): Record<string, string> | undefined {
  const items = Array.isArray(list) ? list : typeof list === 'object' && list !== null && Array.isArray((list as { labels?: unknown }).labels) ? (list as { labels: unknown[] }).labels : null;
  if (!items) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    if (typeof item !== 'string') continue;
    let s = item;
    if (stripSource) {
      const m = /^(k8s|container|reserved|cidr|unspec):(.*)$/.exec(s);
      if (!m || m[1] !== 'k8s') continue;
      s = m[2]!;
    }
    const eq = s.indexOf('=');
    if (eq > 0) out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

/** A non-negative integer count, or undefined. */
export function count(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * JSON values of a file: a JSON array, one object, an Elasticsearch search answer
 * (`hits.hits[]._source`), or one JSON value per line (ndjson). Each with its line.
 */
/** Told how far a reader is, in lines (every {@link PROGRESS_EVERY} lines): the UI's progress bar. */
export type ReadProgress = (done: number, total: number) => void;
export const PROGRESS_EVERY = 50_000;

export function jsonValues(text: string, progress?: ReadProgress): { values: { line: number; value: unknown }[]; errors: { line: number; message: string }[] } {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !/}\s*\n\s*{/.test(trimmed))) {
    try {
      const v = JSON.parse(trimmed) as unknown;
      const hits = (v as { hits?: { hits?: unknown } } | null)?.hits?.hits;
      const list = Array.isArray(v) ? v : Array.isArray(hits) ? hits.map((h) => (h as { _source?: unknown })._source ?? h) : [v];
      return { values: list.map((value, i) => ({ line: i + 1, value })), errors: [] };
    } catch {
      // Not one JSON document: read it line by line below.
    }
  }
  // Pretty-printed values one after the other (`jq .` over ndjson): split at the top level.
  if (/^\s*[{[]\s*$/m.test(text.split('\n', 1)[0] ?? '')) {
    const split = concatenatedJson(text);
    if (split) return { values: split, errors: [] };
  }
  const values: { line: number; value: unknown }[] = [];
  const errors: { line: number; message: string }[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if (progress && i % PROGRESS_EVERY === 0 && i > 0) progress(i, lines.length);
    const line = raw.trim();
    if (line === '') return;
    try {
      values.push({ line: i + 1, value: JSON.parse(line) as unknown });
    } catch (e) {
      errors.push({ line: i + 1, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
  return { values, errors };
}

/** Top-level JSON values written one after another; null when the text is not that. */
function concatenatedJson(text: string): { line: number; value: unknown }[] | null {
  const out: { line: number; value: unknown }[] = [];
  let depth = 0;
  let start = -1;
  let startLine = 1;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) { start = i; startLine = line; }
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) {
        try {
          out.push({ line: startLine, value: JSON.parse(text.slice(start, i + 1)) as unknown });
        } catch {
          return null;
        }
      }
    } else if (depth === 0 && !/\s/.test(c)) return null;
  }
  return depth === 0 && out.length > 0 ? out : null;
}
