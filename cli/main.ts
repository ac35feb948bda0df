/** The `mmgym` command line (yargs). Each sub-command lives in cli/commands/<name>.ts. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';

export async function main(argv: string[]): Promise<void> {
  let cli = yargs(argv)
    .scriptName('mmgym')
    .usage('$0 <command> [options]\n\nMarket-making RL environments, analytic baselines and agents.')
    .strict()
    .demandCommand(1, 'Name a command; see --help.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100));
  for (const c of commands) cli = cli.command(c);
  await cli.fail((msg, err, y) => {
    if (err) {
      process.stderr.write(`mmgym: ${err.message}\n`);
    } else {
      y.showHelp('error');
      process.stderr.write(`\nmmgym: ${msg}\n`);
    }
    process.exit(1);
  }).parseAsync();
}

await main(hideBin(process.argv));
