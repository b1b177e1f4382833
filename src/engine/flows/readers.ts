import { count, jsonValues, labelMap, protocolNumber, PROGRESS_EVERY, type FlowEnd, type FlowReadResult, type FlowRecord, type ReadProgress, type RecordedHit } from './records';

/**
 * The flow-log readers (fields per ../shared/reference/flow-formats.md): Calico Enterprise /
 * Cloud (Elasticsearch JSON, ndjson), Calico OSS Goldmane / Whisker, Hubble `observe -o json`,
 * and a simple CSV. A record that cannot be read is reported with its line, never fatal.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' && v !== '-' ? v : undefined);

/** SPEC §7.2 `<index>|<tier>|<policy>|<action>|<rule index>`. */
export function parsePolicyHit(s: string): RecordedHit | null {
  const parts = s.split('|');
  if (parts.length !== 5) return null;
  const [index, tier, policy, action, rule] = parts as [string, string, string, string, string];
  if (!/^\d+$/.test(index) || !/^-?\d+$/.test(rule)) return null;
  // ≤3.31 names staged policies `staged:<tier>.<name>`; ≥3.32 by kind, `snp:` / `sgnp:` / `sknp:` (SPEC §7.2).
  return { index: Number(index), tier, policy, action, rule: Number(rule), staged: policy.includes('staged:') || /(^|[|/])s(n|gn|kn)p:/.test(policy) };
}

function hits(list: unknown, parse: (v: unknown) => RecordedHit | null): RecordedHit[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map(parse).filter((h): h is RecordedHit => h !== null).sort((a, b) => a.index - b.index);
}

function calicoEnd(o: Obj, side: 'source' | 'dest'): FlowEnd {
  const type = str(o[`${side}_type`]);
  const aggr = str(o[`${side}_name_aggr`]);
  const name = str(o[`${side}_name`]);
  const ns = str(o[`${side}_namespace`]);
  const labels = labelMap(o[`${side}_labels`]);
  const ip = str(o[`${side}_ip`]);
  const base = { ...(ns ? { namespace: ns } : {}), ...(ip ? { ip } : {}), ...(labels && Object.keys(labels).length > 0 ? { labels } : {}) };
  if (type === 'wep') return { type: 'workload', name: name ?? aggr, ...base };
  if (type === 'hep') return { type: 'hostendpoint', ...(name ?? aggr ? { name: name ?? aggr } : {}), ...base };
  if (type === 'ns') return { type: 'networkset', ...(aggr ? { name: aggr } : {}), ...base };
  const domains = side === 'dest' && Array.isArray(o.dest_domains) ? o.dest_domains.filter((d): d is string => typeof d === 'string') : [];
  return { type: type === 'net' ? 'network' : 'unknown', ...(aggr === 'pub' || aggr === 'pvt' ? { scope: aggr } : {}), ...(domains.length > 0 ? { domains } : {}), ...base };
}

/** Calico Enterprise / Cloud flow logs. */
export function readCalicoFlows(text: string, progress?: ReadProgress): FlowReadResult {
  return convertValues('calico', jsonValues(text, progress), calicoRecord);
}

/** One calico value as a record, or its problem. */
function calicoRecord(value: unknown, line: number, records: RecordSink, errors: ReadError[]): void {
  if (!isObj(value)) { errors.push({ line, message: 'not a flow log record (an object)' }); return; }
  const raw = records.pushKeyed ? calicoRawKey(value) : null;
  if (raw !== null && records.pushKeyed) {
    const counts = { count: count(value.num_flows) ?? 1, ...packetsAndBytes(value.packets_in, value.packets_out, value.bytes_in, value.bytes_out) };
    const error = records.pushKeyed(raw, line, counts, () => {
      const built: FlowRecord[] = [];
      const problems: ReadError[] = [];
      calicoBuild(value, line, built, problems);
      return built[0] ?? { error: problems[0]?.message ?? 'not read' };
    });
    if (error !== undefined) errors.push({ line, message: error });
    return;
  }
  calicoBuild(value, line, records, errors);
}

