/**
 * Actions <-> quote depths, for every action mode (config.ts `ActionConfig`).
 *
 * - normalized-depths: Box([-1,-1],[1,1]); delta = (a + 1) / 2 * maxDepth.
 * - depths: Box([0,0],[maxDepth,maxDepth]); delta = a. The box is finite: a "do-nothing" policy
 *   quotes at maxDepth (deep, rarely filled) rather than at +Infinity.
 * - spread-skew: Box([-1,-1],[1,1]); spread = (a0 + 1) * maxDepth, skew = a1 * maxDepth,
 *   delta_b = max(0, spread/2 + skew), delta_a = max(0, spread/2 - skew). skew > 0 leans towards
 *   selling (deeper bid, tighter ask).
 * - discrete: Discrete(n^2) over the depth grid g; index i -> (g[floor(i / n)], g[i mod n]).
 * Actions outside the space (NaN, out of the box, non-integer index) throw `InvalidActionError`.
 */
import type { ActionConfig } from './config.js';
import { Box, Discrete } from './spaces.js';
import { ActionError } from '../util/errors.js';

export class InvalidActionError extends ActionError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidActionError';
  }
}

/** Values per action: 2 for the box modes, 1 (an index) for discrete. */
export function actionDim(action: ActionConfig): number {
  return action.mode === 'discrete' ? 1 : 2;
}

export function actionSpaceOf(action: ActionConfig, seed?: number): Box | Discrete {
  switch (action.mode) {
    case 'normalized-depths':
    case 'spread-skew':
      return new Box([-1, -1], [1, 1], seed);
    case 'depths':
      return new Box([0, 0], [action.maxDepth, action.maxDepth], seed);
    case 'discrete':
      return new Discrete(action.grid.length * action.grid.length, seed);
  }
}

function bad(env: number, comp: number, value: number, range: string, what: string): never {
  const where = env >= 0 ? `action of env ${env}, component ${comp}` : `action[${comp}]`;
  throw new InvalidActionError(`${where} (${what}) must be in ${range}, got ${value}`);
}

function mapNormalized(m: number, a: ArrayLike<number>, ao: number, out: Float64Array, oo: number, env: number): void {
  const a0 = a[ao]!;
  const a1 = a[ao + 1]!;
  if (!(a0 >= -1 && a0 <= 1)) bad(env, 0, a0, '[-1, 1]', 'normalized bid depth');
  if (!(a1 >= -1 && a1 <= 1)) bad(env, 1, a1, '[-1, 1]', 'normalized ask depth');
  out[oo] = (a0 + 1) * 0.5 * m;
  out[oo + 1] = (a1 + 1) * 0.5 * m;
}

function mapDepths(m: number, a: ArrayLike<number>, ao: number, out: Float64Array, oo: number, env: number): void {
  const a0 = a[ao]!;
  const a1 = a[ao + 1]!;
  // The Box holds float32 bounds: accept up to fround(maxDepth), then cap at maxDepth.
  const hi = Math.fround(m);
  if (!(a0 >= 0 && a0 <= hi)) bad(env, 0, a0, `[0, ${m}]`, 'bid depth');
  if (!(a1 >= 0 && a1 <= hi)) bad(env, 1, a1, `[0, ${m}]`, 'ask depth');
  out[oo] = a0 < m ? a0 : m;
  out[oo + 1] = a1 < m ? a1 : m;
}

function mapSpreadSkew(m: number, a: ArrayLike<number>, ao: number, out: Float64Array, oo: number, env: number): void {
  const a0 = a[ao]!;
  const a1 = a[ao + 1]!;
  if (!(a0 >= -1 && a0 <= 1)) bad(env, 0, a0, '[-1, 1]', 'normalized spread');
  if (!(a1 >= -1 && a1 <= 1)) bad(env, 1, a1, '[-1, 1]', 'normalized skew');
  const half = (a0 + 1) * 0.5 * m;
  const skew = a1 * m;
  out[oo] = Math.max(0, half + skew);
  out[oo + 1] = Math.max(0, half - skew);
}

function mapDiscrete(g: ArrayLike<number>, a: ArrayLike<number>, ao: number, out: Float64Array, oo: number, env: number): void {
  const n = g.length;
  const idx = a[ao]!;
  if (!(Number.isInteger(idx) && idx >= 0 && idx < n * n)) bad(env, 0, idx, `the integers [0, ${n * n - 1}]`, 'grid index');
  out[oo] = g[Math.floor(idx / n)]!;
  out[oo + 1] = g[idx % n]!;
}

