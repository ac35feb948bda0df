/**
 * The actor-critic's forward and backward passes on our own WebAssembly SIMD kernels
 * (kernels/mlp.ts, compiled into wasm-mlp-binary.ts): at these sizes (64 x 64 MLPs, 16-2,048
 * rows) tfjs spends most of its time in per-op overhead, and a fused pass over linear memory is
 * 3-10x faster than the same pass through tfjs's wasm backend (bench:agents prints both).
 * Independent of the tfjs backend, so a run's numbers are the same on node, wasm and cpu.
 *
 * Per branch (actor, critic) with layers h_0 = x, z_i = h_{i-1} W_i + b_i, h_i = act(z_i), the
 * output y = z_L, and the caller's dL/dy:
 *   dW_i = h_{i-1}^T dz_i,  db_i = 1^T dz_i,  dh_{i-1} = dz_i W_i^T,
 *   dz_{i-1} = dh_{i-1} * (1 - h_{i-1}^2) (tanh) or * [h_{i-1} > 0] (relu).
 * The parameters are copied into linear memory in the network's flat layout, so the gradient
 * comes out in that layout too (the log_std slot left at 0 for the caller). W^T is kept beside W
 * so dh = dz W^T is the same row-times-matrix kernel as the forward pass.
 * Checked against tfjs autodiff of the plain network and central finite differences in
 * mlp-engine.test.ts.
 */
import type { ActorCriticSpec, ParamEntry } from './network-spec.js';
import { MLP_WASM_BASE64 } from './wasm-mlp-binary.js';

/** What the engine reads of its network (models/actor-critic.ts's ActorCritic is one). */
export interface EngineNetwork {
  readonly spec: ActorCriticSpec;
  readonly layout: readonly ParamEntry[];
  readonly numParams: number;
  /** The flat parameter vector (layout order), read at every upload. */
  readonly params: Float32Array;
}

/** The slice of the WebAssembly JS API used here (the ES2023 lib, without DOM, does not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: unknown };
};

interface Kernels {
  readonly memory: WasmMemory;
  matmul(X: number, B: number, ni: number, no: number, W: number, bias: number, Y: number): void;
  matmulTN(X: number, B: number, ni: number, no: number, dY: number, dW: number): void;
  colSum(dY: number, B: number, no: number, db: number): void;
  matmulDot(X: number, B: number, ni: number, no: number, Wt: number, bias: number, Y: number): void;
  tanhInPlace(Y: number, n: number): void;
  reluInPlace(Y: number, n: number): void;
  tanhBackward(A: number, G: number, n: number): void;
  reluBackward(A: number, G: number, n: number): void;
}

let compiled: object | null = null;
function instantiate(): Kernels {
  compiled ??= new WebAssembly.Module(Buffer.from(MLP_WASM_BASE64, 'base64'));
  const inst = new WebAssembly.Instance(compiled, {
    env: {
      abort: (): never => {
        throw new Error('mlp kernel aborted');
      },
    },
  });
  return inst.exports as unknown as Kernels;
}

export interface TrainPass {
  /** [B, outDim + 1]: distribution parameters then the value, per row. */
  readonly out: Float32Array;
  /**
   * Backpropagate dL/d(dist params) [B * outDim] and dL/dV [B]; returns the gradient in the
   * network's flat parameter layout (log_std slot left at 0 for the caller) and frees the pass.
   */
  backward(dDist: Float32Array, dValue: Float32Array): Float32Array;
  /** Free the pass without a backward. */
  dispose(): void;
}

interface Layer {
  readonly inDim: number;
  readonly outDim: number;
  /** Float offsets in the flat parameter layout. */
  readonly kernel: number;
  readonly bias: number;
  /** Float offset of W^T in the transposed-weights region. */
  readonly wt: number;
  /** Float offsets of this layer's output and its gradient in the batch region (set by `reserve`). */
  out: number;
  grad: number;
}

const BYTES = 4;
/** Layers with fewer outputs than this (the heads) use the dot-product kernels (see `narrow`). */
const NARROW = 16;
/** Kernel inputs are 16-byte aligned (v128 loads); offsets are in floats, so multiples of 4. */
const align = (n: number): number => (n + 3) & ~3;

/** A head-like layer: few outputs from a wide input, where the row-times-matrix kernels would run scalar. */
function narrow(l: Layer): boolean {
  return l.outDim < NARROW && l.inDim >= NARROW;
}