/** A Calico record built from its fields (what {@link calicoRecord} does the first time a key is seen). */
function calicoBuild(value: Obj, line: number, records: RecordSink, errors: ReadError[]): void {
  const protocol = protocolNumber(value.proto);
  if (protocol === undefined) { errors.push({ line, message: `unknown protocol ${JSON.stringify(value.proto)}` }); return; }
  const policies = isObj(value.policies) ? value.policies : {};
  const action = value.action === 'allow' || value.action === 'deny' ? value.action : undefined;
  const reporter = value.reporter === 'src' || value.reporter === 'dst' || value.reporter === 'fwd' ? value.reporter : undefined;
  const port = count(value.dest_port);
  records.push({
    line, src: calicoEnd(value, 'source'), dst: calicoEnd(value, 'dest'), protocol,
    ...(port !== undefined && protocol !== 1 && protocol !== 58 ? { port } : {}),
    count: count(value.num_flows) ?? 1,
    ...packetsAndBytes(value.packets_in, value.packets_out, value.bytes_in, value.bytes_out),
    ...(reporter ? { reporter } : {}),
    recorded: {
      ...(action ? { action } : {}),
      ...optional('enforced', hits(policies.enforced_policies, (v) => (typeof v === 'string' ? parsePolicyHit(v) : null))),
      ...optional('pending', hits(policies.pending_policies, (v) => (typeof v === 'string' ? parsePolicyHit(v) : null))),
    },
  });
}

function optional<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

function packetsAndBytes(pin: unknown, pout: unknown, bin: unknown, bout: unknown): { packets?: number; bytes?: number } {
  const packets = (count(pin) ?? 0) + (count(pout) ?? 0);
  const bytes = (count(bin) ?? 0) + (count(bout) ?? 0);
  return { ...(count(pin) !== undefined || count(pout) !== undefined ? { packets } : {}), ...(count(bin) !== undefined || count(bout) !== undefined ? { bytes } : {}) };
}

const GOLDMANE_TYPES: Record<string, FlowEnd['type']> = { WorkloadEndpoint: 'workload', HostEndpoint: 'hostendpoint', NetworkSet: 'networkset', Network: 'network' };

function goldmaneHit(v: unknown): RecordedHit | null {
  if (!isObj(v)) return null;
  const kind = str(v.kind);
  const end = kind === 'EndOfTier';
  return {
    index: count(v.policy_index) ?? 0, tier: str(v.tier) ?? '', policy: str(v.name) ?? (isObj(v.trigger) ? str(v.trigger.name) ?? '' : ''),
    ...(kind ? { kind } : {}), ...(str(v.namespace) ? { namespace: str(v.namespace)! } : {}),
    action: String(v.action ?? '').toLowerCase(), rule: end ? -1 : typeof v.rule_index === 'number' ? v.rule_index : Number(v.rule_index ?? -2),
    staged: typeof kind === 'string' && kind.startsWith('Staged'),
  };
}

/** Calico OSS Goldmane / Whisker flows (`FlowResult` or `Flow`, JSON array or ndjson). */
export function readGoldmaneFlows(text: string, progress?: ReadProgress): FlowReadResult {
  return convertValues('goldmane', jsonValues(text, progress), goldmaneRecord);
}

