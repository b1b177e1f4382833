/**
 * Every `conn` string of the upstream corpus (shared/corpus/{nca,netpol-analyzer}/…/case.json)
 * must parse, except those that need dimensions the model lacks (source ports, L7); each
 * parsed one must survive format → parse, and print back as the corpus wrote it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConnSet } from './connset';
import { type Conventions, formatConnSet, parseConnString } from './format';
import { formatNcaRaw, parseNcaRaw } from './ncaform';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

interface Row {
  conn?: string;
  conn_struct?: unknown;
}
interface Case {
  conventions?: Conventions;
  expected?: Row[] | null;
}

function caseFiles(dir: string, file: (name: string) => boolean = (n) => n === 'case.json'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...caseFiles(p, file));
    else if (file(name)) out.push(p);
  }
  return out;
}

describe('corpus conn strings', () => {
  const present = existsSync(join(CORPUS, 'nca')) && existsSync(join(CORPUS, 'netpol-analyzer'));
  if (!present) console.warn(`corpus not found at ${CORPUS}: skipping the corpus conn-string test`);

  it.skipIf(!present)('parse, and round-trip through formatConnSet', () => {
    // Distinct (conventions, conn, conn_struct) with how many rows use them.
    const distinct = new Map<string, { conv: Conventions; conn: string; struct: unknown; rows: number }>();
    let files = 0;
    for (const source of ['nca', 'netpol-analyzer']) {
      for (const f of caseFiles(join(CORPUS, source))) {
        const c = JSON.parse(readFileSync(f, 'utf8')) as Case;
        if (!c.conventions || !Array.isArray(c.expected)) continue;
        files++;
        for (const row of c.expected) {
          if (typeof row.conn !== 'string') continue;
          const key = JSON.stringify([c.conventions, row.conn, row.conn_struct ?? null]);
          const d = distinct.get(key) ?? { conv: c.conventions, conn: row.conn, struct: row.conn_struct, rows: 0 };
          d.rows++;
          distinct.set(key, d);
        }
      }
    }

    const stats = { parsed: 0, parsedRows: 0, rejected: new Map<string, number>(), rejectedRows: 0 };
    const unexpected: string[] = [];
    const reprinted: string[] = [];
    for (const d of distinct.values()) {
      const r = parseConnString(d.conn, d.conv, d.struct);
      if (!(r instanceof ConnSet)) {
        stats.rejectedRows += d.rows;
        const why = r.unsupported ?? 'error';
        stats.rejected.set(why, (stats.rejected.get(why) ?? 0) + 1);
        if (r.unsupported === undefined) unexpected.push(`${d.conv} '${d.conn}': ${r.error}`);
        continue;
      }
      stats.parsed++;
      stats.parsedRows += d.rows;
      // The string and its structured form must agree.
      if (d.struct !== undefined && !d.conn.startsWith('nca:')) {
        const viaStruct = parseConnString('nca:', d.conv, d.struct);
        expect(viaStruct instanceof ConnSet && viaStruct.equals(r), `conn_struct of '${d.conn}'`).toBe(true);
      }
      const text = formatConnSet(r, d.conv);
      const back = parseConnString(text, d.conv);
      expect(back instanceof ConnSet && back.equals(r), `'${d.conn}' -> '${text}'`).toBe(true);
      if (text !== d.conn) reprinted.push(`${d.conv} '${d.conn}' -> '${text}'`);
    }

    const reasons = [...stats.rejected].map(([k, v]) => `${k}: ${v}`).join(', ');
    console.log(
      `corpus conn strings (${files} case files): ${distinct.size} distinct; parsed ${stats.parsed} ` +
        `(${stats.parsedRows} rows), rejected ${distinct.size - stats.parsed} (${stats.rejectedRows} rows; ${reasons || 'none'})` +
        (reprinted.length ? `\nprinted differently:\n  ${reprinted.join('\n  ')}` : '; every parsed string prints back identically'),
    );
    expect(unexpected).toEqual([]);
    expect(reprinted).toEqual([]);
    expect(stats.parsed).toBeGreaterThan(0);
  });

  it.skipIf(!present)("NCA's raw output (generated/*.txt) parses and prints back identically", () => {
    const raw = new Set<string>();
    for (const f of caseFiles(join(CORPUS, 'nca'), (n) => n.endsWith('.txt'))) {
      if (!f.includes('/generated/')) continue;
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        const m = / : (.*)$/.exec(line);
        // Lines of the raw-only TCP / non-TCP sections run headers into the value: not a conn.
        if (m && /^(All connections|No connections|(All but )?\{.*\})$/.test(m[1] as string)) raw.add(m[1] as string);
      }
    }
    let ok = 0;
    const unsupported: string[] = [];
    for (const text of raw) {
      const r = parseNcaRaw(text);
      if (!(r instanceof ConnSet)) {
        expect(r.unsupported, `${text}: ${r.error}`).toBeDefined();
        unsupported.push(r.unsupported as string);
        continue;
      }
      expect(formatNcaRaw(r)).toBe(text);
      ok++;
    }
    console.log(`NCA raw conn strings: ${raw.size} distinct, ${ok} print back identically, ${unsupported.length} unsupported (${unsupported.sort().join(', ')})`);
    expect(ok).toBeGreaterThan(0);
  });
});
