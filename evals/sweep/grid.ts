/**
 * Expansion of a sweep grid into points: the full Cartesian product (deterministic order:
 * policies outermost, then the grid keys in config order, last key fastest), or a balanced
 * stratified sample of it (each level of each axis appears floor or ceil of size / levels times,
 * levels paired by independent seeded shuffles: a Latin-hypercube design over discrete levels,
 * McKay, Beckman & Conover 1979), without duplicate points (shuffles redrawn; near the grid's
 * size, where shuffles almost always collide, one draw repaired by swaps within columns).
 */
import seedrandom from 'seedrandom';

export type GridValue = number | string | boolean;
/** One point: axis name -> value (the axis 'policy' holds the policy). */
export type GridPoint = Record<string, GridValue>;

export function gridAxes(policies: readonly string[], grid: Record<string, readonly GridValue[]>): [string, readonly GridValue[]][] {
  return [['policy', policies], ...Object.entries(grid)];
}

export function gridSize(axes: readonly [string, readonly GridValue[]][]): number {
  return axes.reduce((n, [, values]) => n * values.length, 1);
}

export function cartesianGrid(axes: readonly [string, readonly GridValue[]][]): GridPoint[] {
  let points: GridPoint[] = [{}];
  for (const [name, values] of axes) {
    points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  }
  return points;
}

export function stratifiedSample(axes: readonly [string, readonly GridValue[]][], size: number, seed: number): GridPoint[] {
  const total = gridSize(axes);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`sample.size must be an integer >= 1, got ${size}`);
  if (size >= total) return cartesianGrid(axes);
  const rng = seedrandom.alea(`stratified:${seed}`);
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
    }
    return xs;
  };
  const draw = (): GridValue[][] =>
    axes.map(([, values]) => {
      const col: GridValue[] = [];
      for (let i = 0; i < size; i++) col.push(values[i % values.length] as GridValue);
      return shuffle(col);
    });
  const pointsOf = (columns: GridValue[][]): GridPoint[] =>
    Array.from({ length: size }, (_, i) => {
      const p: GridPoint = {};
      axes.forEach(([name], a) => (p[name] = columns[a]?.[i] as GridValue));
      return p;
    });
  // independent shuffles first (the draws every earlier sweep made), ...
  for (let attempt = 0; attempt < 200; attempt++) {
    const points = pointsOf(draw());
    if (new Set(points.map((p) => JSON.stringify(p))).size === size) return points;
  }
  // ... then, for samples near the grid's size where shuffles almost always collide, one draw
  // repaired by swaps within a column (a swap keeps every level's count: the balance stays)
  const columns = draw();
  if (repairDuplicates(columns, size, rng)) return pointsOf(columns);
  throw new Error(`could not draw ${size} distinct balanced points from a grid of ${total}; use a smaller sample.size`);
}

/**
 * Swap values between rows within one column until every row (point) is distinct: a swap is kept
 * when it does not add duplicates. Returns false after a bounded number of swaps (the caller says so).
 */
function repairDuplicates(columns: GridValue[][], size: number, rng: () => number): boolean {
  const A = columns.length;
  const keyOf = (i: number): string => JSON.stringify(columns.map((c) => c[i]));
  const keys = Array.from({ length: size }, (_, i) => keyOf(i));
  const count = new Map<string, number>();
  for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
  let excess = size - count.size;
  const add = (k: string, d: number): void => {
    const n = (count.get(k) ?? 0) + d;
    if (n === 0) count.delete(k);
    else count.set(k, n);
  };
  for (let it = 0; excess > 0 && it < 2000 * size; it++) {
    const dups: number[] = [];
    for (let i = 0; i < size; i++) if ((count.get(keys[i] as string) ?? 0) > 1) dups.push(i);
    for (let t = 0; t < dups.length * 4 && excess > 0; t++, it++) {
      const i = dups[Math.floor(rng() * dups.length)] as number;
      if ((count.get(keys[i] as string) ?? 0) < 2) continue;
      const j = Math.floor(rng() * size);
      const a = Math.floor(rng() * A);
      const col = columns[a] as GridValue[];
      if (j === i || col[i] === col[j]) continue;
      const [ki, kj] = [keys[i] as string, keys[j] as string];
      [col[i], col[j]] = [col[j] as GridValue, col[i] as GridValue];
      const [ni, nj] = [keyOf(i), keyOf(j)];
      add(ki, -1);
      add(kj, -1);
      add(ni, 1);
      add(nj, 1);
      const after = size - count.size;
      if (after <= excess) {
        keys[i] = ni;
        keys[j] = nj;
        excess = after;
      } else {
        add(ni, -1);
        add(nj, -1);
        add(ki, 1);
        add(kj, 1);
        [col[i], col[j]] = [col[j] as GridValue, col[i] as GridValue];
      }
    }
  }
  return excess === 0;
}
