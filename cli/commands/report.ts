/** `mmgym report --run DIR`: a training run's report — learning curves (return and % of V* or of HJB with their bands, a zoom near the end, vs steps and wall time), training diagnostics and a closing table (final, best, test seeds). */
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
    .option('out', { type: 'string', describe: 'where to write learning-curves.png, training-diagnostics.png and report.html (default: the run directory)' })
    .example('$0 report --run runs/ppo-default', 'learning curves, diagnostics and the closing table of a training run') as unknown as Argv<ReportArgs>;
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
