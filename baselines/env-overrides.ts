/**
 * `--set name=value` for the CLI: the model's symbols (k, A, sigma, gamma, Q, T, ...) or any dotted
 * config path (`arrivals.k=2`, `reward.kind=pnl`) -> EnvOverrides. Values parse as numbers,
 * true/false/null, else strings; the env's validation then names any bad field.
 */
import type { EnvOverrides } from '../env/config.js';
import { setPath } from '../util/set-path.js';
import { BaselineParameterError } from './errors.js';

/** Short names of the model's symbols -> config paths. */
export const SET_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  k: 'arrivals.k',
  A: 'arrivals.A',
  sigma: 'price.sigma',
  mu: 'price.mu',
  gamma: 'gamma',
  Q: 'maxInventory',
  T: 'horizon',
  dt: 'dt',
  phi: 'reward.phi',
  alpha: 'reward.terminalPenalty',
  s0: 's0',
  q0: 'initialInventory',
  maxDepth: 'action.maxDepth',
});

function parseValue(raw: string): unknown {
  const s = raw.trim();
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null') return null;
  if (s !== '' && Number.isFinite(Number(s))) return Number(s);
  // a JSON list or object (action.grid=[0.25,0.75], observation.features=["inventory","time"])
  if (s.startsWith('[') || s.startsWith('{')) {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      throw new BaselineParameterError('--set', `--set value ${s} starts like JSON but does not parse: write a list as [1,2] and strings in double quotes`);
    }
  }
  return s;
}

/** ['k=2', 'sigma=3'] -> { arrivals: { k: 2 }, price: { sigma: 3 } }. */
export function parseSetOverrides(items: readonly string[]): EnvOverrides {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      throw new BaselineParameterError('--set', `--set must be name=value (names: ${Object.keys(SET_ALIASES).join(', ')} or a dotted config path), got ${JSON.stringify(item)}`);
    }
    const name = item.slice(0, eq).trim();
    setPath(out, (SET_ALIASES[name] ?? name).split('.'), parseValue(item.slice(eq + 1)));
  }
  return out as EnvOverrides;
}
