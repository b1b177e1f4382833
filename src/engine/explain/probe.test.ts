import { describe, expect, it } from 'vitest';
import { parseProbe } from './probe';

describe('parseProbe', () => {
  it.each([
    ['TCP/80', { protocol: 6, port: 80 }],
    ['udp/53', { protocol: 17, port: 53 }],
    ['TCP/80 from 1234', { protocol: 6, port: 80, srcPort: 1234 }],
    ['SCTP/9000/from/1', { protocol: 132, port: 9000, srcPort: 1 }],
    ['ICMP/8/0', { protocol: 1, icmpType: 8, icmpCode: 0 }],
  ])('%s', (text, want) => {
    expect(parseProbe(text)).toEqual(want);
  });

  it.each(['TCP', 'TCP/80 from', 'TCP/80 from 0', 'TCP/80 from 70000', 'TCP/80 to 1234', 'TCP/80/1234'])('rejects %s', (text) => {
    expect(parseProbe(text)).toHaveProperty('error');
  });
});
