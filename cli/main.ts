/**
 * The `mmgym` command line (yargs). Each sub-command lives in cli/commands/<name>.ts and is
 * loaded only when it runs (cli/commands/index.ts lists them by name), so `mmgym --help` and
 * `mmgym --version` start without tfjs or mathjs. `--version` is mmgym's own (its package.json),
 * wherever mmgym is installed.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { COMMANDS } from './commands/index.js';
import { packageVersion } from '../util/package-root.js';

export async function main(argv: string[]): Promise<void> {
  let cli = yargs(argv)
    .scriptName('mmgym')
    .usage('$0 <command> [options]\n\nMarket-making RL environments, analytic baselines and agents.')
    .version(packageVersion())
    .strict()
    .demandCommand(1, 'Name a command; see --help.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100));
  // the command the arguments name is loaded; the others are listed by name and description only
  const named = argv.find((a) => COMMANDS.some((c) => c.name === a));
  for (const c of COMMANDS) {
    cli =
      c.name === named
        ? cli.command(await c.load())
        : cli.command(c.command, c.describe, {}, () => {
            throw new Error(`internal: command ${c.name} ran without being loaded`);
          });
  }
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
