/**
 * Rules compiled against a class universe (see ./classes.ts): which classes each side matches
 * (from ./sides.ts) and the rule's connections, interned once when they depend on neither end,
 * else per port signature of the side(s) they depend on: named ports resolve on their side's
 * endpoint (SPEC §3.5) and a destination services match on the destination's address
 * (SPEC §3.6), so classes with equal signatures share the set.
 */
import type { EntityMatch, Rule } from '../model/policy';
import { dependsOnDestination, hasNamedPorts, ruleConnections } from '../evaluate/symbolic';
import { namedPortEndpoint } from '../evaluate/peer';
import type { PeerClass } from './classes';
import type { ConnTable } from './conntable';
import type { SideIndex } from './sides';

/** A rule prepared for class-level evaluation: which classes each side matches, and its connections. */
export interface CompiledRule {
  uid: number;
  rule: Rule;
  /** Classes the source side matches (SPEC §3.2 step 4 without ports). */
  src: Uint32Array;
  /** Classes the destination side matches. */
  dst: Uint32Array;
  /** Table id of the protocol/port set when it depends on neither end; -1 with named ports or a destination services match. */
  ports: number;
  /** Named ports on the source side: the set depends on the source class (SPEC §3.5). */
  srcNamed: boolean;
  /** Named ports on the destination side: the set depends on the destination class. */
  dstNamed: boolean;
  /** With named ports on one side: the set per class of that side (-1: not computed yet). */
  portIds: Int32Array | null;
  /** With named ports or services: the set per port signature of the side(s) it depends on (see `portsFor`). */
  portsBySignature?: Map<string, number>;
}

/** Compiles rules once per universe and resolves their connections per class pair. */
export class RuleCompiler {
  private readonly compiledRules = new WeakMap<Rule, CompiledRule>();
  private nextRuleUid = 0;

  /**
   * `portSignature`: per class, an id of its relevant named-port declarations;
   * `serviceSignature`: per class, an id of what the referenced Services give its address.
   */
  constructor(
    private readonly classes: readonly PeerClass[],
    private readonly table: ConnTable,
    private readonly sides: SideIndex,
    private readonly portSignature: readonly number[],
    private readonly serviceSignature: readonly number[],
  ) {}

  private get count(): number {
    return this.classes.length;
  }

  private sideBits(side: EntityMatch): Uint32Array {
    return this.sides.sideBits(side);
  }

  /** A rule prepared once per universe. */
  compile(rule: Rule): CompiledRule {
    let cr = this.compiledRules.get(rule);
    if (!cr) {
      const srcNamed = hasNamedPorts(rule.source);
      // SPEC §3.5, §3.6: destination named ports and a destination services match depend on the destination class.
      const dstNamed = dependsOnDestination(rule);
      const any = this.classes[0]?.rep ?? { type: 'block', block: { v: 4, lo: 0n, hi: 0n }, owners: [] };
      cr = {
        uid: this.nextRuleUid++, rule, src: this.sideBits(rule.source), dst: this.sideBits(rule.destination),
        // Without named ports neither end matters; any peer stands in.
        ports: srcNamed || dstNamed ? -1 : this.table.id(ruleConnections(rule, any, any)),
        srcNamed, dstNamed, portIds: null,
      };
      this.compiledRules.set(rule, cr);
    }
    return cr;
  }

  /**
   * What a rule's named ports can see of class `c` on one side (SPEC §3.5): its relevant
   * declarations, and whether it matches the side's P by its own labels; outside endpoints
   * never match a named port (-1).
   */
  private portSig(side: EntityMatch, c: number): number {
    // SPEC §3.5, §1.7: only endpoints with addresses declare named ports (not a HEP without expectedIPs).
    const ep = namedPortEndpoint(this.classes[c]!.rep);
    if (!ep) return -1;
    return this.portSignature[c]! * 2 + (!side.positive || side.positive.match(ep.labels) ? 1 : 0);
  }

  /**
   * What a rule's destination side can see of class `c`: its named-port signature and, with a
   * destination services match, what the Services' EndpointSlices give the class's address
   * (SPEC §3.6).
   */
  private destinationSig(rule: Rule, c: number): string {
    const named = this.portSig(rule.destination, c);
    return rule.destination.services ? `${named}/${this.serviceSignature[c]!}` : String(named);
  }

  /**
   * Table id of a rule's connections from source class `s` to destination class `d` (only
   * meaningful when both sides match them). Classes with the same port signature share the set.
   */
  portsFor(cr: CompiledRule, s: number, d: number): number {
    if (cr.ports >= 0) return cr.ports;
    const rule = cr.rule;
    cr.portsBySignature ??= new Map();
    if (cr.srcNamed && cr.dstNamed) {
      // Both ends name ports (rare): keyed by the pair of signatures, no per-class cache.
      const sig = `${this.portSig(rule.source, s)},${this.destinationSig(rule, d)}`;
      let id = cr.portsBySignature.get(sig);
      if (id === undefined) {
        id = this.table.id(ruleConnections(rule, this.classes[s]!.rep, this.classes[d]!.rep));
        cr.portsBySignature.set(sig, id);
      }
      return id;
    }
    // One side names ports: the set depends on that side's class only.
    const c = cr.srcNamed ? s : d;
    cr.portIds ??= new Int32Array(this.count).fill(-1);
    let id = cr.portIds[c]!;
    if (id < 0) {
      const sig = cr.srcNamed ? String(this.portSig(rule.source, c)) : this.destinationSig(rule, c);
      id = cr.portsBySignature.get(sig) ?? -1;
      if (id < 0) {
        const rep = this.classes[c]!.rep;
        id = this.table.id(ruleConnections(rule, rep, rep));
        cr.portsBySignature.set(sig, id);
      }
      cr.portIds[c] = id;
    }
    return id;
  }
}
