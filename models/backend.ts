/**
 * Backend choice for TensorFlow.js: tfjs-node if it loads (an optionalDependency that may be
 * absent), else the WebAssembly backend (SIMD on, threads off under Node), else the pure-JS cpu
 * backend. A forced choice that cannot be honoured fails with an error saying why.
 */
import * as tf from '@tensorflow/tfjs';
import { BackendError } from '../util/errors.js';

export type BackendName = 'node' | 'wasm' | 'cpu';

export const BACKEND_NAMES: readonly BackendName[] = ['node', 'wasm', 'cpu'];

export interface BackendChoice {
  /** The backend now active. */
  readonly name: BackendName;
  /** Why it was chosen (and why the better ones were not), for the CLI to print. */
  readonly reason: string;
}

/** Raised when a forced backend is unavailable. */
export class BackendUnavailableError extends BackendError {
  constructor(name: string, why: string) {
    super(`backend '${name}' is unavailable: ${why}. Allowed: ${BACKEND_NAMES.join(' | ')} (or omit --backend to pick automatically)`);
    this.name = 'BackendUnavailableError';
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0] ?? String(e) : String(e);
}

/** Try to activate one backend; resolves to null on success, else to the reason it failed. */
async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'node') {
      // A non-literal specifier: the package is optional and has no types when absent.
      const spec = '@tensorflow/tfjs-node';
      await import(spec);
      if (tf.findBackend('tensorflow') === null && tf.findBackendFactory('tensorflow') === null) {
        return '@tensorflow/tfjs-node loaded but registered no "tensorflow" backend (two tfjs-core copies?)';
      }
      return (await tf.setBackend('tensorflow')) ? null : 'tf.setBackend("tensorflow") returned false';
    }
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // Threads need SharedArrayBuffer workers that Node's wasm loader here does not provide.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      void wasm;
      if (!(await tf.setBackend('wasm'))) return 'tf.setBackend("wasm") returned false';
      await tf.ready();
      // Smoke test: a tiny matmul must give the right answer.
      const got = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2], [1, 2]), tf.tensor2d([3, 4], [2, 1])).dataSync()[0]);
      return got === 11 ? null : `wasm smoke test returned ${got}, expected 11`;
    }
    return (await tf.setBackend('cpu')) ? null : 'tf.setBackend("cpu") returned false';
  } catch (e) {
    return message(e);
  }
}

/**
 * Activate a backend. Without `preferred`, tries node, then wasm, then cpu and reports the first
 * that works; with it, activates exactly that one or throws `BackendUnavailableError`.
 */
export async function selectBackend(preferred?: BackendName): Promise<BackendChoice> {
  if (preferred !== undefined) {
    if (!BACKEND_NAMES.includes(preferred)) {
      throw new RangeError(`backend must be one of ${BACKEND_NAMES.join(' | ')}, got '${String(preferred)}'`);
    }
    const why = await tryBackend(preferred);
    if (why !== null) throw new BackendUnavailableError(preferred, why);
    return { name: preferred, reason: `forced by the caller` };
  }
  const failures: string[] = [];
  for (const name of BACKEND_NAMES) {
    const why = await tryBackend(name);
    if (why === null) {
      const note = failures.length > 0 ? ` (${failures.join('; ')})` : '';
      return { name, reason: `best available${note}` };
    }
    failures.push(`${name}: ${why}`);
  }
  throw new BackendUnavailableError('any', failures.join('; '));
}

/** The active backend as a BackendName (tfjs calls tfjs-node's backend 'tensorflow'). */
export function currentBackend(): BackendName | string {
  const b = tf.getBackend();
  return b === 'tensorflow' ? 'node' : b;
}
