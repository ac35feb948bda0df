/**
 * `mmgym eval`: judge policies head to head on common random numbers against the HJB optimum
 * and other baselines; prints a table and writes results.json, report.html and PNG figures.
 * The work is done by `runEvalJob` (evals/eval-job.ts).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { runEvalJob } from '../../evals/eval-job.js';
import { comparisonTables } from '../../evals/report/table.js';
import { commandEntry } from './index.js';

interface EvalArgs {
  policy: string[];
  against: string;
  env: string;
  episodes: number;
  seed: number;
  out?: string;
  json: boolean;
  figures: boolean;
  'allow-spec-mismatch': boolean;
  'batch-size': number;
  'time-units-per-year'?: number;
}

function splitList(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

function defaultOut(a: EvalArgs): string {
  const stem = (s: string): string => s.replace(/[/\\]+$/, '').split(/[/\\]/).pop()?.replace(/[^\w.-]+/g, '_') ?? 'policy';
  return `runs/eval/${splitList(a.policy).map(stem).join('+')}-${stem(a.env)}-seed${a.seed}`;
}

function builder(y: Argv): Argv<EvalArgs> {
  return y
    .option('policy', { type: 'string', array: true, demandOption: true, describe: 'saved-model directory (a run directory of mmgym train: its best/; DIR/final for the last), or a baseline name (repeat or comma-separate for several)' })
    .option('against', { type: 'string', default: 'hjb,as,fixed', describe: 'comma-separated baseline names (hjb is always added as the reference when the env allows)' })
    .option('env', { type: 'string', default: 'default', describe: 'env preset or id (as2008, glft2013, calm, ..., calibrated:file.json, replay:...)' })
    .option('episodes', { type: 'number', default: 1000, describe: 'episodes per policy (episode j uses seed + j for every policy)' })
    .option('seed', { type: 'number', default: 0, describe: 'first seed' })
    .option('out', { type: 'string', describe: 'output directory (default runs/eval/<policy>-<env>-seed<S>)' })
    .option('json', { type: 'boolean', default: false, describe: 'print results.json to stdout instead of the table' })
    .option('figures', { type: 'boolean', default: true, describe: 'render figures (--no-figures to skip)' })
    .option('allow-spec-mismatch', { type: 'boolean', default: false, describe: 'evaluate a saved policy on an env spec other than its own (warns)' })
    .option('batch-size', { type: 'number', default: 1024, describe: 'envs stepped together per batched policy call' })
    .option('time-units-per-year', { type: 'number', describe: "env time units per year for the annualised Sharpe and Sortino ratios (default: the env's own time unit: 252 trading days a year for the analytic markets; seconds of the venue's trading year on calibrated and replay envs)" })
    .example('$0 eval --policy saved-models/ppo-as-default --against hjb,as,fixed --episodes 1000 --seed 7', 'a trained agent vs the baselines')
    .example('$0 eval --policy as --against hjb --env glft2013 --episodes 500', 'Avellaneda-Stoikov vs the HJB optimum') as unknown as Argv<EvalArgs>;
}

async function handler(a: ArgumentsCamelCase<EvalArgs>): Promise<void> {
  const out = a.out ?? defaultOut(a);
  const result = await runEvalJob({
    policies: splitList(a.policy),
    against: splitList([a.against]),
    env: a.env,
    episodes: a.episodes,
    seed: a.seed,
    out,
    figures: a.figures,
    allowSpecMismatch: a['allow-spec-mismatch'],
    batchSize: a['batch-size'],
    ...(a['time-units-per-year'] !== undefined ? { timeUnitsPerYear: a['time-units-per-year'] } : {}),
    command: ['mmgym', ...process.argv.slice(2)].join(' '),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  if (a.json) {
    process.stdout.write(`${JSON.stringify(result.results, null, 2)}\n`);
  } else {
    process.stdout.write(`\n${comparisonTables(result.evaluation.comparison)}\n\n`);
    process.stdout.write(`wrote ${result.files.length} files to ${out}/ (results.json, report.html${a.figures ? ', *.png' : ''})\n`);
  }
}

export const evalCommand: CommandModule<object, EvalArgs> = {
  command: commandEntry('eval').command,
  describe: commandEntry('eval').describe,
  builder,
  handler,
};
