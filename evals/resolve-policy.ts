/**
 * Turns a policy reference from the command line into a Policy: a path (contains a path
 * separator, starts with '.', or exists on disk) is a saved-model directory loaded with
 * `loadPolicy`; anything else is a baseline name built for the env by `makeBaselinePolicy`.
 * A policy that records the env spec it was built for is checked against the evaluation's env:
 * a mismatch is an error naming the differing fields, or a warning with `allowSpecMismatch`.
 */
import { existsSync, lstatSync, statSync } from 'node:fs';
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { assertSameSpec } from '../baselines/policy-support.js';

export interface ResolvePolicyOptions {
  /** Warn instead of failing when a policy was built for another env spec. */
  allowSpecMismatch?: boolean;
  /** tfjs backend for saved models (default: the best available, node > wasm > cpu). */
  backend?: 'node' | 'wasm' | 'cpu';
  /** Receives warnings (e.g. a tolerated spec mismatch). */
  warn?: (message: string) => void;
}

export function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.startsWith('.') || existsSync(ref);
}

export async function resolvePolicy(ref: string, config: EnvConfig, options: ResolvePolicyOptions = {}): Promise<Policy> {
  const trimmed = ref.trim();
  if (trimmed === '') throw new Error('policy reference is empty: give a saved-model directory or a baseline name');
  let policy: Policy;
  if (looksLikePath(trimmed)) {
    if (!existsSync(trimmed)) {
      let link = false;
      try {
        link = lstatSync(trimmed).isSymbolicLink();
      } catch {
        // not there at all
      }
      throw new Error(link ? `saved model '${trimmed}' is a symbolic link that leads nowhere (broken, or a loop)` : `saved model '${trimmed}' not found: no such directory`);
    }
    if (!statSync(trimmed).isDirectory()) throw new Error(`saved model '${trimmed}' is not a directory (expected model.json + policy.json inside)`);
    // Loaded lazily: tfjs is only imported when a saved model is evaluated.
    const { selectBackend } = await import('../models/backend.js');
    await selectBackend(options.backend);
    const { loadPolicy } = await import('../models/save-load.js');
    policy = await loadPolicy(trimmed);
    if (policy.spec === undefined) {
      // policy.json's envSpec is null: nothing to check it against, which must not pass silently.
      const message = `saved model '${trimmed}' records no envSpec, so it cannot be checked against the env it is judged on`;
      if (options.allowSpecMismatch !== true) throw new Error(`${message}. Pass --allow-spec-mismatch to evaluate it anyway.`);
      options.warn?.(`warning: ${message} (evaluating anyway: --allow-spec-mismatch)`);
    }
  } else {
    policy = makeBaselinePolicy(trimmed, config);
  }
  checkPolicySpec(policy, config, options);
  return policy;
}

/** Throws (or warns, with allowSpecMismatch) when `policy.spec` differs from `config`. */
export function checkPolicySpec(policy: Policy, config: EnvConfig, options: ResolvePolicyOptions = {}): void {
  const diffs = assertSameSpec(policy, config, { strict: false });
  if (diffs.length === 0) return;
  const shown = diffs.length > 8 ? [...diffs.slice(0, 8), `... and ${diffs.length - 8} more`] : diffs;
  const message = `policy '${policy.name}' was built for another env spec (built-for vs judged-on): ${shown.join('; ')}`;
  if (options.allowSpecMismatch === true) {
    options.warn?.(`warning: ${message} (evaluating anyway: --allow-spec-mismatch)`);
    return;
  }
  throw new Error(`${message}. Evaluate it on the env it was built for, or pass --allow-spec-mismatch.`);
}
