/**
 * Overrides onto a config: a deep merge (objects field by field, arrays and scalars replace);
 * where an override changes the `kind` of a union part (price, arrivals, reward) or the action's
 * `mode`, the part is rebuilt from that variant's defaults (part-defaults.ts) plus the override,
 * so no field of the old variant leaks into the new one. Keys are checked as safe (no prototype
 * keys). Nothing is validated here (validate-config.ts does that).
 */
import type { EnvConfig, EnvOverrides } from './config.js';
import { DEFAULT_ACTIONS, DEFAULT_ARRIVAL_MODELS, DEFAULT_PRICE_MODELS, DEFAULT_REWARDS } from './part-defaults.js';
import { EnvConfigError } from './validate-config.js';
import { assertSafeKey } from '../util/safe-key.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Refuse prototype keys anywhere in an override (a JSON file's own "__proto__" key included). */
function assertSafeTree(v: unknown, path: string): void {
  if (!isObj(v)) return;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new EnvConfigError(path === '' ? 'overrides' : path, `override ${path === '' ? '' : `${path} `}must be a plain object (its prototype was replaced: a "__proto__" key?)`);
  }
  for (const k of Object.keys(v)) {
    assertSafeKey(k, `override ${path === '' ? k : `${path}.${k}`}`);
    assertSafeTree(v[k], path === '' ? k : `${path}.${k}`);
  }
}

function mergeDeep(base: unknown, over: unknown): unknown {
  if (over === undefined) return structuredClone(base);
  if (!isObj(over) || !isObj(base)) return structuredClone(over);
  const out: Obj = structuredClone(base);
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    out[k] = mergeDeep(base[k], v);
  }
  return out;
}

const VARIANT_DEFAULTS: Record<string, { tag: 'kind' | 'mode'; defaults: Obj }> = {
  price: { tag: 'kind', defaults: DEFAULT_PRICE_MODELS as unknown as Obj },
  arrivals: { tag: 'kind', defaults: DEFAULT_ARRIVAL_MODELS as unknown as Obj },
  reward: { tag: 'kind', defaults: DEFAULT_REWARDS as unknown as Obj },
  action: { tag: 'mode', defaults: DEFAULT_ACTIONS as unknown as Obj },
};

/** Apply overrides to a config (no validation). */
export function applyOverrides(base: Readonly<EnvConfig>, overrides: EnvOverrides = {}): EnvConfig {
  if (!isObj(overrides)) throw new EnvConfigError('overrides', `overrides must be an object, got ${String(overrides)}`);
  assertSafeTree(overrides, '');
  const out = structuredClone(base) as unknown as Obj;
  for (const [key, over] of Object.entries(overrides as Obj)) {
    if (over === undefined) continue;
    const variant = VARIANT_DEFAULTS[key];
    const cur = out[key];
    if (variant && isObj(over) && isObj(cur) && over[variant.tag] !== undefined && over[variant.tag] !== cur[variant.tag]) {
      const tagValue = over[variant.tag];
      const fresh = typeof tagValue === 'string' && Object.hasOwn(variant.defaults, tagValue) ? variant.defaults[tagValue] : undefined;
      if (fresh === undefined) {
        const allowed = Object.keys(variant.defaults).map((k) => `"${k}"`).join(', ');
        throw new EnvConfigError(`${key}.${variant.tag}`, `${key}.${variant.tag} must be one of ${allowed}, got ${JSON.stringify(tagValue)}`);
      }
      out[key] = mergeDeep(fresh, over);
    } else {
      out[key] = mergeDeep(cur, over);
    }
  }
  return out as unknown as EnvConfig;
}

