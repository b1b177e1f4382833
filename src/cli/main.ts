import { runConnectivity, type Format } from './connectivity';
import { runConformance } from './conformance';

const USAGE = `usage: netpol-canvas <command> [options]

commands:
  connectivity FILES|DIRS... [--format txt|json|csv|md] [--summary]
      allowed connections between every ordered pair of workloads and the internet
  conformance DIR [--min-pass N]
      runs every case.json under DIR; last line "N passed, M failed"

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
    case 'conformance': {
      const min = flag('--min-pass');
      if (rest.length !== 1) break;
      return runConformance(rest[0]!, min === undefined ? undefined : Number(min), out);
    }
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
