/**
 * The built-in prefixed env ids, registered in env/id-resolvers.ts on import: `replay:` (the
 * replay env, env/replay/register.ts) and `calibrated:` (calibration/register.ts).
 * resolve-config.ts imports this module for its effect, so every user of `resolveEnvConfig`,
 * `make` or `makeVec` (registry.ts imports resolve-config.ts) has them, whatever the entry point.
 * The register modules import the table and their own code, never registry.ts or
 * resolve-config.ts: no import cycle.
 */
import './replay/register.js';
import '../calibration/register.js';
