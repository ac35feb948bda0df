/**
 * `mmgym sim2real --data <tape> --out <dir> [--json]`: the whole sim-to-real study on any tape
 * folder (studies/sim2real.ts): calibrate on the first 60%, train on the simulator then fine-tune
 * on the tape, choose on the next 20%, test on the last 20% against HJB, AS and the best fixed
 * depth with block-bootstrap intervals; writes sim2real.json, sim2real.html and the test span's
 * evaluation report. `--json` prints sim2real.json's object.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Sim2RealReward } from '../../studies/sim2real.js';
import { commandEntry } from './index.js';

interface Sim2RealArgs {
  data: string;
  out: string;
  simTimesteps: number;
  tapeTimesteps: number;
  episodes: number;
  seed: number;
  dt?: number;
  horizon?: number;
  gamma?: number;
  orderSize: number;
  reward: string;
  feeBps: number;
  json: boolean;
}

function builder(y: Argv): Argv<Sim2RealArgs> {
  return y
    .option('data', { type: 'string', demandOption: true, describe: 'a tape file or folder (LOBSTER, Binance, Tardis, generic L1; mmgym data check tells what it holds)' })
    .option('out', { type: 'string', demandOption: true, describe: 'output folder: params.json, sim/, tape/, test/ (report.html), sim2real.json, sim2real.html' })
    .option('sim-timesteps', { type: 'number', default: 300_000, describe: 'PPO steps on the calibrated simulator' })
    .option('tape-timesteps', { type: 'number', default: 300_000, describe: "PPO steps fine-tuning on the tape's first 60%" })
    .option('episodes', { type: 'number', default: 1000, describe: 'windows per policy on the select and the test span' })
    .option('seed', { type: 'number', default: 0, describe: 'seed of the training runs (selection seeds 3,000,000+, test seeds 4,000,000+)' })
    .option('horizon', { type: 'number', describe: 'episode (window) length in seconds (default: 300, or a tenth of the test span if shorter)' })
    .option('dt', { type: 'number', describe: 'env step in seconds (default: 1, or horizon / 30 for short windows, then shortened until A dt <= 0.25)' })
    .option('gamma', { type: 'number', describe: "risk aversion of the calibrated market (default k / 15, calibrate's rule)" })
    .option('order-size', { type: 'number', default: 1, describe: 'units per order, the lot (e.g. 0.001 for BTC): every policy fills lots of this size, the bound is 25 lots' })
    .option('reward', { type: 'string', default: 'auto', describe: "the agents' reward: running-penalty (the HJB's objective, phi q^2 dt), realized-penalty, pnl (risk-neutral: maximise PnL net of fees), a comma list, or auto (running-penalty,pnl): one pair of agents per reward, chosen on the select span by PnL net of fees; HJB, AS and the fixed depth are the same policies either way" })
    .option('fee-bps', { type: 'number', default: 0, describe: 'maker fee in basis points (negative = rebate), in the simulator and the replay' })
    .option('json', { type: 'boolean', default: false, describe: 'print JSON: {data, spans, params, policies: [{name, mean, se, ci}], pairedVsHjb, ...}' })
    .example('$0 sim2real --data data/lobster-amzn-2012-06-21-l1 --out runs/amzn-s2r', 'the AMZN day: calibrate, train, choose, test') as unknown as Argv<Sim2RealArgs>;
}

async function handler(a: ArgumentsCamelCase<Sim2RealArgs>): Promise<void> {
  const { runSim2Real } = await import('../../studies/sim2real.js');
  const { sim2realLines } = await import('../../studies/sim2real-report.js');
  const r = await runSim2Real({
    data: a.data,
    out: a.out,
    simTimesteps: a.simTimesteps,
    tapeTimesteps: a.tapeTimesteps,
    episodes: a.episodes,
    seed: a.seed,
    feeBps: a.feeBps,
    orderSize: a.orderSize,
    reward: a.reward === 'auto' ? 'auto' : (a.reward.split(',').map((x) => x.trim()) as Sim2RealReward[]),
    ...(a.dt === undefined ? {} : { dt: a.dt }),
    ...(a.horizon === undefined ? {} : { horizon: a.horizon }),
    ...(a.gamma === undefined ? {} : { gamma: a.gamma }),
    command: `mmgym ${process.argv.slice(2).join(' ')}`,
    log: a.json ? () => undefined : (m) => process.stderr.write(`${m}\n`),
  });
  process.stdout.write(a.json ? `${JSON.stringify(r, null, 2)}\n` : `${sim2realLines(r).join('\n')}\n`);
}

export const sim2realCommand: CommandModule<object, Sim2RealArgs> = {
  command: commandEntry('sim2real').command,
  describe: commandEntry('sim2real').describe,
  builder,
  handler,
};
