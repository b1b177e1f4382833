import { describe, expect, it } from 'vitest';
import { arrowDirection, boxInViewport, firstNode, nearestInDirection, type NodeCentre } from './keyboardNav';

// A 3x3 grid, 100 apart, ids by row/column; plus one far off-axis node.
const grid: NodeCentre[] = [];
for (const [r, y] of [[0, 0], [1, 100], [2, 200]] as const) {
  for (const [c, x] of [[0, 0], [1, 100], [2, 200]] as const) grid.push({ id: `r${r}c${c}`, x, y });
}
const at = (id: string) => grid.find((n) => n.id === id)!;

describe('nearestInDirection', () => {
  it('moves to the adjacent node in each direction from the centre', () => {
    expect(nearestInDirection(at('r1c1'), grid, 'right')).toBe('r1c2');
    expect(nearestInDirection(at('r1c1'), grid, 'left')).toBe('r1c0');
    expect(nearestInDirection(at('r1c1'), grid, 'up')).toBe('r0c1');
    expect(nearestInDirection(at('r1c1'), grid, 'down')).toBe('r2c1');
  });

  it('is null at the edge (nothing strictly ahead), never returning the start node', () => {
    expect(nearestInDirection(at('r0c2'), grid, 'right')).toBeNull();
    expect(nearestInDirection(at('r0c0'), grid, 'up')).toBeNull();
    expect(nearestInDirection(at('r0c0'), [at('r0c0')], 'down')).toBeNull();
  });

  it('prefers a node inside the 45° cone over a nearer one off to the side', () => {
    const from = { id: 'a', x: 0, y: 0 };
    const side = { id: 'side', x: 30, y: 60 }; // nearer, but mostly below
    const ahead = { id: 'ahead', x: 150, y: 20 }; // farther, but to the right
    expect(nearestInDirection(from, [side, ahead], 'right')).toBe('ahead');
    expect(nearestInDirection(from, [side, ahead], 'down')).toBe('side');
  });

  it('falls back to an off-axis node when the cone is empty', () => {
    const from = { id: 'a', x: 0, y: 0 };
    expect(nearestInDirection(from, [{ id: 'low', x: 10, y: 300 }, { id: 'left', x: -50, y: 0 }], 'right')).toBe('low');
  });

  it('breaks exact ties by id', () => {
    const from = { id: 'a', x: 0, y: 0 };
    expect(nearestInDirection(from, [{ id: 'z', x: 100, y: 10 }, { id: 'b', x: 100, y: -10 }], 'right')).toBe('b');
  });
});

describe('firstNode and arrowDirection', () => {
  it('starts top-left and is null for no nodes', () => {
    expect(firstNode([...grid].reverse())).toBe('r0c0');
    expect(firstNode([])).toBeNull();
  });

  it('maps only the four arrow keys', () => {
    expect(arrowDirection('ArrowLeft')).toBe('left');
    expect(arrowDirection('ArrowUp')).toBe('up');
    expect(arrowDirection('Enter')).toBeNull();
  });
});

describe('boxInViewport', () => {
  const box = { x: 100, y: 50, width: 170, height: 64 };
  it('is true only when the whole box shows on the pane', () => {
    expect(boxInViewport(box, { x: 0, y: 0, zoom: 1 }, 800, 600)).toBe(true);
    expect(boxInViewport(box, { x: 0, y: 0, zoom: 1 }, 269, 600)).toBe(false); // right edge cut
    expect(boxInViewport(box, { x: 0, y: 0, zoom: 1 }, 270, 114)).toBe(true); // exactly fits
    expect(boxInViewport(box, { x: -101, y: 0, zoom: 1 }, 800, 600)).toBe(false); // panned past its left
    expect(boxInViewport(box, { x: 0, y: -51, zoom: 1 }, 800, 600)).toBe(false);
  });

  it('applies the zoom before the pan (screen = flow * zoom + viewport)', () => {
    // At zoom 4 the box spans x 400..1080: off an 800-wide pane unless panned left.
    expect(boxInViewport(box, { x: 0, y: 0, zoom: 4 }, 800, 600)).toBe(false);
    expect(boxInViewport(box, { x: -300, y: -150, zoom: 4 }, 800, 600)).toBe(true);
    expect(boxInViewport(box, { x: 0, y: 0, zoom: 0.5 }, 135, 57)).toBe(true);
  });
});
