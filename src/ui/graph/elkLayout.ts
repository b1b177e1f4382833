import ELK from 'elkjs/lib/elk-api.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { buildElkGraph, layoutKey, readElkLayout, type LayoutNode } from './elkGraph';
import type { Placed } from './layout';

/** The part of an ELK instance the layouter uses (elk-api in the browser, elk.bundled in tests). */
export interface ElkLike {
  layout(graph: ElkNode, args?: { measureExecutionTime?: boolean }): Promise<ElkNode>;
}

/** Lays out node sets with ELK, remembering the last few answers by their layout key. */
export interface Layouter {
  /** A finished layout of exactly this node set, if one is remembered. */
  cached(key: string): Placed[] | undefined;
  /** The layout of the nodes (from the cache, the same request in flight, or ELK). */
  layout(nodes: readonly LayoutNode[]): Promise<Placed[]>;
}

export interface LayouterOptions {
  /** How many node sets to remember (an edit and its undo both stay cached). */
  cacheSize?: number;
  /** Give up on ELK after this long (the caller falls back to the instant layout). */
  timeoutMs?: number;
}

/**
 * A layouter over one ELK instance. Positions depend only on the node set (the key), so a
 * re-evaluation that keeps the nodes, such as any policy edit, never lays out again.
 */
export function createLayouter(elk: ElkLike, opts: LayouterOptions = {}): Layouter {
  const cacheSize = opts.cacheSize ?? 8;
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const done = new Map<string, Placed[]>();
  const inFlight = new Map<string, Promise<Placed[]>>();
  const remember = (key: string, placed: Placed[]) => {
    done.delete(key);
    done.set(key, placed);
    while (done.size > cacheSize) done.delete(done.keys().next().value!);
  };
  return {
    cached: (key) => done.get(key),
    layout(nodes) {
      const key = layoutKey(nodes);
      const hit = done.get(key);
      if (hit) return Promise.resolve(hit);
      const pending = inFlight.get(key);
      if (pending) return pending;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`layout took more than ${timeoutMs} ms`)), timeoutMs);
      });
      const start = performance.now();
      const run = Promise.race([elk.layout(buildElkGraph(nodes), { measureExecutionTime: true }), timeout])
        .then((result) => {
          const placed = readElkLayout(result);
          remember(key, placed);
          // On the browser's performance timeline: the round trip, and ELK's own time (seconds).
          const elkSeconds = (result as { logging?: { executionTime?: number } }).logging?.executionTime;
          performance.measure('netpol-canvas layout', { start, detail: { nodes: nodes.length, elkSeconds } });
          return placed;
        })
        .finally(() => {
          clearTimeout(timer);
          inFlight.delete(key);
        });
      inFlight.set(key, run);
      return run;
    },
  };
}

/**
 * ELK in its own module worker (layout.worker.ts), so a 2,000-node layout never blocks the
 * page. A worker that fails to load or crashes rejects every layout in flight and after; the
 * caller then keeps the instant layout.
 */
export function startLayoutWorker(): ElkLike {
  let failure: Error | null = null;
  const failed: ((e: Error) => void)[] = [];
  let elk: InstanceType<typeof ELK> | null = null;
  try {
    elk = new ELK({
      // Box is built in; rectpacking is the only registered algorithm we use.
      algorithms: ['rectpacking'],
      workerFactory: () => {
        const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'netpol-layout' });
        worker.addEventListener('error', (e) => {
          failure = new Error(`layout worker failed: ${e.message || 'could not start'}`);
          for (const reject of failed.splice(0)) reject(failure);
        });
        return worker;
      },
    });
  } catch (e) {
    failure = e instanceof Error ? e : new Error(String(e));
  }
  return {
    layout: (graph, args) => {
      const running = elk;
      if (failure || !running) return Promise.reject(failure ?? new Error('no layout worker'));
      return new Promise<ElkNode>((resolve, reject) => {
        failed.push(reject);
        running.layout(graph, args).then(resolve, reject).finally(() => {
          const i = failed.indexOf(reject);
          if (i >= 0) failed.splice(i, 1);
        });
      });
    },
  };
}

let shared: Layouter | null = null;

/** The page's one layouter (its worker starts on first use). */
export function sharedLayouter(): Layouter {
  shared ??= createLayouter(startLayoutWorker());
  return shared;
}

/** A finished layout of the page's layouter, without starting its worker (safe during render). */
export function cachedLayout(key: string): Placed[] | undefined {
  return shared?.cached(key);
}
