import { describe, expect, it } from 'vitest';
import { interim } from './useLayout';
import type { Placed } from './layout';

describe('interim (while ELK works on a new node set)', () => {
  const instant: Placed[] = [
    { id: 'ns:a', x: 0, y: 0, width: 400, height: 200 },
    { id: 'wl:a/Pod/old', x: 20, y: 40, width: 170, height: 64, parentId: 'ns:a' },
    { id: 'wl:a/Pod/new', x: 210, y: 40, width: 170, height: 64, parentId: 'ns:a' },
    { id: 'ext:internet', x: -300, y: 0, width: 170, height: 64 },
  ];
  const previous: Placed[] = [
    { id: 'ns:a', x: 500, y: 80, width: 210, height: 124 },
    { id: 'wl:a/Pod/old', x: 20, y: 40, width: 170, height: 64, parentId: 'ns:a' },
    { id: 'ext:internet', x: 0, y: -400, width: 170, height: 64, parentId: 'ns:gone' },
  ];

  it('keeps where ELK put a node last time (same parent); new nodes take the instant placement', () => {
    const out = interim(instant, previous);
    expect(out.map((p) => p.id)).toEqual(instant.map((p) => p.id));
    expect(out[0]).toBe(previous[0]);
    expect(out[1]).toBe(previous[1]);
    expect(out[2]).toBe(instant[2]);
    // Under another parent last time: the old position means nothing now.
    expect(out[3]).toBe(instant[3]);
  });

  it('is the instant placement when ELK has never answered', () => {
    expect(interim(instant, undefined)).toEqual(instant);
  });
});
