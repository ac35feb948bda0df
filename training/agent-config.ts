/**
 * Agent hyperparameters from a JSON file (`mmgym train --config file.json`): an object with the
 * algorithm's hyperparameter names (SB3's, camel-cased: nSteps, batchSize, learningRate, ...,
 * and the nested `net` / `normalize` objects), e.g.
 *   { "nSteps": 1024, "learningRate": { "kind": "linear", "start": 3e-4, "end": 0 },
 *     "net": { "hidden": [64, 64] }, "normalize": { "reward": false } }
 * Checked against the algorithm's defaults before the agent sees it: unknown keys are named with
 * the allowed ones, and each value must have the type of its default (schedules may be a number
 * or a linear schedule; the optional clipRangeVf / targetKl may be null). Ranges are then checked
 * by the agent's own constructor. The seed comes from --seed, not from this file.
 */
import { showValue } from '../util/describe-value.js';
import { readFileSync } from 'node:fs';
import { DEFAULT_A2C_CONFIG } from '../agents/a2c.js';
import { DEFAULT_PPO_CONFIG } from '../agents/ppo.js';
import { toScheduleFn } from '../agents/schedule.js';
import type { AgentKind } from './train-options.js';
import { ConfigError } from '../util/errors.js';
import { jsonErrorMessage } from '../util/json-error.js';

export class AgentConfigError extends ConfigError {
  override readonly name = 'AgentConfigError';
}

/** Hyperparameters that take a number or a `{ kind: 'linear', start, end }` schedule. */
const SCHEDULE_KEYS = new Set(['learningRate', 'clipRange', 'clipRangeVf', 'logStdSchedule']);
/** Hyperparameters whose default is null ("off") and which take a number when set. */
const NULLABLE_KEYS = new Set(['clipRangeVf', 'targetKl', 'logStdSchedule']);

/** The algorithm's default hyperparameters (a plain-data copy). */
export function defaultAgentConfig(agent: AgentKind): Record<string, unknown> {
  return structuredClone(agent === 'ppo' ? DEFAULT_PPO_CONFIG : DEFAULT_A2C_CONFIG) as unknown as Record<string, unknown>;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function checkObject(
  raw: unknown,
  defaults: Record<string, unknown>,
  path: string,
  source: string,
  agent: AgentKind,
): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AgentConfigError(`${source}: ${path || 'the file'} must be a JSON object of ${agent} hyperparameters, got ${typeOf(raw)}`);
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  const unknown = entries.map(([k]) => k).filter((k) => !(k in defaults));
  if (unknown.length > 0) {
    throw new AgentConfigError(
      `${source}: unknown ${agent} hyperparameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${path}${k}"`).join(', ')}; allowed${path ? ` in ${path.slice(0, -1)}` : ''}: ${Object.keys(defaults).sort().join(', ')}`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const field = `${path}${key}`;
    const def = defaults[key];
    if (key === 'seed' && path === '') {
      throw new AgentConfigError(`${source}: seed is set by --seed (the run's seed), not in the config file`);
    }
    if (SCHEDULE_KEYS.has(key) || NULLABLE_KEYS.has(key)) {
      if (value === null && NULLABLE_KEYS.has(key)) {
        out[key] = null;
        continue;
      }
      if (typeof value === 'number' || (SCHEDULE_KEYS.has(key) && typeOf(value) === 'object')) {
        try {
          toScheduleFn(value as number, field);
        } catch (err) {
          throw new AgentConfigError(`${source}: ${(err as Error).message}`);
        }
        out[key] = value;
        continue;
      }
      throw new AgentConfigError(
        `${source}: ${field} must be a finite number${SCHEDULE_KEYS.has(key) ? ' or { "kind": "linear", "start": x, "end": y }' : ''}${NULLABLE_KEYS.has(key) ? ' or null' : ''}, got ${showValue(value)}`,
      );
    }
    if (key === 'mtmControlVariate' && path === '') {
      if (value !== true && value !== false && value !== 'auto') throw new AgentConfigError(`${source}: mtmControlVariate must be true, false or "auto", got ${showValue(value)}`);
      out[key] = value;
      continue;
    }
    const want = typeOf(def);
    if (want === 'object') {
      out[key] = checkObject(value, def as Record<string, unknown>, `${field}.`, source, agent);
    } else if (want === 'array') {
      if (!Array.isArray(value) || !value.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 1)) {
        throw new AgentConfigError(`${source}: ${field} must be an array of positive integers (default ${JSON.stringify(def)}), got ${showValue(value)}`);
      }
      out[key] = value;
    } else if (typeOf(value) !== want || (want === 'number' && !Number.isFinite(value))) {
      throw new AgentConfigError(`${source}: ${field} must be a ${want === 'number' ? 'finite number' : want} (default ${JSON.stringify(def)}), got ${showValue(value)}`);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Check `raw` against the defaults of `agent`; returns the validated overrides.
 * `source` names where the values came from, for the error messages.
 */
export function parseAgentConfig(raw: unknown, agent: AgentKind, source = 'agent config'): Record<string, unknown> {
  return checkObject(raw, defaultAgentConfig(agent), '', source, agent);
}

/** Read and validate a `--config` JSON file. */
export function loadAgentConfigFile(path: string, agent: AgentKind): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AgentConfigError(`cannot read --config ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AgentConfigError(`--config ${path} is not valid JSON: ${jsonErrorMessage(err)}`);
  }
  return parseAgentConfig(raw, agent, `--config ${path}`);
}
