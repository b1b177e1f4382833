/**
 * Interned connection sets: every distinct {@link ConnSet} gets a small integer id, and the set
 * algebra on ids is memoised. The all-pairs evaluation repeats the same few dozen sets millions
 * of times (`All Connections`, `TCP 8080`, ...), so after the first time each union,
 * intersection and difference is one array index and one map lookup, and equality is `===`.
 */
import { ConnSet } from '../net';

/** Id of the empty set in every {@link ConnTable}. */
export const NONE_ID = 0;
/** Id of the set of every connection in every {@link ConnTable}. */
export const ALL_ID = 1;

/** An append-only table of distinct connection sets with memoised operations on their ids. */
export class ConnTable {
  private readonly sets: ConnSet[] = [ConnSet.none(), ConnSet.all()];
  private readonly byKey = new Map<string, number>([[ConnSet.none().key(), NONE_ID], [ConnSet.all().key(), ALL_ID]]);
  private readonly byObject = new WeakMap<ConnSet, number>();
  private readonly inter: (Map<number, number> | undefined)[] = [];
  private readonly uni: (Map<number, number> | undefined)[] = [];
  private readonly sub: (Map<number, number> | undefined)[] = [];

  /** How many distinct sets the table holds. */
  get size(): number {
    return this.sets.length;
  }

  /** The id of a set (equal sets, equal ids). */
  id(c: ConnSet): number {
    if (c.isEmpty()) return NONE_ID;
    if (c.isAll()) return ALL_ID;
    let i = this.byObject.get(c);
    if (i !== undefined) return i;
    const key = c.key();
    i = this.byKey.get(key);
    if (i === undefined) {
      i = this.sets.length;
      this.sets.push(c);
      this.byKey.set(key, i);
    }
    this.byObject.set(c, i);
    return i;
  }

  /** The set of an id. */
  set(id: number): ConnSet {
    return this.sets[id]!;
  }

  /** Id of the intersection. */
  intersect(a: number, b: number): number {
    if (a === NONE_ID || b === ALL_ID || a === b) return a;
    if (b === NONE_ID || a === ALL_ID) return b;
    return a < b ? this.memo(this.inter, a, b, (x, y) => x.intersect(y)) : this.memo(this.inter, b, a, (x, y) => x.intersect(y));
  }

  /** Id of the union. */
  union(a: number, b: number): number {
    if (a === NONE_ID || b === ALL_ID || a === b) return b;
    if (b === NONE_ID || a === ALL_ID) return a;
    return a < b ? this.memo(this.uni, a, b, (x, y) => x.union(y)) : this.memo(this.uni, b, a, (x, y) => x.union(y));
  }

  /** Id of `a` minus `b`. */
  subtract(a: number, b: number): number {
    if (a === NONE_ID || b === NONE_ID) return a;
    if (b === ALL_ID || a === b) return NONE_ID;
    return this.memo(this.sub, a, b, (x, y) => x.subtract(y));
  }

  private memo(table: (Map<number, number> | undefined)[], a: number, b: number, op: (x: ConnSet, y: ConnSet) => ConnSet): number {
    let row = table[a];
    if (!row) {
      row = new Map();
      table[a] = row;
    }
    let r = row.get(b);
    if (r === undefined) {
      r = this.id(op(this.sets[a]!, this.sets[b]!));
      row.set(b, r);
    }
    return r;
  }
}
