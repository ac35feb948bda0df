/**
 * Observation layout: the configured features concatenated in order (config.ts
 * `ObservationFeature`). Widths: inventory 1 (q/Q), time 1 (t/T), time-left 1 ((T-t)/T),
 * mid-returns `returnsWindow` (most recent first, each dS / (sigma sqrt(dt)), 0 before enough
 * history), realized-vol 1 (sqrt(mean dS^2 / dt) over the last `volWindow` steps / sigma, 0 at
 * t = 0), regime = number of regimes (one-hot), last-fills 2 (bid, ask filled on the previous step),
 * final-steps FINAL_STEPS (one-hot: element j is 1 when j + 1 decisions are left, i.e. at step
 * N - 1 - j; all 0 earlier and at the end): a time-to-go code that lets a network treat the last
 * steps, where the terminal penalty bites, apart (time-aware inputs: Pardo et al. 2018, "Time
 * Limits in Reinforcement Learning", ICML), inventory-levels 2L + 1 (one-hot of the level
 * round(q / orderSize) + L, L = round(maxInventory / orderSize)): a tabular code of the inventory,
 * so a network can set one level's quotes without moving its neighbours' (a one-hot state
 * encoding, the tabular end of Sutton & Barto 2018's linear features, sec. 9.5), final-steps-levels
 * FINAL_STEPS (2L + 1) (one-hot of the state (decisions left, inventory level) over the last
 * FINAL_STEPS decisions, block j for j + 1 decisions left; all 0 earlier and at the end): a
 * tabular code of the last steps' states, where the optimum jumps between neighbouring states.
 * sigma is `referenceSigma(config)`.
 */
import type { EnvConfig, ObservationFeature } from './config.js';
import { Box } from './spaces.js';

/** Width of the 'final-steps' one-hot: the last three decisions. */
export const FINAL_STEPS = 3;

/** The most inventory levels a side the 'inventory-levels' one-hot may have (its width is 2L + 1). */
export const MAX_INVENTORY_LEVELS = 100;

/** L of the 'inventory-levels' one-hot: the inventory bound in lots. */
export function inventoryLevels(config: Pick<EnvConfig, 'maxInventory' | 'orderSize'>): number {
  return Math.round(config.maxInventory / config.orderSize);
}

/** The index of inventory q among the 2L + 1 levels: round(q / orderSize) + L, clamped to [0, 2L]. */
function levelIndex(q: number, levels: number, orderSize: number): number {
  return Math.min(2 * levels, Math.max(0, Math.round(q / orderSize) + levels));
}

/** The 'inventory-levels' code of inventory q into out[offset .. offset + 2L + 1): 1 at its level index, 0 elsewhere. */
export function writeInventoryLevels(out: Float32Array, offset: number, q: number, levels: number, orderSize: number): void {
  const j = levelIndex(q, levels, orderSize);
  for (let b = 0; b <= 2 * levels; b++) out[offset + b] = b === j ? 1 : 0;
}

/**
 * The 'final-steps-levels' code of step k of N at inventory q into out[offset .. offset +
 * FINAL_STEPS (2L + 1)): 1 at j (2L + 1) + level when j + 1 decisions are left, 0 elsewhere.
 */
export function writeFinalStepsLevels(out: Float32Array, offset: number, k: number, steps: number, q: number, levels: number, orderSize: number): void {
  const w = 2 * levels + 1;
  out.fill(0, offset, offset + FINAL_STEPS * w);
  const j = steps - k - 1;
  if (j >= 0 && j < FINAL_STEPS) out[offset + j * w + levelIndex(q, levels, orderSize)] = 1;
}

/** The 'final-steps' code of step k of N into out[offset .. offset + FINAL_STEPS): element j is 1 when j + 1 decisions are left. */
export function writeFinalSteps(out: Float32Array, offset: number, k: number, steps: number): void {
  for (let j = 0; j < FINAL_STEPS; j++) out[offset + j] = steps - k === j + 1 ? 1 : 0;
}

export interface ObservationLayout {
  /** Length of one observation vector. */
  dim: number;
  /** Offset of each configured feature's first value. */
  index: Partial<Record<ObservationFeature, number>>;
  /** Width of each configured feature. */
  width: Partial<Record<ObservationFeature, number>>;
}

/** The config fields a layout depends on. */
export type LayoutConfig = Pick<EnvConfig, 'observation' | 'price' | 'maxInventory' | 'orderSize'>;

export function featureWidth(config: LayoutConfig, f: ObservationFeature): number {
  switch (f) {
    case 'mid-returns':
      return config.observation.returnsWindow;
    case 'regime':
      return config.price.kind === 'regime-switching' ? config.price.regimes.length : 1;
    case 'last-fills':
      return 2;
    case 'final-steps':
      return FINAL_STEPS;
    case 'inventory-levels':
      return 2 * inventoryLevels(config) + 1;
    case 'final-steps-levels':
      return FINAL_STEPS * (2 * inventoryLevels(config) + 1);
    default:
      return 1;
  }
}

/** Where each feature lives in a raw observation (policies find q/Q and t/T here). */
export function observationLayout(config: LayoutConfig): ObservationLayout {
  const index: Partial<Record<ObservationFeature, number>> = {};
  const width: Partial<Record<ObservationFeature, number>> = {};
  let dim = 0;
  for (const f of config.observation.features) {
    index[f] = dim;
    width[f] = featureWidth(config, f);
    dim += width[f];
  }
  return { dim, index, width };
}

/** The single-env observation space: bounded where the feature is bounded, else infinite. */
export function observationSpaceOf(config: LayoutConfig, seed?: number): Box {
  const low: number[] = [];
  const high: number[] = [];
  for (const f of config.observation.features) {
    const w = featureWidth(config, f);
    const [lo, hi] =
      f === 'inventory' ? [-1, 1] : f === 'mid-returns' ? [-Infinity, Infinity] : f === 'realized-vol' ? [0, Infinity] : [0, 1];
    for (let j = 0; j < w; j++) {
      low.push(lo);
      high.push(hi);
    }
  }
  return new Box(low, high, seed);
}
