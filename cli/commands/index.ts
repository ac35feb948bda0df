/**
 * The catalogue of `mmgym` sub-commands, one file each (cli/commands/<name>.ts). It holds only
 * names and one-line descriptions, so that `mmgym --help` and `--version` load no command: the
 * command line loads the one command it runs (its file imports what it needs, tfjs and mathjs
 * included). Add a command by appending it here; its module's `command` and `describe` come from
 * its entry (cli/commands/index.test.ts checks each one loads and agrees).
 */
import type { CommandModule } from 'yargs';

export interface CommandEntry {
  /** The word that selects it. */
  readonly name: string;
  /** yargs' command string (with its positionals). */
  readonly command: string;
  readonly describe: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- yargs command modules have heterogeneous argument types
  readonly load: () => Promise<CommandModule<object, any>>;
}

export const COMMANDS: readonly CommandEntry[] = Object.freeze([
  { name: 'train', command: 'train', describe: 'train PPO/A2C, evaluate against the HJB optimum, keep the best and the final policy', load: async () => (await import('./train.js')).trainCommand },
  { name: 'eval', command: 'eval', describe: 'compare policies on common random numbers against the HJB optimum; table + results.json + report.html', load: async () => (await import('./eval.js')).evalCommand },
  { name: 'baseline', command: 'baseline', describe: 'run episodes of an analytic baseline (hjb, as, fixed, ...) and print return, PnL, |q_T|, fills and the HJB optimum', load: async () => (await import('./baseline.js')).baselineCommand },
  { name: 'optimum', command: 'optimum', describe: 'the exact optimum V* of a finite-state market and the headroom of hjb, as and the best fixed depth below it', load: async () => (await import('./optimum.js')).optimumCommand },
  { name: 'quotes', command: 'quotes', describe: 'print the bid/ask depths of hjb, hjb-cara, as or glft-asymptotic for every inventory level at time t', load: async () => (await import('./quotes.js')).quotesCommand },
  { name: 'env-info', command: 'env-info [id]', describe: 'show an environment (config, spaces, observation layout) and play a few steps', load: async () => (await import('./env-info.js')).envInfoCommand },
  { name: 'sim2real', command: 'sim2real', describe: 'the sim-to-real study on a tape: calibrate on 60%, train on the simulator then the tape, choose on 20%, test on 20% vs HJB/AS/fixed with block-bootstrap CIs; HTML report', load: async () => (await import('./sim2real.js')).sim2realCommand },
  { name: 'calibrate', command: 'calibrate', describe: 'calibrate the simulator (volatility, fill intensity) to real data; writes an env preset', load: async () => (await import('./calibrate.js')).calibrateCommand },
  { name: 'data', command: 'data <action> <path>', describe: 'check a market-data tape (rows loaded and skipped per file, what it contains, whether replay and calibration accept it), or convert it to the generic level-1 format', load: async () => (await import('./data.js')).dataCommand },
  { name: 'report', command: 'report', describe: 'draw learning curves of a training run (report.html + PNG)', load: async () => (await import('./report.js')).reportCommand },
  { name: 'worker', command: 'worker', describe: 'take sweep and training jobs from a Redis queue (BullMQ) and run them; one per machine, as many machines as you like', load: async () => (await import('./worker.js')).workerCommand },
  { name: 'dashboard', command: 'dashboard', describe: 'a live local page of a training run: progress, latest evaluation, learning curves, diagnostics', load: async () => (await import('./dashboard.js')).dashboardCommand },
  { name: 'sweep', command: 'sweep', describe: 'sweep env and policy parameters into a resumable experiments CSV, with figures', load: async () => (await import('./sweep.js')).sweepCommand },
]);

/** The catalogue entry of a command name. */
export function commandEntry(name: string): CommandEntry {
  const e = COMMANDS.find((c) => c.name === name);
  if (e === undefined) throw new RangeError(`no mmgym command ${JSON.stringify(name)}`);
  return e;
}
