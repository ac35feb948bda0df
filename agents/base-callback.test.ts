/**
 * BaseCallback's own contract (base-callback.ts): no agent before initCallback and a clear error
 * naming the class when one is used; the default hooks change nothing (onStep answers true);
 * handlesStep is true exactly when a class in the chain overrides onStep.
 */
import { describe, expect, it } from 'vitest';
import { BaseCallback, type CallbackAgent } from './base-callback.js';

const info = { numTimesteps: 0, iteration: 0, progressRemaining: 1, totalTimesteps: 10 };
const agent: CallbackAgent = { numTimesteps: 5, iteration: 1, progressRemaining: 0.5, policy: () => { throw new Error('unused'); }, save: async () => {} };

class Plain extends BaseCallback {
  steps(): number {
    return this.agent.numTimesteps;
  }
}
class Stepper extends BaseCallback {
  override onStep(): boolean {
    return false;
  }
}
class SubStepper extends Stepper {}

describe('BaseCallback', () => {
  it('has no model or parent until initCallback sets the model; `agent` says how to fix a missing one', () => {
    const c = new Plain();
    expect(c.model).toBeNull();
    expect(c.parent).toBeNull();
    expect(() => c.steps()).toThrow('Plain: no agent yet (pass the callback to agent.learn(), or call initCallback(agent) first)');
    c.initCallback(agent);
    expect(c.model).toBe(agent);
    expect(c.steps()).toBe(5);
  });

  it('the default hooks return nothing (training goes on) and onStep returns true', async () => {
    const c = new Plain();
    expect(c.onTrainingStart(info)).toBeUndefined();
    expect(c.onRolloutStart(info)).toBeUndefined();
    expect(c.onRolloutEnd(info)).toBeUndefined();
    expect(c.onUpdate({}, info)).toBeUndefined();
    expect(c.onTrainingEnd(info)).toBeUndefined();
    expect(c.onStep(info)).toBe(true);
  });

  it('handlesStep only when onStep is overridden (directly or by a parent class)', () => {
    expect(new Plain().handlesStep).toBe(false);
    expect(new Stepper().handlesStep).toBe(true);
    expect(new SubStepper().handlesStep).toBe(true);
    const own = new Plain();
    own.onStep = () => true; // an instance override counts too
    expect(own.handlesStep).toBe(true);
  });
});
