/**
 * `mmgym dashboard --run <dir> [--port 6006] [--host 127.0.0.1] [--every 2000]`: a local page
 * that follows a running (or finished) training run: progress, latest evaluation, learning
 * curves and training diagnostics, redrawn as the run writes its logs. Ctrl-C stops it.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { DEFAULT_DASHBOARD_PORT, DEFAULT_POLL_MS, startDashboard } from '../../evals/dashboard/server.js';
import { commandEntry } from './index.js';

interface DashboardArgs {
  run: string;
  port: number;
  host: string;
  every: number;
}

function builder(y: Argv): Argv<DashboardArgs> {
  return y
    .option('run', { type: 'string', demandOption: true, describe: 'the run directory of mmgym train (its updates.csv and evals.csv)' })
    .option('port', { type: 'number', default: DEFAULT_DASHBOARD_PORT, describe: 'port (0 = any free one)' })
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to bind (127.0.0.1: this machine only)' })
    .option('every', { type: 'number', default: DEFAULT_POLL_MS, describe: 'how often the page re-reads the run (ms)' })
    .example('$0 dashboard --run runs/ppo-default', 'follow a training run at http://127.0.0.1:6006/') as unknown as Argv<DashboardArgs>;
}

async function handler(a: ArgumentsCamelCase<DashboardArgs>): Promise<void> {
  const d = await startDashboard({ runDir: a.run, port: a.port, host: a.host, pollMs: a.every });
  await new Promise<void>((ok) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void d.close().then(ok);
    };
    // the listeners before the URL: a signal sent as soon as the URL shows closes cleanly
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.stdout.write(`mmgym dashboard: ${d.url} (run ${a.run}; Ctrl-C to stop)\n`);
  });
}

export const dashboardCommand: CommandModule<object, DashboardArgs> = {
  command: commandEntry('dashboard').command,
  describe: commandEntry('dashboard').describe,
  builder,
  handler,
};