/** One goldmane value as a record, or its problem. */
function goldmaneRecord(value: unknown, line: number, records: RecordSink, errors: ReadError[]): void {
  const flow = isObj(value) && isObj(value.flow) ? value.flow : value;
  const key = isObj(flow) ? (isObj(flow.Key) ? flow.Key : isObj(flow.key) ? flow.key : null) : null;
  if (!isObj(flow) || !key) { errors.push({ line, message: 'not a Goldmane flow (no Key)' }); return; }
  const protocol = protocolNumber(key.proto);
  if (protocol === undefined) { errors.push({ line, message: `unknown protocol ${JSON.stringify(key.proto)}` }); return; }
  const end = (side: 'source' | 'dest'): FlowEnd => {
    const type = GOLDMANE_TYPES[String(key[`${side}_type`])] ?? 'unknown';
    const name = str(key[`${side}_name`]);
    const ns = str(key[`${side}_namespace`]);
    const labels = labelMap(flow[`${side}_labels`]);
    return {
      type, ...(ns ? { namespace: ns } : {}), ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
      ...(type === 'network' && (name === 'pub' || name === 'pvt') ? { scope: name } : name ? { name } : {}),
    };
  };
  const policies = isObj(key.policies) ? key.policies : {};
  const action = String(key.action ?? '').toLowerCase();
  const reporter = String(key.reporter ?? '').toLowerCase();
  const port = count(key.dest_port);
  records.push({
    line, src: end('source'), dst: end('dest'), protocol, ...(port !== undefined && port > 0 ? { port } : {}),
    count: (count(flow.num_connections_started) ?? 0) + (count(flow.num_connections_live) ?? 0) || 1,
    ...packetsAndBytes(flow.packets_in, flow.packets_out, flow.bytes_in, flow.bytes_out),
    ...(reporter === 'src' || reporter === 'dst' ? { reporter } : {}),
    recorded: {
      ...(action === 'allow' || action === 'deny' ? { action } : {}),
      ...optional('enforced', hits(policies.enforced_policies, goldmaneHit)),
      ...optional('pending', hits(policies.pending_policies, goldmaneHit)),
    },
  });
}

const L4: [string, number][] = [['TCP', 6], ['UDP', 17], ['SCTP', 132], ['ICMPv4', 1], ['ICMPv6', 58]];

function hubbleEnd(e: unknown, ip: string | undefined, names: unknown): FlowEnd {
  const o = isObj(e) ? e : {};
  const raw = Array.isArray(o.labels) ? o.labels.filter((l): l is string => typeof l === 'string') : [];
  const labels = labelMap(raw, true) ?? {};
  for (const k of Object.keys(labels)) if (k === 'io.kubernetes.pod.namespace' || k.startsWith('io.cilium.')) delete labels[k];
  const domains = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  const ns = str(o.namespace);
  const w = Array.isArray(o.workloads) && isObj(o.workloads[0]) ? o.workloads[0] : null;
  const base = { ...(ip ? { ip } : {}), ...(domains.length > 0 ? { domains } : {}) };
  if (ns && (str(o.pod_name) || w)) {
    return {
      type: 'workload', namespace: ns, ...(str(o.pod_name) ? { name: str(o.pod_name)! } : {}),
      ...(w && str(w.name) ? { workload: { kind: str(w.kind) ?? 'Deployment', name: str(w.name)! } } : {}),
      ...(Object.keys(labels).length > 0 ? { labels } : {}), ...base,
    };
  }
  if (raw.includes('reserved:host') || raw.includes('reserved:remote-node')) return { type: 'hostendpoint', ...base };
  if (raw.includes('reserved:world') || raw.some((l) => l.startsWith('cidr:'))) return { type: 'network', ...base };
  return { type: 'unknown', ...base };
}

/** Hubble `observe -o json` (one `GetFlowsResponse` or bare flow per line). Replies are skipped. */
export function readHubbleFlows(text: string, progress?: ReadProgress): FlowReadResult {
  return convertValues('hubble', jsonValues(text, progress), hubbleRecord);
}

/** One hubble value as a record, or its problem. */
function hubbleRecord(value: unknown, line: number, records: RecordSink, errors: ReadError[]): void {
  const flow = isObj(value) && isObj(value.flow) ? value.flow : value;
  if (!isObj(flow) || typeof flow.verdict !== 'string') { errors.push({ line, message: 'not a Hubble flow (no verdict)' }); return; }
  if (flow.is_reply === true) return; // the reply of a connection already counted
  const l4 = isObj(flow.l4) ? flow.l4 : {};
  const hit = L4.find(([k]) => isObj(l4[k]));
  if (!hit) { errors.push({ line, message: 'no L4 protocol (l4.TCP / UDP / SCTP / ICMPv4 / ICMPv6)' }); return; }
  const [key, protocol] = hit;
  const l = l4[key] as Obj;
  const raw = records.pushKeyed ? hubbleRawKey(flow, key, l) : null;
  if (raw !== null && records.pushKeyed) {
    // Hubble logs every flow (no aggregation): most lines repeat a key but for the source port.
    records.pushKeyed(raw, line, { count: 1 }, () => hubbleBuild(flow, protocol, l, line));
    return;
  }
  records.push(hubbleBuild(flow, protocol, l, line));
}

