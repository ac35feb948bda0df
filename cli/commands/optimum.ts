/**
 * `mmgym optimum`: the exact optimum V*(0, q0) of a finite-state market (backward induction,
 * baselines/exact-optimum.ts) beside the exact values of the HJB policy, Avellaneda-Stoikov and the
 * best constant symmetric depth in the same discrete MDP, with each one's headroom V* - V.
 * Markets without a finite state (Hawkes flow, latency, replay, CARA reward, ...) are refused
 * with the reason (and an upper bound where one is computable). `--json` prints an OptimumReport
 * (baselines/optimum-report.ts; stable keys).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { optimumReport } from '../../baselines/optimum-report.js';
import { envArgs, envSetOptions, reportingErrors } from './baseline-cli.js';
import { commandEntry } from './index.js';

interface OptimumArgs {
  env: string;
  set: string[];
  json: boolean;
}

function builder(y: Argv): Argv<OptimumArgs> {
  return envSetOptions(y)
    .option('json', { type: 'boolean', default: false, describe: 'print JSON: {env, value, hjbValue, headroom, headroomPct, asValue, bestFixed: {depth, value}, method, tolerance, ...}' })
    .example('$0 optimum --env default', 'V* of the AS-2008 market and how far the HJB policy is from it')
    .example('$0 optimum --env trend --json', 'the trend market: headroom of the drift-blind HJB policy, JSON') as unknown as Argv<OptimumArgs>;
}

const f = (x: number | null, d = 4): string => (x === null ? 'n/a' : x.toFixed(d));

function run(a: ArgumentsCamelCase<OptimumArgs>): void {
  const r = optimumReport(envArgs(a));
  if (a.json) {
    const { config: _config, ...rest } = r;
    process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
    return;
  }
  const row = (name: string, v: number | null): string =>
    `  ${name.padEnd(26)}${f(v).padStart(12)}${(v === null ? 'n/a' : (r.value - v).toFixed(4)).padStart(12)}${(v === null ? 'n/a' : `${((100 * (r.value - v)) / Math.abs(v)).toFixed(2)}%`).padStart(10)}${(v === null ? 'n/a' : `${((100 * v) / r.value).toFixed(2)}%`).padStart(12)}`;
  const lines = [
    `exact optimum of ${r.env} (expected episode return from t = 0, q0 = ${r.config.initialInventory})`,
    `  method: ${r.method}; depth tolerance ${r.tolerance}`,
    '',
    `  ${'policy'.padEnd(26)}${'value'.padStart(12)}${'V* - V'.padStart(12)}${'% of V'.padStart(10)}${'% of V*'.padStart(12)}`,
    `  ${'dp-optimal (V*)'.padEnd(26)}${f(r.value).padStart(12)}`,
    row('hjb', r.hjbValue),
    ...(r.hjbDriftValue === null ? [] : [row('hjb-drift', r.hjbDriftValue)]),
    ...(r.hjbRegimeValue === null ? [] : [row('hjb-regime', r.hjbRegimeValue)]),
    ...(r.hjbToxicValue === null ? [] : [row('hjb-toxic', r.hjbToxicValue)]),
    ...(r.hjbFeesValue === null ? [] : [row('hjb-fees', r.hjbFeesValue)]),
    row('as', r.asValue),
    row(`fixed depth ${r.bestFixed.depth.toFixed(4)} (best)`, r.bestFixed.value),
    ...r.notes.map((n) => `  note: ${n}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const optimumCommand: CommandModule<object, OptimumArgs> = {
  command: commandEntry('optimum').command,
  describe: commandEntry('optimum').describe,
  builder,
  handler: reportingErrors(run),
};