export class MlpEngine {
  private readonly ac: EngineNetwork;
  private readonly branches: Layer[][];
  private readonly tanh: boolean;
  private k: Kernels | null = null;
  /** Float offsets of the regions: parameters, gradient, W^T, scratch, then the batch region. */
  private readonly paramsAt: number;
  private readonly gradAt: number;
  private readonly wtAt: number;
  /** Scratch for a narrow layer's transposed weight gradient. */
  private readonly scratchAt: number;
  private readonly xAt: number;
  /** Floats of the flat layout the branches cover (everything but log_std): the gradient returned. */
  private readonly branchFloats: number;
  private capacity = 0;
  private uploaded = false;
  /** Increases with every forward; a pass's backward refuses if another forward ran since. */
  private generation = 0;

  constructor(ac: EngineNetwork) {
    this.ac = ac;
    this.tanh = ac.spec.net.activation === 'tanh';
    const idx = new Map(ac.layout.map((e) => [e.name, e]));
    const nh = ac.spec.net.hidden.length;
    let wt = 0;
    let scratch = 0;
    this.branches = (['actor', 'critic'] as const).map((b) =>
      Array.from({ length: nh + 1 }, (_, i): Layer => {
        const name = i < nh ? `${b}/dense_${i}` : b === 'actor' ? 'actor/action_net' : 'critic/value_net';
        const k = idx.get(`${name}/kernel`)!;
        const [inDim, outDim] = k.shape as [number, number];
        const layer: Layer = { inDim, outDim, kernel: k.offset, bias: idx.get(`${name}/bias`)!.offset, wt, out: 0, grad: 0 };
        wt += align(inDim * outDim);
        scratch = Math.max(scratch, align(inDim * outDim));
        return layer;
      }),
    );
    // Regions (floats), 16-byte aligned: params | grad | W^T | scratch | batch.
    const n = align(ac.numParams);
    this.paramsAt = 16384; // past the first 64 KiB page (the kernels use no memory of their own)
    this.gradAt = this.paramsAt + n;
    this.wtAt = this.gradAt + n;
    this.scratchAt = this.wtAt + wt;
    this.xAt = this.scratchAt + scratch;
    this.branchFloats = ac.layout.find((x) => x.name === 'log_std')?.offset ?? ac.numParams;
  }

  private kernels(): Kernels {
    this.k ??= instantiate();
    return this.k;
  }

  /** Room for `batch` rows in the batch region (grows the memory as needed). */
  private reserve(batch: number): Kernels {
    const k = this.kernels();
    if (batch <= this.capacity) return k;
    const cap = Math.max(batch, 2 * this.capacity, 64);
    let at = this.xAt + align(cap * this.ac.spec.obsDim);
    for (const br of this.branches) {
      for (const l of br) {
        l.out = at;
        at += align(cap * l.outDim);
        l.grad = at;
        at += align(cap * l.outDim);
      }
    }
    const need = at * BYTES - k.memory.buffer.byteLength;
    if (need > 0) k.memory.grow(Math.ceil(need / 65536));
    this.capacity = cap;
    return k;
  }

  /** Drop the uploaded weights (call when the parameters change). */
  invalidate(): void {
    this.uploaded = false;
  }

  private upload(k: Kernels): void {
    if (this.uploaded) return;
    const mem = new Float32Array(k.memory.buffer);
    const p = this.ac.params;
    mem.set(p, this.paramsAt);
    for (const br of this.branches) {
      for (const l of br) {
        const t = this.wtAt + l.wt;
        for (let r = 0; r < l.inDim; r++) {
          for (let o = 0; o < l.outDim; o++) mem[t + o * l.inDim + r] = p[l.kernel + r * l.outDim + o]!;
        }
      }
    }
    this.uploaded = true;
  }

  /** Forward both branches over `batch` rows of `obs`; activations stay in linear memory. */
  private forward(obs: Float32Array, batch: number): Kernels {
    const k = this.reserve(batch);
    this.upload(k);
    new Float32Array(k.memory.buffer).set(obs.subarray(0, batch * this.ac.spec.obsDim), this.xAt);
    for (const br of this.branches) {
      let x = this.xAt;
      br.forEach((l, i) => {
        if (narrow(l)) k.matmulDot(x * BYTES, batch, l.inDim, l.outDim, (this.wtAt + l.wt) * BYTES, (this.paramsAt + l.bias) * BYTES, l.out * BYTES);
        else k.matmul(x * BYTES, batch, l.inDim, l.outDim, (this.paramsAt + l.kernel) * BYTES, (this.paramsAt + l.bias) * BYTES, l.out * BYTES);
        if (i < br.length - 1) (this.tanh ? k.tanhInPlace : k.reluInPlace)(l.out * BYTES, batch * l.outDim);
        x = l.out;
      });
    }
    this.generation++;
    return k;
  }

