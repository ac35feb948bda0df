/**
 * The callback classes as learn() runs them (agents/base-callback.ts, callback-list.ts,
 * as-callback.ts): hook order, stop propagation through a CallbackList, onStep stopping in the
 * middle of a rollout, the hooks object and array forms, and that callbacks change nothing in the
 * run. A PPO agent on the 1-D target env, 2 envs x 8 steps per rollout.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../models/backend.js';
import { asCallback, HooksCallback } from './as-callback.js';
import { BaseCallback, type CallbackAgent } from './base-callback.js';
import { CallbackList } from './callback-list.js';
import type { IterationInfo, UpdateMetrics } from './callbacks.js';
import { PPO } from './ppo.js';
import { StopTrainingOnAbort } from './stop-on-abort.js';
import { TargetEnv } from './test-utils/target-env.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const ROLLOUT = 16; // 2 envs x 8 steps
const tinyAgent = (): PPO => new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 8, batchSize: 16, nEpochs: 1, seed: 5 });

/** Records every hook as `name:hook@steps`; onUpdate answers `stopAt(info)`. */
class Recorder extends BaseCallback {
  constructor(
    readonly name: string,
    readonly events: string[],
    private readonly stopAt: (info: IterationInfo) => boolean = () => false,
  ) {
    super();
  }
  override initCallback(model: CallbackAgent): void {
    super.initCallback(model);
    this.events.push(`${this.name}:init`);
  }
  override onTrainingStart(i: IterationInfo): void {
    this.events.push(`${this.name}:start@${i.numTimesteps}/${i.totalTimesteps}`);
  }
  override onRolloutStart(i: IterationInfo): void {
    this.events.push(`${this.name}:rollout@${i.numTimesteps}`);
  }
  override onRolloutEnd(i: IterationInfo): void {
    this.events.push(`${this.name}:rolloutEnd@${i.numTimesteps}`);
  }
  override async onUpdate(m: UpdateMetrics, i: IterationInfo): Promise<boolean> {
    await Promise.resolve(); // async hooks are awaited in order
    this.events.push(`${this.name}:update@${i.numTimesteps}`);
    expect(Number.isFinite(m['train/value_loss'])).toBe(true);
    return !this.stopAt(i);
  }
  override onTrainingEnd(i: IterationInfo): void {
    this.events.push(`${this.name}:end@${i.numTimesteps}`);
  }
}

/** Stops at `stopAfter` env steps, from onStep. */
class StepStopper extends BaseCallback {
  calls = 0;
  constructor(private readonly stopAfter: number) {
    super();
  }
  override onStep(i: IterationInfo): boolean {
    this.calls++;
    return i.numTimesteps < this.stopAfter;
  }
}

describe('CallbackList', () => {
  it('runs each hook in every callback, in order; a stop from one still lets the later ones run that hook, then learn() ends', async () => {
    const events: string[] = [];
    const agent = tinyAgent();
    const a = new Recorder('a', events, (i) => i.numTimesteps >= 2 * ROLLOUT);
    const b = new Recorder('b', events);
    await agent.learn(10 * ROLLOUT, new CallbackList([a, b]));
    expect(events).toEqual([
      'a:init', 'b:init',
      'a:start@0/160', 'b:start@0/160',
      'a:rollout@0', 'b:rollout@0', 'a:rolloutEnd@16', 'b:rolloutEnd@16', 'a:update@16', 'b:update@16',
      'a:rollout@16', 'b:rollout@16', 'a:rolloutEnd@32', 'b:rolloutEnd@32', 'a:update@32', 'b:update@32',
      'a:end@32', 'b:end@32',
    ]);
    expect(a.model).toBe(agent);
    expect(agent.iteration).toBe(2);
    agent.dispose();
  });

  it('nests: an inner list stops the outer one, and children see the list\'s parent', async () => {
    const events: string[] = [];
    const inner = new CallbackList([new Recorder('x', events, (i) => i.numTimesteps >= ROLLOUT)]);
    const outer = new CallbackList([inner, new Recorder('y', events)]);
    const agent = tinyAgent();
    await agent.learn({ totalTimesteps: 4 * ROLLOUT, callbacks: outer });
    expect(events.filter((e) => e.includes('update'))).toEqual(['x:update@16', 'y:update@16']);
    expect(inner.callbacks[0]!.parent).toBeNull();
    agent.dispose();
  });

  it('onStep: called after every vector step only when a callback defines it; false stops at once, mid-rollout, without training on the partial rollout', async () => {
    const events: string[] = [];
    expect(new CallbackList([new Recorder('r', events)]).handlesStep).toBe(false); // learn() passes no per-step hook
    const stopper = new StepStopper(2 * ROLLOUT + 6); // 3 vector steps into the third rollout
    const list = new CallbackList([new Recorder('r', events), stopper]);
    expect(list.handlesStep).toBe(true);
    const agent = tinyAgent();
    await agent.learn(10 * ROLLOUT, list);
    expect(stopper.calls).toBe((2 * ROLLOUT + 6) / 2); // once per vector step (2 envs)
    expect(agent.numTimesteps).toBe(2 * ROLLOUT + 6);
    expect(agent.iteration).toBe(2); // the partial rollout counts no iteration
    expect(events.filter((e) => e.includes('update'))).toEqual(['r:update@16', 'r:update@32']);
    expect(events.at(-2)).toBe('r:rollout@32');
    expect(events.at(-1)).toBe('r:end@38'); // onTrainingEnd still runs
    agent.dispose();
  });

  it('callbacks change nothing in the run: with a per-step callback, positional or options form, the weights are bit-identical', async () => {
    const plain = tinyAgent();
    await plain.learn({ totalTimesteps: 3 * ROLLOUT });
    const stepped = tinyAgent();
    const never = new StepStopper(Infinity);
    await stepped.learn(3 * ROLLOUT, [never, new Recorder('r', [])]);
    expect(never.calls).toBe((3 * ROLLOUT) / 2);
    expect(Array.from(stepped.ac.params)).toEqual(Array.from(plain.ac.params));
    plain.dispose();
    stepped.dispose();
  });

  it('accepts the hooks object { onRolloutEnd?, onUpdate? } alone or in an array, called as its methods', async () => {
    const hooks = {
      seen: [] as number[],
      onRolloutEnd(i: IterationInfo): boolean {
        return i.numTimesteps < 3 * ROLLOUT;
      },
      onUpdate(_m: UpdateMetrics, i: IterationInfo): void {
        this.seen.push(i.numTimesteps);
      },
    };
    expect(asCallback(hooks)).toBeInstanceOf(HooksCallback);
    const agent = tinyAgent();
    await agent.learn({ totalTimesteps: 10 * ROLLOUT, callbacks: [hooks] });
    expect(hooks.seen).toEqual([16, 32]); // the third rollout ended training before its update
    expect(agent.numTimesteps).toBe(3 * ROLLOUT);
    agent.dispose();
    expect(() => new CallbackList([hooks as unknown as BaseCallback])).toThrow(/CallbackList: callbacks\[0\] must be a BaseCallback, got a plain object/);
  });

  it('StopTrainingOnAbort stops after the update during which the signal fired', async () => {
    const abort = new AbortController();
    const agent = tinyAgent();
    await agent.learn(10 * ROLLOUT, [new HooksCallback({ onUpdate: (_m, i) => void (i.numTimesteps >= 2 * ROLLOUT && abort.abort()) }), new StopTrainingOnAbort(abort.signal)]);
    expect(agent.numTimesteps).toBe(2 * ROLLOUT);
    agent.dispose();
  });
});
