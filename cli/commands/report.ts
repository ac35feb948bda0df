/** `mmgym report --run DIR`: learning curves (return and % of optimal vs steps and wall time) of a training run. */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { runReportJob } from '../../evals/report-job.js';
import { commandEntry } from './index.js';

interface ReportArgs {
  run: string;
  out?: string;
}

function builder(y: Argv): Argv<ReportArgs> {
  return y
    .option('run', { type: 'string', demandOption: true, describe: 'training run directory (with updates.csv / evals.csv)' })
    .option('out', { type: 'string', describe: 'where to write learning-curves.png and report.html (default: the run directory)' })
    .example('$0 report --run runs/ppo-default', 'learning curves of a training run') as unknown as Argv<ReportArgs>;
}

async function handler(a: ArgumentsCamelCase<ReportArgs>): Promise<void> {
  const r = await runReportJob(a.run, a.out ?? a.run);
  for (const line of r.summary) process.stdout.write(`${line}\n`);
  process.stdout.write(`wrote ${r.files.join(', ')}\n`);
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: commandEntry('report').command,
  describe: commandEntry('report').describe,
  builder,
  handler,
};
