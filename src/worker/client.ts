import type { AnalysisResult, ConnectionExplanation, ExportOptions, HitReport, ImportPlan, NodeInspection, PolicyFocus, WorkloadExpansion, WorkspaceFile } from '../engine';
import type { EngineRequest, EngineResponse, ExportAnswer, FlowSource, PlanAnswer, PlanEdit } from './protocol';
import { decodeAnalysis, type SentAnalysis } from './resultDelta';

/** A flow-log file for the engine: its text, or its bytes (transferred, not copied). */
export type FlowFile = Extract<EngineRequest, { type: 'load-flows' }>['files'][number];
/** How far the engine is with a flow file. */
export type FlowProgress = Extract<EngineResponse, { type: 'progress' }>;

/** An answer as the client hands it on: an analysis with its result decoded. */
type Answer = Exclude<EngineResponse, { type: 'analysis' }> | (Omit<Extract<EngineResponse, { type: 'analysis' }>, 'result'> & { result: AnalysisResult });

/** Anything that carries requests to the engine and answers back (a Worker, or in-process). */
export interface Transport {
  /** `transfer`: buffers handed to the engine, not copied (they are unusable here afterwards). */
  send(req: EngineRequest, transfer?: Transferable[]): void;
  onMessage(handler: (res: EngineResponse) => void): void;
  close(): void;
}

/** The engine's answer to an analysis, with the revision it belongs to. */
export interface AnalysisReply {
  revision: number;
  result: AnalysisResult;
  millis: number;
  /** The request asked for the result to be shown even with new errors. */
  acceptErrors: boolean;
}

/**
 * Talks to the engine: request ids, latest-revision-wins for analyses (an answer for an older
 * revision than the newest one asked for is dropped, so a slow evaluation never overwrites a
 * newer one), promises for explanations.
 */
export class EngineClient {
  private nextId = 1;
  private latestRevision = -1;
  private readonly pending = new Map<number, { resolve: (r: Answer) => void; progress?: (p: FlowProgress) => void }>();
  /** The texts the last analyze request carried (the engine keeps them: unchanged ones are not sent again). */
  private sent = new Map<string, string>();
  /** The last analysis received, decoded: the next one arrives as a delta against it. */
  private received: SentAnalysis | null = null;

  constructor(private readonly transport: Transport) {
    transport.onMessage((res) => {
      if (res.type === 'progress') {
        this.pending.get(res.id)?.progress?.(res);
        return;
      }
      let answer: Answer;
      if (res.type === 'analysis') {
        // Every analysis is decoded, in arrival order, even one whose caller is gone: it is the next one's base.
        try {
          const result = decodeAnalysis(this.received, res.result);
          this.received = { id: res.id, result };
          answer = { ...res, result };
        } catch (e) {
          answer = { type: 'failure', id: res.id, revision: res.revision, message: e instanceof Error ? e.message : String(e) };
        }
      } else answer = res;
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      p.resolve(answer);
    });
  }

  /** Resolves with the analysis, or with null when a newer revision was requested meanwhile. */
  async analyze(revision: number, files: WorkspaceFile[], acceptErrors = false): Promise<AnalysisReply | null> {
    this.latestRevision = Math.max(this.latestRevision, revision);
    const updates = files.map((f) => (this.sent.get(f.path) === f.text ? { path: f.path } : { path: f.path, text: f.text }));
    this.sent = new Map(files.map((f) => [f.path, f.text]));
    const res = await this.request({ type: 'analyze', id: this.nextId++, revision, files: updates, ...(acceptErrors ? { acceptErrors } : {}) });
    if (res.type === 'failure') throw new Error(res.message);
    if (res.type !== 'analysis' || res.revision < this.latestRevision) return null;
    return { revision: res.revision, result: res.result, millis: res.millis, acceptErrors };
  }

  /** Explains one probe between two nodes of the last analysis. */
  async explain(src: string, dst: string, probe: string, scope: 'enforced' | 'pending' = 'enforced'): Promise<ConnectionExplanation | { error: string }> {
    const res = await this.request({ type: 'explain', id: this.nextId++, revision: this.latestRevision, src, dst, probe, scope });
    if (res.type === 'failure') return { error: res.message };
    if (res.type !== 'explanation') return { error: 'unexpected answer from the engine' };
    return res.result;
  }

  /**
   * Inspects one node of the last analysis. The answer carries the revision of the analysis it
   * was computed from, so the caller can drop it when its graph is newer.
   */
  async inspectNode(node: string): Promise<{ revision: number; result: NodeInspection | { error: string } }> {
    const res = await this.request({ type: 'inspect-node', id: this.nextId++, revision: this.latestRevision, node });
    if (res.type === 'failure') return { revision: res.revision, result: { error: res.message } };
    if (res.type !== 'node-inspection') return { revision: res.revision, result: { error: 'unexpected answer from the engine' } };
    return { revision: res.revision, result: res.result };
  }

  /**
   * The policy written at a line of a file of the last analysis (null: none). The answer carries
   * the revision whose text the lines belong to, so the caller can drop it when its text is newer.
   */
  async policyFocus(path: string, line: number): Promise<{ revision: number; result: PolicyFocus | null }> {
    const res = await this.request({ type: 'policy-focus', id: this.nextId++, revision: this.latestRevision, path, line });
    if (res.type !== 'policy-focus') return { revision: res.revision, result: null };
    return { revision: res.revision, result: res.result };
  }

