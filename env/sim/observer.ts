/**
 * Observation writer of the vectorised core: the configured features (see env/observation.ts)
 * from the core's state, plus the per-env ring of past mid changes that 'mid-returns' and
 * 'realized-vol' need (allocated only when one of them is configured).
 */
import type { EnvConfig } from '../config.js';
import { referenceSigma } from '../effective-params.js';
import { FINAL_STEPS, featureWidth, inventoryLevels, observationLayout, writeFinalSteps, writeFinalStepsLevels, writeInventoryLevels } from '../observation.js';
import type { PriceModel } from './types.js';

const FEATURE_CODES = {
  inventory: 0,
  time: 1,
  'time-left': 2,
  'mid-returns': 3,
  'realized-vol': 4,
  regime: 5,
  'last-fills': 6,
  'final-steps': 7,
  'inventory-levels': 8,
  'final-steps-levels': 9,
} as const;

/** The core state the features read. */
export interface ObservedState {
  readonly inventory: Float64Array;
  readonly stepIndex: Int32Array;
  readonly lastBidFill: Float64Array;
  readonly lastAskFill: Float64Array;
  readonly price: PriceModel;
}

export class Observer {
  /** Past mid changes, `histLen` per env, slot (k - 1) mod histLen for step k. */
  readonly hist: Float64Array;
  readonly histLen: number;
  private readonly n: number;
  private readonly obsDim: number;
  private readonly steps: number;
  private readonly maxQ: number;
  /** The inventory-level codes' constants, frozen: not state (older checkpoints' snapshots lack them). */
  private readonly lots: Readonly<{ levels: number; orderSize: number }>;
  private readonly dt: number;
  private readonly codes: Int8Array;
  private readonly returnsWindow: number;
  private readonly volWindow: number;
  private readonly returnScale: number;
  private readonly volScale: number;
  private readonly state: ObservedState;

  constructor(config: Readonly<EnvConfig>, n: number, steps: number, state: ObservedState) {
    this.n = n;
    this.obsDim = observationLayout(config).dim;
    this.steps = steps;
    this.maxQ = config.maxInventory;
    this.lots = Object.freeze({ levels: inventoryLevels(config), orderSize: config.orderSize });
    this.dt = config.dt;
    this.state = state;
    const feats = config.observation.features;
    this.codes = Int8Array.from(feats, (f) => FEATURE_CODES[f]);
    this.returnsWindow = config.observation.returnsWindow;
    this.volWindow = config.observation.volWindow;
    this.histLen = feats.includes('mid-returns') || feats.includes('realized-vol') ? Math.max(this.returnsWindow, this.volWindow) : 0;
    this.hist = new Float64Array(n * this.histLen);
    const sig = referenceSigma(config);
    this.returnScale = sig > 0 ? 1 / (sig * Math.sqrt(config.dt)) : 0;
    this.volScale = sig > 0 ? 1 / sig : 0;
    if (feats.includes('regime') && featureWidth(config, 'regime') !== state.price.numRegimes) {
      throw new RangeError('observation: the regime one-hot width does not match the price model');
    }
  }

  /** Clear env i's history (at reset). */
  resetEnv(i: number): void {
    if (this.histLen > 0) this.hist.fill(0, i * this.histLen, (i + 1) * this.histLen);
  }

  /**
   * Write every env's current observation into out (N * obsDim, row-major). Same values as
   * `writeObservation` per env; feature-major loops for the common scalar features.
   */
  writeObservations(out: Float32Array): void {
    const codes = this.codes;
    const d = this.obsDim;
    const n = this.n;
    let o = 0;
    for (let f = 0; f < codes.length; f++) {
      const code = codes[f]!;
      if (code === 0) {
        const inv = this.state.inventory;
        const scale = 1 / this.maxQ;
        for (let i = 0, j = o; i < n; i++, j += d) out[j] = inv[i]! * scale;
        o += 1;
      } else if (code === 1 || code === 2) {
        const st = this.state.stepIndex;
        const scale = 1 / this.steps;
        if (code === 1) for (let i = 0, j = o; i < n; i++, j += d) out[j] = st[i]! * scale;
        else for (let i = 0, j = o; i < n; i++, j += d) out[j] = 1 - st[i]! * scale;
        o += 1;
      } else {
        // Wider features: per env through the general writer.
        for (let i = 0; i < n; i++) this.writeObservation(i, out, i * d);
        return;
      }
    }
  }

  /** Write env i's current observation into out[offset .. offset + obsDim). */
  writeObservation(i: number, out: Float32Array, offset: number): void {
    const codes = this.codes;
    let o = offset;
    for (let f = 0; f < codes.length; f++) {
      switch (codes[f]) {
        case 0:
          out[o++] = this.state.inventory[i]! / this.maxQ;
          break;
        case 1:
          out[o++] = this.state.stepIndex[i]! / this.steps;
          break;
        case 2:
          out[o++] = 1 - this.state.stepIndex[i]! / this.steps;
          break;
        case 3: {
          const k = this.state.stepIndex[i]!;
          const H = this.histLen;
          for (let j = 0; j < this.returnsWindow; j++) {
            out[o++] = j < k ? this.hist[i * H + ((k - 1 - j) % H)]! * this.returnScale : 0;
          }
          break;
        }
        case 4: {
          const k = this.state.stepIndex[i]!;
          const H = this.histLen;
          const m = Math.min(k, this.volWindow);
          let ss = 0;
          for (let j = 0; j < m; j++) {
            const r = this.hist[i * H + ((k - 1 - j) % H)]!;
            ss += r * r;
          }
          out[o++] = m > 0 ? Math.sqrt(ss / (m * this.dt)) * this.volScale : 0;
          break;
        }
        case 5: {
          const r = this.state.price.regime(i);
          for (let j = 0; j < this.state.price.numRegimes; j++) out[o++] = j === r ? 1 : 0;
          break;
        }
        case 6:
          out[o++] = this.state.lastBidFill[i]!;
          out[o++] = this.state.lastAskFill[i]!;
          break;
        case 7:
          writeFinalSteps(out, o, this.state.stepIndex[i]!, this.steps);
          o += FINAL_STEPS;
          break;
        case 8:
          writeInventoryLevels(out, o, this.state.inventory[i]!, this.lots.levels, this.lots.orderSize);
          o += 2 * this.lots.levels + 1;
          break;
        case 9:
          writeFinalStepsLevels(out, o, this.state.stepIndex[i]!, this.steps, this.state.inventory[i]!, this.lots.levels, this.lots.orderSize);
          o += FINAL_STEPS * (2 * this.lots.levels + 1);
          break;
      }
    }
  }
}
