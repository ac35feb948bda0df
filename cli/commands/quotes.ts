/**
 * `mmgym quotes`: the bid and ask depths a model gives at time t for every inventory level
 * (not clipped to the env's action box; "-" / null for a side that is not quoted).
 * `--json` prints a QuotesReport (baselines/baseline-report.ts; stable keys).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { QUOTE_POLICIES, quotesReport } from '../../baselines/baseline-report.js';
import { envArgs, envSetOptions, reportingErrors } from './baseline-cli.js';
import { commandEntry } from './index.js';

interface QuotesArgs {
  policy: string;
  env: string;
  set: string[];
  t: number;
  json: boolean;
}

function builder(y: Argv): Argv<QuotesArgs> {
  return envSetOptions(y.option('policy', { type: 'string', choices: QUOTE_POLICIES as unknown as string[], default: 'hjb', describe: 'the model' }))
    .option('t', { type: 'number', default: 0, describe: 'time t in [0, T]' })
    .option('json', { type: 'boolean', default: false, describe: 'print JSON: {policy, env, t, T, Q, params, quotes: [{q, bid, ask}]}' })
    .example('$0 quotes --policy hjb --env default --t 0.5', 'HJB quotes half-way through the AS-2008 day')
    .example('$0 quotes --policy glft-asymptotic --env glft2013 --set gamma=0.05 --json', 'asymptotic quotes, JSON') as unknown as Argv<QuotesArgs>;
}

const fmt = (x: number | null): string => (x === null ? '-' : x.toFixed(4));

function run(a: ArgumentsCamelCase<QuotesArgs>): void {
  const report = quotesReport({ policy: a.policy, ...envArgs(a), t: a.t });
  if (a.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const params = Object.entries(report.params).map(([k, v]) => `${k}=${v}`).join(' ');
  const lines = [`${report.policy} quotes on ${report.env} at t = ${report.t} (T = ${report.T}); ${params}`, '', `${'q'.padStart(5)} ${'bid depth'.padStart(11)} ${'ask depth'.padStart(11)} ${'spread'.padStart(9)}`];
  for (const r of report.quotes) {
    const spread = r.bid !== null && r.ask !== null ? r.bid + r.ask : null;
    lines.push(`${String(r.q).padStart(5)} ${fmt(r.bid).padStart(11)} ${fmt(r.ask).padStart(11)} ${fmt(spread).padStart(9)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const quotesCommand: CommandModule<object, QuotesArgs> = {
  command: commandEntry('quotes').command,
  describe: commandEntry('quotes').describe,
  builder,
  handler: reportingErrors(run),
};
