/**
 * id / preset + overrides -> validated EnvConfig. The overrides deep-merge onto the preset
 * (apply-overrides.ts: a part whose `kind` or `mode` changes is rebuilt from that variant's
 * defaults).
 */
import type { EnvConfig, EnvOverrides } from './config.js';
import { DEFAULT_ENV_CONFIG } from './config.js';
import { applyOverrides } from './apply-overrides.js';
import { PRESETS, knownEnvNames, presetNameOf } from './presets.js';
import { EnvConfigError, validateConfig } from './validate-config.js';
import { findEnvIdResolver } from './id-resolvers.js';
// registers the built-in prefixed ids (replay:, calibrated:) for every importer of this module
import './builtin-ids.js';

export { applyOverrides } from './apply-overrides.js';

/**
 * Look up the base config of an id or preset name. Prefixed ids (e.g. `calibrated:<file>`,
 * `replay:<file>`) go to the resolver registered for their prefix (id-resolvers.ts); plain names
 * go to PRESETS.
 */
export function baseConfigFor(idOrPreset: string): EnvConfig {
  const resolver = findEnvIdResolver(idOrPreset);
  if (resolver !== undefined) return resolver.config(idOrPreset);
  const name = presetNameOf(idOrPreset);
  if (name === undefined) {
    throw new EnvConfigError('id', `unknown environment id or preset ${JSON.stringify(idOrPreset)}; known: ${knownEnvNames().join(', ')}`);
  }
  return structuredClone(PRESETS[name]) as EnvConfig;
}

/**
 * A spec recorded by an earlier version (a saved policy's envSpec), completed with the fields added
 * since, at their defaults (which keep the earlier behaviour, e.g. toxicity.rule 'arrival').
 * Fields present are kept as they are; nothing is validated here.
 */
export function completeSpec(spec: EnvConfig): EnvConfig {
  return applyOverrides(DEFAULT_ENV_CONFIG, spec as EnvOverrides);
}

/** Preset (or registry id) + overrides -> validated config. */
export function resolveEnvConfig(idOrPreset: string, overrides?: EnvOverrides): EnvConfig {
  return validateConfig(applyOverrides(baseConfigFor(idOrPreset), overrides));
}
