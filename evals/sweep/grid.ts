/**
 * Expansion of a sweep grid into points: the full Cartesian product (deterministic order:
 * policies outermost, then the grid keys in config order, last key fastest), or a balanced
 * stratified sample of it (each level of each axis appears floor or ceil of size / levels times,
 * levels paired by independent seeded shuffles: a Latin-hypercube design over discrete levels,
 * McKay, Beckman & Conover 1979), without duplicate points.
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
  for (let attempt = 0; attempt < 200; attempt++) {
    const columns = axes.map(([, values]) => {
      const col: GridValue[] = [];
      for (let i = 0; i < size; i++) col.push(values[i % values.length] as GridValue);
      return shuffle(col);
    });
    const points: GridPoint[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < size; i++) {
      const p: GridPoint = {};
      axes.forEach(([name], a) => (p[name] = columns[a]?.[i] as GridValue));
      seen.add(JSON.stringify(p));
      points.push(p);
    }
    if (seen.size === size) return points;
  }
  throw new Error(`could not draw ${size} distinct balanced points from a grid of ${total} in 200 attempts; use a smaller sample.size`);
}
