import { runConnectivity, type Format } from './connectivity';
import { readExceptions, runConformance } from './conformance';
import { runBench } from './bench';
import { runExplain } from './explain';
import { runValidate } from './validate';
import { runExport } from './export';
import { runHits } from './hits';
import { runBenchFlows } from './bench-flows';

const USAGE = `usage: netpol-canvas <command> [options]

commands:
  connectivity FILES|DIRS... [--format txt|json|csv|md] [--summary]
      allowed connections between every ordered pair of workloads and the internet
  explain SRC DST PROTO/PORT FILES|DIRS...
      why one flow is allowed or denied, on both ends (SRC/DST: ns/name, ns/name[Kind],
      a node id such as wl:ns/Deployment/web, or an IP address); exit 0 allowed, 1 denied
  validate FILES|DIRS...
      every problem as file:line:col: severity CODE message (field); exit 1 on errors
  export FILES|DIRS... --target calicoctl|kubectl [--convert-k8s] [--stage|--enforce]
         [--calico-version 3.31|3.32] [-o FILE]
      the policies as YAML that calicoctl / kubectl apply (what the UI exports); the report on
      stderr; exit 1 with located errors on invalid input
  hits FLOWFILES... --workspace FILES|DIRS... [--format json|txt]
      flow logs (Calico Enterprise / Cloud, Goldmane / Whisker, Hubble, CSV) replayed through the
      workspace: per policy and rule the enforced and pending counts, flows staged policies would
      newly deny / allow; exit 1 on unreadable lines (listed as file:line)
  conformance DIR [--min-pass N] [--exceptions FILE] [--verbose]
      runs every case.json under DIR; last line "N passed, M failed"
  bench [--sizes S,M,L,XL] [--runs N] [--max-seconds S]
  bench-flows [--records N] [--size S|M|L|XL] [--log csv|calico|hubble]
      flow import and hit counting speed (default 1,000,000 records on L; never fails)
      speed and memory on generated clusters, against the targets (never fails on a miss)

exit codes: 0 ok, 1 findings (errors in input, failed cases), 2 usage`;

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const err = (s: string) => process.stderr.write(`${s}\n`);
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    if (i < 0) return undefined;
    const v = rest[i + 1];
    rest.splice(i, 2);
    return v;
  };
  const bool = (name: string) => {
    const i = rest.indexOf(name);
    if (i >= 0) rest.splice(i, 1);
    return i >= 0;
  };
  switch (cmd) {
    case 'connectivity': {
      const format = (flag('--format') ?? 'txt') as Format;
      const summary = bool('--summary');
      if (!['txt', 'json', 'csv', 'md'].includes(format) || rest.length === 0) break;
      return runConnectivity(rest, format, summary, out, err);
    }
    case 'explain': {
      const [src, dst, probe, ...paths] = rest;
      if (!src || !dst || !probe || paths.length === 0) break;
      return runExplain(src, dst, probe, paths, out, err);
    }
    case 'validate':
      if (rest.length === 0) break;
      return runValidate(rest, out);
    case 'export': {
      const target = flag('--target');
      const calicoVersion = flag('--calico-version') ?? '3.32';
      const outFile = flag('-o');
      const convertK8s = bool('--convert-k8s');
      const stage = bool('--stage');
      const enforce = bool('--enforce');
      if ((target !== 'calicoctl' && target !== 'kubectl') || (calicoVersion !== '3.31' && calicoVersion !== '3.32') || (stage && enforce) || rest.length === 0) break;
      return runExport(rest, { target, convertK8s, stage, enforce, calicoVersion }, outFile, out, err);
    }
    case 'bench-flows': {
      const n = Number(flag('--records') ?? 1_000_000);
      const size = (flag('--size') ?? 'L') as 'S' | 'M' | 'L' | 'XL';
      const log = flag('--log') ?? 'csv';
      if (!Number.isInteger(n) || n < 1 || !['S', 'M', 'L', 'XL'].includes(size) || (log !== 'csv' && log !== 'calico' && log !== 'hubble')) break;
      return runBenchFlows(n, size, out, log);
    }
    case 'hits': {
      const format = flag('--format') ?? 'txt';
      const at = rest.indexOf('--workspace');
      if (at < 0 || (format !== 'json' && format !== 'txt')) break;
      const flowFiles = rest.slice(0, at);
      const workspace = rest.slice(at + 1);
      if (flowFiles.length === 0 || workspace.length === 0) break;
      return runHits(flowFiles, workspace, format, out, err);
    }
    case 'conformance': {
      const verbose = bool('--verbose') || process.env.NETPOL_CONFORMANCE_VERBOSE === '1';
      const min = flag('--min-pass');
      const exceptionsFile = flag('--exceptions');
      if (rest.length !== 1) break;
      const exceptions = exceptionsFile ? readExceptions(exceptionsFile) : undefined;
      return runConformance(rest[0]!, min === undefined ? undefined : Number(min), out, { verbose, ...(exceptions ? { exceptions } : {}) });
    }
    case 'bench': return runBench(rest, out);
    case undefined:
    case '--help':
    case 'help':
      out(USAGE);
      return cmd === undefined ? 2 : 0;
  }
  err(USAGE);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
