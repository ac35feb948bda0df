/**
 * `mmgym env-info [id]`: show an environment — the resolved config, spaces, observation layout —
 * and optionally play a few steps of a fixed quote so the market can be seen moving.
 * `--list` prints the known ids and presets. `--set path=value` overrides any config field
 * (value parsed as JSON when it parses, else kept as a string), e.g. `--set price.sigma=3`.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { EnvOverrides } from '../../env/config.js';
import { episodeSteps } from '../../env/config.js';
import { effectivePhi } from '../../env/effective-params.js';
import { observationLayout } from '../../env/observation.js';
import { DEFAULT_ENV_ID, ENV_IDS, PRESET_ALIASES } from '../../env/presets.js';
import { make } from '../../env/registry.js';
import { depthsToAction } from '../../env/action-map.js';
import { setPath } from '../../util/set-path.js';
import { commandEntry } from './index.js';

interface EnvInfoArgs {
  id: string;
  set: string[];
  list: boolean;
  steps: number;
  seed: number;
  depth: number;
  json: boolean;
}

/** `a.b.c=value` strings -> a nested overrides object. */
export function parseSets(sets: readonly string[]): EnvOverrides {
  const out: Record<string, unknown> = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new Error(`--set expects path=value (e.g. price.sigma=3), got "${s}"`);
    const path = s.slice(0, eq).split('.');
    const raw = s.slice(eq + 1);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    setPath(out, path, value);
  }
  return out as EnvOverrides;
}

function builder(y: Argv): Argv<EnvInfoArgs> {
  return y
    .positional('id', { type: 'string', default: DEFAULT_ENV_ID, describe: 'env id or preset name' })
    .option('set', { type: 'string', array: true, default: [], describe: 'override a config field: path=value (repeatable)' })
    .option('list', { type: 'boolean', default: false, describe: 'list the known env ids and presets' })
    .option('steps', { type: 'number', default: 0, describe: 'play this many steps quoting --depth on both sides' })
    .option('seed', { type: 'number', default: 0, describe: 'seed of the played steps' })
    .option('depth', { type: 'number', default: 1, describe: 'quote depth (price units) of the played steps' })
    .option('json', { type: 'boolean', default: false, describe: 'print the resolved config as JSON only' })
    .example('$0 env-info --list', 'the registered environments')
    .example('$0 env-info glft2013 --set arrivals.k=0.5 --steps 5', 'a modified GLFT market, five steps') as unknown as Argv<EnvInfoArgs>;
}

async function handler(a: ArgumentsCamelCase<EnvInfoArgs>): Promise<void> {
  const w = (s: string): boolean => process.stdout.write(`${s}\n`);
  if (a.list) {
    for (const [id, name] of Object.entries(ENV_IDS)) w(`${id.padEnd(30)} ${name}`);
    for (const [alias, name] of Object.entries(PRESET_ALIASES)) w(`${alias.padEnd(30)} alias of ${name}`);
    return;
  }
  const env = make(a.id, parseSets(a.set));
  const c = env.config;
  if (a.json) {
    w(JSON.stringify(c, null, 2));
    return;
  }
  const layout = observationLayout(c);
  w(`env ${a.id}: ${episodeSteps(c)} steps of dt = ${c.dt} (T = ${c.horizon}), S0 = ${c.s0}, Q = ${c.maxInventory}, gamma = ${c.gamma}`);
  w(`price     ${JSON.stringify(c.price)}`);
  w(`arrivals  ${JSON.stringify(c.arrivals)}`);
  w(`toxicity  ${JSON.stringify(c.toxicity)}   fees ${JSON.stringify(c.fees)}   tick ${c.tickSize}   latency ${c.latencySteps} steps`);
  w(`reward    ${JSON.stringify(c.reward)}   (phi used: ${effectivePhi(c)})`);
  w(`observation ${env.observationSpace.toString()}  layout ${JSON.stringify(layout.index)}`);
  w(`action      ${env.actionSpace.toString()}  ${JSON.stringify(c.action)}`);
  if (a.steps > 0) {
    env.reset({ seed: a.seed });
    const act = new Float32Array(2);
    depthsToAction(c.action, a.depth, a.depth, act, 0);
    const action = env.actionSpace.kind === 'discrete' ? [act[0]!] : act;
    let total = 0;
    for (let k = 0; k < a.steps; k++) {
      const s = env.step(action);
      total += s.reward;
      w(`${env.render('ansi')}  r=${s.reward.toFixed(4)}`);
      if (s.terminated || s.truncated) break;
    }
    w(`sum of rewards ${total.toFixed(4)}`);
  }
}

export const envInfoCommand: CommandModule<object, EnvInfoArgs> = {
  command: commandEntry('env-info').command,
  describe: commandEntry('env-info').describe,
  builder,
  handler,
};
