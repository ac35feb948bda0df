/**
 * Integrity of a saved policy or checkpoint: policy.json carries the SHA-256 of every other file
 * of the directory (weights, model topology, agent and rollout state, trainer state) and of its
 * own model-defining fields (format, env spec, observation, action, network, hyperparameters) in
 * canonical JSON, so a zeroed weights.bin, a flipped bit, swapped tensors, another model's
 * weights or an edited activation are refused at load with the file named. The training summary,
 * name, dates and versions are not covered (they describe, they do not define, the policy).
 * Policies saved before this field existed have no `integrity` and load unchecked.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/canonical-json.js';

export interface Integrity {
  algorithm: 'sha256';
  /** file name -> hex digest */
  files: Record<string, string>;
  /** digest of the model-defining fields of policy.json */
  meta: string;
}

export const META_FIELDS = ['format', 'formatVersion', 'envSpec', 'observation', 'action', 'network', 'hyperparameters'] as const;

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function metaDigest(file: Record<string, unknown>): string {
  return sha256(canonicalJson(Object.fromEntries(META_FIELDS.map((k) => [k, file[k]]))));
}

export function integrityOf(file: Record<string, unknown>, files: Record<string, string | Uint8Array>): Integrity {
  return { algorithm: 'sha256', files: Object.fromEntries(Object.entries(files).map(([name, data]) => [name, sha256(data)])), meta: metaDigest(file) };
}

/** The first problem with `data` against the recorded digest of `name`, or null. */
export function digestProblem(integrity: Integrity, name: string, data: string | Uint8Array): string | null {
  const want = integrity.files[name];
  if (want === undefined) return `no SHA-256 recorded for ${name} in policy.json's integrity (a file added after saving?)`;
  const got = sha256(data);
  return got === want ? null : `SHA-256 ${got.slice(0, 16)}... does not match the ${want.slice(0, 16)}... recorded at save (the file was changed or corrupted after it was saved)`;
}