  /** Rows of [dist params..., value] from the last forward. */
  private outputs(k: Kernels, batch: number): Float32Array {
    const mem = new Float32Array(k.memory.buffer);
    const a = this.branches[0]![this.branches[0]!.length - 1]!;
    const v = this.branches[1]![this.branches[1]!.length - 1]!;
    const d = a.outDim;
    const out = new Float32Array(batch * (d + 1));
    for (let r = 0; r < batch; r++) {
      for (let j = 0; j < d; j++) out[r * (d + 1) + j] = mem[a.out + r * d + j]!;
      out[r * (d + 1) + d] = mem[v.out + r]!;
    }
    return out;
  }

  /** One batched forward pass: rows of [dist params..., value]. */
  predict(obs: Float32Array, batch: number): Float32Array {
    return this.outputs(this.forward(obs, batch), batch);
  }

  /** Forward pass that keeps its activations (in linear memory) for one `backward`. */
  forwardTrain(obs: Float32Array, batch: number): TrainPass {
    const k = this.forward(obs, batch);
    const gen = this.generation;
    let live = true;
    return {
      out: this.outputs(k, batch),
      dispose: (): void => {
        live = false;
      },
      backward: (dDist: Float32Array, dValue: Float32Array): Float32Array => {
        if (!live) throw new Error('MlpEngine: backward on a pass already used or disposed');
        if (gen !== this.generation) throw new Error('MlpEngine: another forward pass ran between this pass and its backward');
        live = false;
        const mem = new Float32Array(k.memory.buffer);
        this.branches.forEach((br, b) => {
          const last = br[br.length - 1]!;
          mem.set((b === 0 ? dDist : dValue).subarray(0, batch * last.outDim), last.grad);
          for (let i = br.length - 1; i >= 0; i--) {
            const l = br[i]!;
            const input = i === 0 ? this.xAt : br[i - 1]!.out;
            if (narrow(l)) {
              // dW^T = dz^T h (rows of dz^T are few: the SIMD blocks run along h), then transposed.
              k.matmulTN(l.grad * BYTES, batch, l.outDim, l.inDim, input * BYTES, this.scratchAt * BYTES);
              const g = this.gradAt + l.kernel;
              for (let o = 0; o < l.outDim; o++) for (let r = 0; r < l.inDim; r++) mem[g + r * l.outDim + o] = mem[this.scratchAt + o * l.inDim + r]!;
            } else k.matmulTN(input * BYTES, batch, l.inDim, l.outDim, l.grad * BYTES, (this.gradAt + l.kernel) * BYTES);
            k.colSum(l.grad * BYTES, batch, l.outDim, (this.gradAt + l.bias) * BYTES);
            if (i > 0) {
              const prev = br[i - 1]!;
              k.matmul(l.grad * BYTES, batch, l.outDim, l.inDim, (this.wtAt + l.wt) * BYTES, 0, prev.grad * BYTES);
              (this.tanh ? k.tanhBackward : k.reluBackward)(prev.out * BYTES, prev.grad * BYTES, batch * prev.outDim);
            }
          }
        });
        const grad = new Float32Array(this.ac.numParams);
        grad.set(mem.subarray(this.gradAt, this.gradAt + this.branchFloats));
        return grad;
      },
    };
  }

  dispose(): void {
    this.k = null;
    this.capacity = 0;
    this.uploaded = false;
  }
}

/** The kernels' tanh applied to `x` (a copy): for checking its accuracy. */
export function kernelTanh(x: Float32Array): Float32Array {
  const k = instantiate();
  const need = 65536 + x.length * BYTES - k.memory.buffer.byteLength;
  if (need > 0) k.memory.grow(Math.ceil(need / 65536));
  new Float32Array(k.memory.buffer).set(x, 16384);
  k.tanhInPlace(65536, x.length);
  return new Float32Array(k.memory.buffer).slice(16384, 16384 + x.length);
}