/**
 * Map a batch of n actions (row-major, actionDim values each) to depths out[2i], out[2i + 1].
 * Checks every action (errors name the env when n > 1). One mode switch per batch: the per-env
 * mapping functions are shared module functions, so hot loops stay monomorphic.
 */
export function actionsToDepths(action: ActionConfig, actions: ArrayLike<number>, n: number, out: Float64Array): void {
  const label = n > 1;
  switch (action.mode) {
    case 'normalized-depths':
      for (let i = 0; i < n; i++) mapNormalized(action.maxDepth, actions, 2 * i, out, 2 * i, label ? i : -1);
      return;
    case 'depths':
      for (let i = 0; i < n; i++) mapDepths(action.maxDepth, actions, 2 * i, out, 2 * i, label ? i : -1);
      return;
    case 'spread-skew':
      for (let i = 0; i < n; i++) mapSpreadSkew(action.maxDepth, actions, 2 * i, out, 2 * i, label ? i : -1);
      return;
    case 'discrete':
      for (let i = 0; i < n; i++) mapDiscrete(action.grid, actions, i, out, 2 * i, label ? i : -1);
      return;
  }
}

/**
 * Map the action at a[aOffset..] to depths out[outOffset] = delta_b, out[outOffset + 1] = delta_a.
 * `env` (>= 0) only labels error messages of vector envs.
 */
export function actionToDepths(
  action: ActionConfig,
  a: ArrayLike<number>,
  aOffset: number,
  out: Float64Array,
  outOffset: number,
  env = -1,
): void {
  switch (action.mode) {
    case 'normalized-depths':
      return mapNormalized(action.maxDepth, a, aOffset, out, outOffset, env);
    case 'depths':
      return mapDepths(action.maxDepth, a, aOffset, out, outOffset, env);
    case 'spread-skew':
      return mapSpreadSkew(action.maxDepth, a, aOffset, out, outOffset, env);
    case 'discrete':
      return mapDiscrete(action.grid, a, aOffset, out, outOffset, env);
  }
}

const clip = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/**
 * Index of the grid level nearest to depth d (the first of equally near ones). d is first clamped
 * into [min grid, max grid], so +Infinity and every depth beyond the grid pick the deepest level
 * and -Infinity the tightest (unclamped, an infinite distance never beats the initial one).
 */
function nearest(grid: readonly number[], d: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < grid.length; j++) {
    const g = grid[j]!;
    if (g < lo) lo = g;
    if (g > hi) hi = g;
  }
  const x = clip(d, lo, hi);
  let best = 0;
  let bestDist = Infinity;
  for (let j = 0; j < grid.length; j++) {
    const dist = Math.abs(grid[j]! - x);
    if (dist < bestDist) {
      bestDist = dist;
      best = j;
    }
  }
  return best;
}

/**
 * The inverse map, for analytic policies: depths (delta_b, delta_a) -> the action of the
 * configured mode, clipped into the action space (negative depths -> 0, +Infinity or beyond
 * maxDepth -> maxDepth; discrete: the nearest grid point per side, +Infinity -> the deepest). NaN
 * depths throw.
 */
export function depthsToAction(action: ActionConfig, deltaB: number, deltaA: number, out: Float32Array, offset: number): void {
  if (Number.isNaN(deltaB) || Number.isNaN(deltaA)) {
    throw new InvalidActionError(`depthsToAction: depths must be numbers, got delta_b = ${deltaB}, delta_a = ${deltaA}`);
  }
  switch (action.mode) {
    case 'normalized-depths': {
      const m = action.maxDepth;
      out[offset] = clip((2 * clip(deltaB, 0, m)) / m - 1, -1, 1);
      out[offset + 1] = clip((2 * clip(deltaA, 0, m)) / m - 1, -1, 1);
      return;
    }
    case 'depths':
      out[offset] = clip(deltaB, 0, action.maxDepth);
      out[offset + 1] = clip(deltaA, 0, action.maxDepth);
      return;
    case 'spread-skew': {
      const m = action.maxDepth;
      const b = clip(deltaB, 0, 2 * m);
      const a = clip(deltaA, 0, 2 * m);
      out[offset] = clip((b + a) / m - 1, -1, 1);
      out[offset + 1] = clip((b - a) / (2 * m), -1, 1);
      return;
    }
    case 'discrete': {
      const n = action.grid.length;
      out[offset] = nearest(action.grid, deltaB) * n + nearest(action.grid, deltaA);
      return;
    }
  }
}
