/**
 * The sweep config (`mmgym sweep --config sweep.json`), validated with zod. Unknown fields are
 * errors that name them; every error names the field path, the rule and the value received.
 *
 * Grid keys: `env` (preset/id), `env.<path>` (an EnvConfig override, e.g. `env.gamma`,
 * `env.arrivals.A`, `env.reward.phi`), `policy.<param>` (a baseline parameter such as
 * `policy.halfSpread`, or `policy.spreadMultiplier`, which scales any policy's depths).
 * The policies listed in `policies` are one more axis.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../util/errors.js';
import { jsonErrorMessage } from '../../util/json-error.js';

export const METRIC_COLUMNS = [
  'mean_return',
  'se_return',
  'std_return',
  'pct_of_reference',
  'pnl_mean',
  'sharpe',
  'sharpe_annualised',
  'max_drawdown',
  'var95',
  'cvar95',
  'var99',
  'cvar99',
  'bid_fills',
  'ask_fills',
  'fees',
  'avg_abs_inventory',
  'abs_terminal_inventory',
  'inventory_half_life',
  'avg_quoted_spread',
  'adverse_selection',
] as const;
export type MetricColumn = (typeof METRIC_COLUMNS)[number];

const gridValue = z.union([z.number(), z.string(), z.boolean()]);

const SweepConfigSchema = z.strictObject({
  /** Name recorded in every row. */
  name: z.string().min(1),
  description: z.string().optional(),
  /** Experiments CSV, relative to the config file's directory. @defaultValue 'experiments.csv' */
  experiments: z.string().min(1).default('experiments.csv'),
  /** Base env (preset or id); a grid key `env` overrides it. With `split`, may contain {from} and {to}. */
  env: z.string().min(1).default('default'),
  /** Overrides applied to every point before the grid's `env.*` values. */
  envOverrides: z.record(z.string(), z.unknown()).default({}),
  /** Policies (baseline names or saved-model directories): one axis of the sweep. */
  policies: z.array(z.string().min(1)).min(1),
  /** Parameter axes: key -> list of values. */
  grid: z.record(z.string(), z.array(gridValue).min(1)).default({}),
  /** Balanced stratified sample of the grid instead of all of it. */
  sample: z.strictObject({ size: z.number().int().min(1), seed: z.number().int().default(0) }).optional(),
  episodes: z.number().int().min(2),
  seed: z.number().int().default(0),
  /** Policy whose mean return is the 100% mark on the same env and seeds; null = none. */
  reference: z.string().nullable().default('hjb'),
  /** Train / validation / test fractions by time for data-driven envs (`env` with {from} and {to}). */
  split: z
    .strictObject({ train: z.number().min(0).max(1), validation: z.number().gt(0).max(1), test: z.number().gt(0).max(1) })
    .refine((s) => Math.abs(s.train + s.validation + s.test - 1) < 1e-9, { message: 'train + validation + test must equal 1' })
    .optional(),
  /** Choose the best point on validation by this metric, then report it out of sample. */
  select: z
    .strictObject({
      metric: z.enum(METRIC_COLUMNS),
      maximize: z.boolean().default(true),
      /** Choose one best point per value combination of these axes (e.g. ["env"]: the best per regime). */
      groupBy: z.array(z.string()).optional(),
    })
    .optional(),
  /** Envs (presets/ids) to clone the best point to. */
  cloneTo: z.array(z.string().min(1)).default([]),
  /** Heat-map axes and metric of the sweep figures (defaults: the first two grid keys, mean_return). */
  figures: z
    .strictObject({ x: z.string().optional(), y: z.string().optional(), metric: z.enum(METRIC_COLUMNS).default('mean_return') })
    .optional(),
});

export type SweepConfig = z.infer<typeof SweepConfigSchema>;

export class SweepConfigError extends ConfigError {
  constructor(message: string) {
    super(message);
    this.name = 'SweepConfigError';
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** Validates a parsed sweep config; `source` names the file in errors. */
export function parseSweepConfig(input: unknown, source = 'sweep config'): SweepConfig {
  const r = SweepConfigSchema.safeParse(input);
  if (!r.success) {
    const lines = r.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        const names = issue.keys.map((k) => (path ? `${path}.${k}` : k));
        return `unknown field${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}`;
      }
      const got = valueAt(input, issue.path);
      return `${path || '(root)'}: ${issue.message}${got !== undefined ? `, got ${JSON.stringify(got)}` : ''}`;
    });
    throw new SweepConfigError(`${source} is invalid:\n  ${lines.join('\n  ')}`);
  }
  const config = r.data;
  for (const key of Object.keys(config.grid)) {
    if (!(key === 'env' || key.startsWith('env.') || key.startsWith('policy.')) || key === 'env.' || key === 'policy.') {
      throw new SweepConfigError(`${source}: grid key "${key}" must be "env", "env.<config path>" or "policy.<parameter>"`);
    }
  }
  if (config.split !== undefined && !(config.env.includes('{from}') && config.env.includes('{to}')) && !('env' in config.grid)) {
    throw new SweepConfigError(`${source}: split needs an env id with {from} and {to} placeholders (e.g. "replay:data/x.csv?from={from}&to={to}"), got "${config.env}"`);
  }
  for (const axis of [config.figures?.x, config.figures?.y, ...(config.select?.groupBy ?? [])]) {
    if (axis !== undefined && !(axis in config.grid) && axis !== 'policy') {
      throw new SweepConfigError(`${source}: axis "${axis}" (figures / select.groupBy) is not a grid key (${[...Object.keys(config.grid), 'policy'].join(', ')})`);
    }
  }
  return config;
}

export function readSweepConfig(path: string): SweepConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SweepConfigError(`sweep config ${path} not found`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SweepConfigError(`sweep config ${path} is not valid JSON: ${jsonErrorMessage(err)}`);
  }
  return parseSweepConfig(json, path);
}