/** The endpoint fields {@link hubbleEnd} reads, as part of a raw key; null when one is not a plain value. */
function hubbleEndKey(e: unknown): string | null {
  if (!isObj(e)) return '~';
  const w = Array.isArray(e.workloads) ? e.workloads[0] : undefined;
  const wk = isObj(w) ? (keyPart(w.name) === null || keyPart(w.kind) === null ? null : `${keyPart(w.name)}\u0003${keyPart(w.kind)}`) : keyPart(w === undefined ? undefined : JSON.stringify(w));
  const parts = [keyPart(e.namespace), keyPart(e.pod_name), listPart(e.labels), wk];
  return parts.includes(null) ? null : parts.join('\u0002');
}

/** Every field a Hubble record is built from but the source port and times, as one string; null: build it the slow way. */
function hubbleRawKey(flow: Obj, l4: string, l: Obj): string | null {
  const ipv = isObj(flow.IP) ? flow.IP : {};
  const key = `${keyPart(flow.verdict)}\u0001${keyPart(flow.drop_reason)}\u0001${keyPart(flow.drop_reason_desc)}\u0001${keyPart(flow.traffic_direction)}`
    + `\u0001${l4}\u0001${keyPart(l.destination_port)}\u0001${keyPart(l.type)}\u0001${keyPart(l.code)}\u0001${keyPart(ipv.source)}\u0001${keyPart(ipv.destination)}`
    + `\u0001${hubbleEndKey(flow.source)}\u0001${hubbleEndKey(flow.destination)}\u0001${listPart(flow.source_names)}\u0001${listPart(flow.destination_names)}`;
  // keyPart, listPart and hubbleEndKey say null for what they cannot key.
  return key.includes('\u0001null') || key.startsWith('null') ? null : key;
}

/** A Hubble record built from its fields (once per raw key when grouped as read). */
function hubbleBuild(flow: Obj, protocol: number, l: Obj, line: number): FlowRecord {
  const ipv = isObj(flow.IP) ? flow.IP : {};
  const verdict = flow.verdict;
  const action = verdict === 'FORWARDED' || verdict === 'REDIRECTED' ? 'allow' as const
    : verdict === 'DROPPED' && (flow.drop_reason_desc === 'POLICY_DENIED' || flow.drop_reason === 133) ? 'deny' as const
      : verdict === 'AUDIT' ? 'audit' as const : undefined;
  const port = count(l.destination_port);
  return {
    line, src: hubbleEnd(flow.source, str(ipv.source), flow.source_names), dst: hubbleEnd(flow.destination, str(ipv.destination), flow.destination_names), protocol,
    ...(protocol === 1 || protocol === 58 ? { icmp: { ...(count(l.type) !== undefined ? { type: count(l.type)! } : {}), ...(count(l.code) !== undefined ? { code: count(l.code)! } : {}) } } : port !== undefined ? { port } : {}),
    count: 1,
    ...(flow.traffic_direction === 'EGRESS' ? { reporter: 'src' as const } : flow.traffic_direction === 'INGRESS' ? { reporter: 'dst' as const } : {}),
    recorded: action ? { action } : {},
  };
}

type ReadError = FlowReadResult['errors'][number];
type Converter = (value: unknown, line: number, records: RecordSink, errors: ReadError[]) => void;
/**
 * Where a reader puts its records: an array, or straight into a {@link flowGrouper} (records not
 * kept). A grouper also takes `pushKeyed`: the record's raw key fields as one string and its
 * counts, the record built only the first time that key is seen (a log repeats its keys; the
 * building is most of a reader's cost). Returns the build's error again for a key that failed.
 */
export interface RecordSink {
  push(r: FlowRecord): unknown;
  pushKeyed?(rawKey: string, line: number, counts: Pick<FlowRecord, 'count' | 'packets' | 'bytes'>, build: () => FlowRecord | { error: string }): string | undefined;
}

