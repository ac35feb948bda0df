import { describe, expect, it } from 'vitest';
import { observationLayout, observationSpaceOf } from './observation.js';
import { resolveEnvConfig } from './resolve-config.js';

describe('observationLayout', () => {
  it('puts q/Q and t/T first by default', () => {
    const l = observationLayout(resolveEnvConfig('as2008'));
    expect(l.dim).toBe(2);
    expect(l.index).toEqual({ inventory: 0, time: 1 });
  });

  it('concatenates every feature with its width', () => {
    const c = resolveEnvConfig('regime-switching', {
      observation: { features: ['time-left', 'mid-returns', 'realized-vol', 'regime', 'last-fills', 'inventory'], returnsWindow: 3 },
    });
    const l = observationLayout(c);
    expect(l.index).toEqual({ 'time-left': 0, 'mid-returns': 1, 'realized-vol': 4, regime: 5, 'last-fills': 7, inventory: 9 });
    expect(l.dim).toBe(10);
    const space = observationSpaceOf(c);
    expect(space.shape).toEqual([10]);
    expect(space.low[1]).toBe(-Infinity);
    expect(space.low[9]).toBe(-1);
  });
});
