/**
 * Wrapper's own contract: everything forwards to the wrapped env unchanged (spaces, config,
 * reset with its seed and options, step, render, close), and `unwrapped` reaches the innermost
 * env through any depth of wrappers.
 */
import { describe, expect, it } from 'vitest';
import { make } from '../registry.js';
import { TimeLimit } from './time-limit.js';
import { Wrapper } from './wrapper.js';

describe('Wrapper', () => {
  it('forwards spaces, config, reset (seed and options), step and render: a wrapped run equals the bare one', () => {
    const bare = make('as2008');
    const inner = make('as2008');
    const w = new Wrapper(inner);
    expect(w.observationSpace).toBe(inner.observationSpace);
    expect(w.actionSpace).toBe(inner.actionSpace);
    expect(w.config).toBe(inner.config);
    const a = bare.reset({ seed: 3, options: { initialInventory: 4 } });
    const b = w.reset({ seed: 3, options: { initialInventory: 4 } });
    expect(b).toEqual(a);
    for (let k = 0; k < 15; k++) {
      const x = bare.step([0.1, -0.3]);
      const y = w.step([0.1, -0.3]);
      expect(y).toEqual(x);
    }
    expect(w.render()).toBe(bare.render());
    expect(w.render('ansi')).toBe(inner.render('ansi'));
  });

  it('unwrapped is the innermost env through nested wrappers; close reaches it', () => {
    const inner = make('calm');
    const w = new Wrapper(new TimeLimit(new Wrapper(inner), 5));
    expect(w.unwrapped).toBe(inner);
    expect(new Wrapper(inner).unwrapped).toBe(inner);
    expect(w.env).toBeInstanceOf(TimeLimit);
    w.reset({ seed: 1 });
    w.close();
    expect(() => inner.reset()).toThrow('MarketMakingEnv: the env is closed');
  });
});