/** A primitive field as part of a raw key (type-tagged, so `1` and `"1"` differ); null for an object. */
function keyPart(v: unknown): string | null {
  if (v === null || v === undefined) return '~';
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v === 'number' ? 'n' : 'b'}${String(v)}`;
  return null;
}

/** A string array (labels, domains) as part of a raw key; null when it is not one. */
function listPart(v: unknown): string | null {
  const list = isObj(v) ? v.labels : v;
  if (list === null || list === undefined) return isObj(v) ? '{}' : '~';
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return null;
  return `${isObj(v) ? 'o' : 'a'}${list.join('\u0002')}`;
}

/** Every field a Calico record's ends and group key are read from, as one string; null: read it the slow way. */
function calicoRawKey(v: Obj): string | null {
  // One concatenation (this runs for every record of a log: a million, say).
  const key = `${keyPart(v.source_type)}\u0001${keyPart(v.source_name_aggr)}\u0001${keyPart(v.source_name)}\u0001${keyPart(v.source_namespace)}\u0001${keyPart(v.source_ip)}\u0001${listPart(v.source_labels)}`
    + `\u0001${keyPart(v.dest_type)}\u0001${keyPart(v.dest_name_aggr)}\u0001${keyPart(v.dest_name)}\u0001${keyPart(v.dest_namespace)}\u0001${keyPart(v.dest_ip)}\u0001${listPart(v.dest_labels)}`
    + `\u0001${listPart(v.dest_domains)}\u0001${keyPart(v.proto)}\u0001${keyPart(v.dest_port)}\u0001${keyPart(v.reporter)}\u0001${keyPart(v.action)}`;
  // keyPart and listPart say null for what they cannot key (an object where a string belongs).
  return key.includes('\u0001null') || key.startsWith('null') ? null : key;
}

const CSV_COLUMNS = ['src_ns', 'src_name', 'dst_ns', 'dst_name', 'proto', 'port', 'action', 'count'] as const;

/**
 * The reader of CSV rows under this header line (`src_ns,src_name,dst_ns,dst_name,proto,port,
 * action,count`, in any order; action and count optional), or what the header lacks.
 */
function csvRows(headerLine: string, records: RecordSink, errors: ReadError[]): ((raw: string, line: number) => void) | { error: string } {
  const header = headerLine.trim().toLowerCase().split(',').map((c) => c.trim());
  const col = Object.fromEntries(CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof CSV_COLUMNS)[number], number>;
  const missing = CSV_COLUMNS.filter((c) => c !== 'count' && c !== 'action' && col[c] < 0);
  if (missing.length > 0) return { error: `the header lacks ${missing.join(', ')} (columns: ${CSV_COLUMNS.join(',')})` };
  return (raw, line) => {
    if (raw.trim() === '') return;
    const cells = raw.split(',').map((c) => c.trim());
    const get = (c: (typeof CSV_COLUMNS)[number]) => (col[c] >= 0 ? cells[col[c]] ?? '' : '');
    const n = get('count') === '' ? 1 : count(get('count'));
    if (n === undefined) { errors.push({ line, message: `bad count "${get('count')}"` }); return; }
    const build = (): FlowRecord | { error: string } => {
      const protocol = protocolNumber(get('proto'));
      if (protocol === undefined) return { error: `unknown protocol "${get('proto')}"` };
      const port = get('port') === '' ? undefined : count(get('port'));
      if (get('port') !== '' && (port === undefined || port > 65535)) return { error: `bad port "${get('port')}"` };
      const end = (ns: string, name: string): FlowEnd => (ns === '' || ns === '-'
        ? (/^[\d.:/a-f]+$/i.test(name) && name !== '' ? { type: 'network', ip: name } : { type: 'unknown', ...(name ? { name } : {}) })
        : { type: 'workload', namespace: ns, name });
      const action = get('action').toLowerCase();
      return {
        line, src: end(get('src_ns'), get('src_name')), dst: end(get('dst_ns'), get('dst_name')), protocol,
        ...(port !== undefined ? { port } : {}), count: n,
        ...(action === 'allow' || action === 'deny' ? { recorded: { action } } : {}),
      };
    };
    if (records.pushKeyed) {
      // Every column but the count: what the record is built from.
      const key = cells.filter((_, i) => i !== col.count).join('\u0001');
      const error = records.pushKeyed(key, line, { count: n }, build);
      if (error !== undefined) errors.push({ line, message: error });
      return;
    }
    const r = build();
    if ('error' in r) errors.push({ line, message: r.error });
    else records.push(r);
  };
}

/** `src_ns,src_name,dst_ns,dst_name,proto,port,action,count`, a header line first. */
export function readCsvFlows(text: string, progress?: ReadProgress): FlowReadResult {
  const lines = text.split('\n');
  const records: FlowRecord[] = [];
  const errors: ReadError[] = [];
  const row = csvRows(lines[0] ?? '', records, errors);
  if ('error' in row) return { format: 'csv', records: [], errors: [{ line: 1, message: row.error }] };
  for (let i = 1; i < lines.length; i++) {
    if (progress && i % PROGRESS_EVERY === 0) progress(i, lines.length);
    row(lines[i]!, i + 1);
  }
  return { format: 'csv', records, errors };
}

/** Which reader a flow file needs, from its first few thousand characters. */
export function flowFormat(head: string): FlowReadResult['format'] {
  if (/^\s*src_ns\s*,/i.test(head)) return 'csv';
  if (/"verdict"\s*:/.test(head) && /"(IP|l4)"\s*:/.test(head)) return 'hubble';
  if (/"[Kk]ey"\s*:\s*{/.test(head) && /"source_type"\s*:\s*"(WorkloadEndpoint|HostEndpoint|NetworkSet|Network)"/.test(head)) return 'goldmane';
  return 'calico';
}

const CONVERTERS = { calico: calicoRecord, goldmane: goldmaneRecord, hubble: hubbleRecord } as const;

/** Values already read, converted by one format's reader; the values' problems kept. */
function convertValues(format: Exclude<FlowReadResult['format'], 'csv'>, read: { values: { line: number; value: unknown }[]; errors: ReadError[] }, convert: Converter): FlowReadResult {
  const records: FlowRecord[] = [];
  const errors = read.errors;
  for (const { line, value } of read.values) convert(value, line, records, errors);
  return { format, records, errors };
}

/** A flow log fed one line at a time (a file too large to be one string), then read. */
export interface FlowLineReader {
  push(raw: string, line: number): void;
  finish(): FlowReadResult;
}

/**
 * A line-at-a-time reader for the format `head` shows: CSV (line 1 is its header), or one JSON
 * record per line (ndjson) of the Calico, Goldmane or Hubble shape. Values that span lines
 * (a JSON array, pretty-printed records) need {@link readFlows} on the whole text.
 */
export function flowLineReader(head: string, sink?: RecordSink): FlowLineReader {
  const format = flowFormat(head);
  const kept: FlowRecord[] = [];
  const records: RecordSink = sink ?? kept;
  const errors: ReadError[] = [];
  if (format === 'csv') {
    let row: ((raw: string, line: number) => void) | null = null;
    let bad: string | null = null;
    return {
      push(raw, line) {
        if (line === 1) {
          const r = csvRows(raw, records, errors);
          if ('error' in r) bad = r.error;
          else row = r;
        } else row?.(raw, line);
      },
      finish: () => (bad !== null ? { format, records: [], errors: [{ line: 1, message: bad }] } : { format, records: kept, errors }),
    };
  }
  const convert = CONVERTERS[format];
  return {
    push(raw, line) {
      const text = raw.trim();
      if (text === '') return;
      let value: unknown;
      try {
        value = JSON.parse(text) as unknown;
      } catch (e) {
        errors.push({ line, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      convert(value, line, records, errors);
    },
    finish: () => ({ format, records: kept, errors }),
  };
}

/** Any supported flow file, by its content: CSV header, Hubble verdicts, Goldmane keys, Calico fields. */
export function readFlows(text: string, progress?: ReadProgress): FlowReadResult {
  const format = flowFormat(text.slice(0, 4000));
  if (format === 'csv') return readCsvFlows(text, progress);
  if (format === 'hubble') return readHubbleFlows(text, progress);
  if (format === 'goldmane') return readGoldmaneFlows(text, progress);
  return readCalicoFlows(text, progress);
}
