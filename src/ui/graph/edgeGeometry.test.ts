import { describe, expect, it } from 'vitest';
import { BEND, border, edgeCurve } from './edgeGeometry';

const numbers = (path: string) => path.match(/-?\d+(\.\d+)?/g)!.map(Number);

describe('edgeCurve', () => {
  const a = { x: 0, y: 0, w: 100, h: 40 };
  const b = { x: 300, y: 0, w: 100, h: 40 };

  it('runs from the border of the source to the border of the target', () => {
    const [x1, y1, , , x2, y2] = numbers(edgeCurve(a, b).path);
    expect([x1, y1]).toEqual([50, 0]);
    expect([x2, y2]).toEqual([250, 0]);
  });

  it('bends to the left of the direction of travel, so the two directions of a pair part', () => {
    const [, , , cyAB] = numbers(edgeCurve(a, b).path);
    const [, , , cyBA] = numbers(edgeCurve(b, a).path);
    expect(cyAB).toBe(-BEND); // travelling right (+x), left is up (-y on screen)
    expect(cyBA).toBe(BEND);
  });

  it('puts the label on the curve nearer the source than the target', () => {
    const { label } = edgeCurve(a, b);
    expect(label.x).toBeGreaterThan(50);
    expect(label.x).toBeLessThan(150);
    expect(label.y).toBeLessThan(0);
  });

  it('handles boxes on top of each other without NaN', () => {
    expect(numbers(edgeCurve(a, a).path).every(Number.isFinite)).toBe(true);
  });
});

describe('border', () => {
  it('leaves through the side the direction meets first', () => {
    const c = { x: 0, y: 0, w: 100, h: 40 };
    expect(border(c, 0, 1)).toEqual({ x: 0, y: 20 });
    expect(border(c, -1, 0)).toEqual({ x: -50, y: 0 });
    const d = border(c, Math.SQRT1_2, Math.SQRT1_2);
    expect(d.y).toBeCloseTo(20);
    expect(d.x).toBeCloseTo(20);
  });
});