  /**
   * The pods of the given workloads and their edges, from the session the graph shows; tagged
   * with that session's revision so the caller can drop an answer older than its graph.
   */
  async expand(workloads: string[]): Promise<{ revision: number; result: WorkloadExpansion | { error: string } }> {
    const res = await this.request({ type: 'expand', id: this.nextId++, revision: this.latestRevision, workloads });
    if (res.type === 'failure') return { revision: res.revision, result: { error: res.message } };
    if (res.type !== 'expansion') return { revision: res.revision, result: { error: 'unexpected answer from the engine' } };
    return { revision: res.revision, result: res.result };
  }

  /** The workspace exported for calicoctl / kubectl (or the errors that prevent it). */
  async exportWorkspace(files: { path: string; text: string }[], options: ExportOptions): Promise<ExportAnswer> {
    const res = await this.request({ type: 'export', id: this.nextId++, revision: this.latestRevision, files, options });
    if (res.type === 'failure') return { error: res.message, problems: [] };
    if (res.type !== 'export') return { error: 'unexpected answer from the engine', problems: [] };
    return res.result;
  }

  /** A model edit (a drag's rule, a board move, a tier change) as file changes with their diffs and their effect on the edges. */
  async plan(files: { path: string; text: string }[], edit: PlanEdit): Promise<PlanAnswer> {
    const res = await this.request({ type: 'plan', id: this.nextId++, revision: this.latestRevision, files, edit });
    if (res.type === 'failure') return { error: res.message };
    if (res.type !== 'plan') return { error: 'unexpected answer from the engine' };
    return res.result;
  }

  /** Incoming files read against the workspace: what to add, and a report per document. */
  async importFiles(files: { path: string; text: string }[], incoming: { name: string; text: string }[], strip: boolean): Promise<ImportPlan | { error: string }> {
    const res = await this.request({ type: 'import', id: this.nextId++, revision: this.latestRevision, files, incoming, strip });
    if (res.type === 'failure') return { error: res.message };
    if (res.type !== 'import') return { error: 'unexpected answer from the engine' };
    return res.result;
  }

  /** Flow files parsed and kept in the worker; what it read of each file it keeps. */
  async loadFlows(files: FlowFile[], replace: boolean, progress?: (p: FlowProgress) => void): Promise<FlowSource[] | { error: string }> {
    const transfer = files.flatMap((f) => ('bytes' in f ? [f.bytes] : []));
    const res = await this.request({ type: 'load-flows', id: this.nextId++, revision: this.latestRevision, files, replace }, transfer, progress);
    if (res.type === 'failure') return { error: res.message };
    if (res.type !== 'flows') return { error: 'unexpected answer from the engine' };
    return res.sources;
  }

  /** The kept flows replayed through the model on screen (null: no flows), tagged with its revision. */
  async hits(): Promise<{ revision: number; result: HitReport | null } | { error: string }> {
    const res = await this.request({ type: 'hits', id: this.nextId++, revision: this.latestRevision });
    if (res.type === 'failure') return { error: res.message };
    if (res.type !== 'hits') return { error: 'unexpected answer from the engine' };
    return { revision: res.revision, result: res.result };
  }

  close(): void {
    this.transport.close();
  }

  private request(req: EngineRequest, transfer: Transferable[] = [], progress?: (p: FlowProgress) => void): Promise<Answer> {
    return new Promise((resolve) => {
      this.pending.set(req.id, { resolve, ...(progress ? { progress } : {}) });
      this.transport.send(req, transfer);
    });
  }
}

async function withBytes(req: EngineRequest): Promise<EngineRequest> {
  if (req.type !== 'load-flows') return req;
  return { ...req, files: await Promise.all(req.files.map(async (f) => ('blob' in f ? { name: f.name, bytes: await f.blob.arrayBuffer() } : f))) };
}

/** A transport over a module Web Worker. */
export function workerTransport(worker: Worker): Transport {
  return {
    send: (req, transfer = []) => worker.postMessage(req, transfer),
    onMessage: (h) => worker.addEventListener('message', (ev: MessageEvent<EngineResponse>) => h(ev.data)),
    close: () => worker.terminate(),
  };
}

/**
 * The same engine in this thread, asynchronously (for tests, and as the fallback when a worker
 * cannot start). The dispatcher is passed in so this file does not load the engine eagerly.
 */
export function inProcessTransport(dispatch: (req: EngineRequest) => EngineResponse): Transport {
  let handler: ((res: EngineResponse) => void) | null = null;
  let queue: Promise<void> = Promise.resolve();
  return {
    send: (req) => {
      // Answer on a later task, like a worker would, so callers never see a synchronous reply.
      // Blobs of flow files are read first (the worker reads them on its own thread); requests
      // stay in order behind such a read, and a failed read is answered as a failure.
      queue = queue.then(async () => {
        let ready: EngineRequest;
        try {
          ready = await withBytes(req);
        } catch (e) {
          handler?.({ type: 'failure', id: req.id, revision: req.revision, message: `a flow file could not be read: ${e instanceof Error ? e.message : String(e)}` });
          return;
        }
        await new Promise<void>((r) => setTimeout(() => { try { handler?.(structuredClone(dispatch(ready))); } finally { r(); } }, 0));
      });
    },
    onMessage: (h) => { handler = h; },
    close: () => { handler = null; },
  };
}
