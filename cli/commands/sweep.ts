/**
 * `mmgym sweep --config sweep.json [--workers 2]`: grid or stratified-sample sweeps over env and
 * policy parameters; rows appended to an experiments CSV keyed by config hash (resumable).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { runSweep } from '../../evals/sweep/run-sweep.js';
import { formatNumber } from '../../evals/report/table.js';
import { commandEntry } from './index.js';
import { ConfigError } from '../../util/errors.js';
import { withInterrupt } from '../interrupt.js';

interface SweepArgs {
  config: string;
  workers: number;
  figures: boolean;
  'figures-dir'?: string;
  queue?: string;
  name?: string;
  collect: boolean;
}

function builder(y: Argv): Argv<SweepArgs> {
  return y
    .option('config', { type: 'string', demandOption: true, describe: 'sweep JSON (see evals/examples/regime-study.json)' })
    .option('workers', { type: 'number', default: 1, describe: 'worker threads (results do not depend on it)' })
    .option('figures', { type: 'boolean', default: true, describe: 'draw sweep figures (--no-figures to skip)' })
    .option('figures-dir', { type: 'string', describe: 'where to write the figures (default: <csv dir>/<name>-figures)' })
    .option('queue', { type: 'string', describe: 'run the tasks as BullMQ jobs on this Redis (redis://host:port) instead of worker threads; `mmgym worker --queue ...` on any machine takes them; the CSV is the same file' })
    .option('name', { type: 'string', describe: 'queue name (default mmgym; workers must use the same)' })
    .option('collect', { type: 'boolean', default: false, describe: 'with --queue: enqueue none of the grid, gather the results of an earlier submission (its submitter stopped) into the CSV' })
    .example('$0 sweep --config evals/examples/regime-study.json --queue redis://127.0.0.1:6379', 'the same sweep as jobs on Redis')
    .example('$0 sweep --config evals/examples/regime-study.json --workers 2', 'regimes x gamma, HJB vs AS') as unknown as Argv<SweepArgs>;
}

async function handler(a: ArgumentsCamelCase<SweepArgs>): Promise<void> {
  if (a.queue === undefined && (a.collect || a.name !== undefined)) throw new ConfigError('--collect and --name go with --queue redis://host:port');
  const r = await withInterrupt('mmgym sweep: interrupted; finishing the tasks in flight (rows written so far are kept; re-run to resume)', (signal) =>
    runSweep({
      configPath: a.config,
      workers: a.workers,
      figuresDir: a.figures ? (a['figures-dir'] ?? undefined) : null,
      log: (m) => process.stderr.write(`${m}\n`),
      signal,
      ...(a.queue !== undefined ? { queue: { url: a.queue, ...(a.name !== undefined ? { name: a.name } : {}), collect: a.collect } } : {}),
    }),
  );
  process.stdout.write(`${r.points} points: ${r.skipped} already done, ${r.evaluated} evaluated -> ${r.csvPath}\n`);
  const metric = r.config.select?.metric;
  if (metric !== undefined) {
    for (const sel of r.selections) {
      const params = Object.entries(sel.best)
        .filter(([k]) => k === 'env' || k === 'policy' || k.startsWith('env.') || k.startsWith('policy.'))
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ');
      const group = Object.entries(sel.group).map(([k, v]) => `${k}=${String(v)}`).join(', ');
      process.stdout.write(`${group ? `[${group}] ` : ''}best on validation by ${metric}: ${params} (${metric} ${formatNumber(sel.best[metric] as number | null)})\n`);
      const o = sel.outOfSample;
      if (o !== null) {
        process.stdout.write(`  out of sample (${String(o.env)}, seed ${String(o.seed)}): ${metric} ${formatNumber(o[metric] as number | null)}, mean return ${formatNumber(o.mean_return as number | null)}\n`);
      }
      for (const c of sel.clones) {
        process.stdout.write(`  cloned to ${String(c.env)}: ${metric} ${formatNumber(c[metric] as number | null)}, mean return ${formatNumber(c.mean_return as number | null)}\n`);
      }
    }
  }
  if (r.files.length > 0) process.stdout.write(`figures: ${r.files.join(', ')}\n`);
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: commandEntry('sweep').command,
  describe: commandEntry('sweep').describe,
  builder,
  handler,
};
