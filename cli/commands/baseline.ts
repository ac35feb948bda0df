/**
 * `mmgym baseline`: run evaluation episodes of one analytic policy (one batched act per step over
 * the vector env; episode e uses seed + e) and print mean and standard error of the return and
 * terminal PnL, mean |q_T|, fills per episode and the HJB optimum where the env has one.
 * `mmgym baseline --reproduce as2008` prints Avellaneda & Stoikov (2008) Tables 1-3 beside ours.
 * `--json` prints a BaselineReport, or {reproduce, simulations, seed, rows} (stable keys).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { type As2008Comparison, type As2008Engine, reproduceAs2008 } from '../../baselines/as2008.js';
import { type BaselineReport, evaluateBaseline } from '../../baselines/baseline-report.js';
import { BASELINE_NAMES } from '../../baselines/registry.js';
import { envArgs, envSetOptions, reportingErrors } from './baseline-cli.js';
import { commandEntry } from './index.js';

interface BaselineArgs {
  policy: string;
  env: string;
  set: string[];
  episodes: number;
  seed: number;
  'num-envs'?: number;
  reproduce?: string;
  engine: string;
  json: boolean;
}

function builder(y: Argv): Argv<BaselineArgs> {
  return envSetOptions(y.option('policy', { type: 'string', choices: BASELINE_NAMES as unknown as string[], default: 'hjb', describe: 'baseline policy' }))
    .option('episodes', { type: 'number', default: 1000, describe: 'episodes (with --reproduce: simulations per table row)' })
    .option('seed', { type: 'number', default: 0, describe: 'seed of episode 0 (episode e uses seed + e)' })
    .option('num-envs', { type: 'number', describe: 'envs stepped together (default min(episodes, 1000))' })
    .option('reproduce', { type: 'string', choices: ['as2008'], describe: 'reproduce a published table instead' })
    .option('engine', { type: 'string', choices: ['both', 'paper', 'env'], default: 'both', describe: 'with --reproduce as2008: the paper procedure, the env, or both' })
    .option('json', { type: 'boolean', default: false, describe: 'print JSON (see docs/baselines.md, "Commands", for the keys)' })
    .example('$0 baseline --policy hjb --env default --episodes 2000 --seed 7', 'the HJB optimum in the AS-2008 market')
    .example('$0 baseline --reproduce as2008', 'Avellaneda & Stoikov (2008) Tables 1-3 side by side') as unknown as Argv<BaselineArgs>;
}

const pm = (s: { mean: number; se: number }, d = 3): string => `${s.mean.toFixed(d)} +- ${s.se.toFixed(d)}`;

function printReport(r: BaselineReport): void {
  const lines = [
    `${r.policy} on ${r.env}: ${r.episodes} episodes, seeds ${r.seed}..${r.seed + r.episodes - 1} (mean +- standard error)`,
    `  episode return       ${pm(r.return)}   (std ${r.return.std.toFixed(3)})`,
    `  terminal PnL         ${pm(r.terminalPnl)}   (std ${r.terminalPnl.std.toFixed(3)})`,
    `  mean |q_T|           ${pm(r.absFinalInventory)}`,
    `  fills per episode    ${pm(r.fills, 2)}`,
    r.exactExpectedReturn === null ? '  exact expected return (discrete env): n/a for this env' : `  exact expected return (discrete env, backward recursion): ${r.exactExpectedReturn.toFixed(3)}`,
    r.optimalReturn === null
      ? `  optimal value: none (${r.optimalNote})`
      : `  optimal value (HJB, continuous time): x0 + q0 S0 + theta(0, q0) = ${r.optimalValue!.toFixed(3)}; on the return scale ${r.optimalReturn.toFixed(3)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printAs2008(rows: As2008Comparison[][], sims: number): void {
  const lines = [
    `Avellaneda & Stoikov (2008), Tables 1-3: ${sims} simulations per row. published | ours (paper procedure: negative depths allowed) | ours (env: depths clipped at 0)`,
    '',
    `${'gamma'.padEnd(6)}${'strategy'.padEnd(11)}${'column'.padEnd(14)}${'published'.padStart(10)}${rows.map((r) => `${r[0]!.engine.padStart(10)}${'z/%'.padStart(8)}`).join('')}`,
  ];
  const n = rows[0]!.length;
  for (let i = 0; i < n; i++) {
    const p = rows[0]![i]!.published;
    const cols: [string, number, (c: As2008Comparison) => [number, string]][] = [
      ['spread', p.spread, (c) => [c.spread, '']],
      ['profit', p.profit, (c) => [c.profit.mean, `z=${c.zProfit.toFixed(1)}`]],
      ['std(profit)', p.stdProfit, (c) => [c.profit.std, `${(100 * c.relStdProfit).toFixed(0)}%`]],
      ['final q', p.finalQ, (c) => [c.finalQ.mean, `z=${c.zFinalQ.toFixed(1)}`]],
      ['std(final q)', p.stdFinalQ, (c) => [c.finalQ.std, `${(100 * c.relStdFinalQ).toFixed(0)}%`]],
    ];
    for (const [label, pub, get] of cols) {
      const ours = rows.map((r) => {
        const [v, z] = get(r[i]!);
        return `${v.toFixed(2).padStart(10)}${z.padStart(8)}`;
      });
      lines.push(`${String(p.gamma).padEnd(6)}${p.strategy.padEnd(11)}${label.padEnd(14)}${pub.toFixed(2).padStart(10)}${ours.join('')}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function run(a: ArgumentsCamelCase<BaselineArgs>): void {
  if (a.reproduce === 'as2008') {
    const engines: As2008Engine[] = a.engine === 'both' ? ['paper', 'env'] : [a.engine as As2008Engine];
    const rows = engines.map((engine) => reproduceAs2008({ simulations: a.episodes, seed: a.seed, engine }));
    if (a.json) {
      process.stdout.write(`${JSON.stringify({ reproduce: 'as2008', simulations: a.episodes, seed: a.seed, rows: rows.flat() }, null, 2)}\n`);
    } else {
      printAs2008(rows, a.episodes);
    }
    return;
  }
  const report = evaluateBaseline({
    policy: a.policy,
    ...envArgs(a),
    episodes: a.episodes,
    seed: a.seed,
    ...(a['num-envs'] === undefined ? {} : { numEnvs: a['num-envs'] }),
  });
  if (a.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report);
}

export const baselineCommand: CommandModule<object, BaselineArgs> = {
  command: commandEntry('baseline').command,
  describe: commandEntry('baseline').describe,
  builder,
  handler: reportingErrors(run),
};
