/** StopTrainingOnAbort (stop-on-abort.ts): onUpdate answers "go on" until its signal fires, then "stop". */
import { describe, expect, it } from 'vitest';
import { StopTrainingOnAbort } from './stop-on-abort.js';

describe('StopTrainingOnAbort', () => {
  it('returns true from onUpdate until the signal is aborted, false after; the other hooks never stop', () => {
    const ac = new AbortController();
    const cb = new StopTrainingOnAbort(ac.signal);
    const info = { numTimesteps: 0, iteration: 0, progressRemaining: 1, totalTimesteps: 1 };
    expect(cb.signal).toBe(ac.signal);
    expect(cb.onUpdate()).toBe(true);
    expect(cb.onUpdate()).toBe(true);
    expect(cb.handlesStep).toBe(false);
    ac.abort();
    expect(cb.onUpdate()).toBe(false);
    expect(cb.onRolloutStart(info)).toBeUndefined();
    expect(new StopTrainingOnAbort(AbortSignal.abort()).onUpdate()).toBe(false);
  });
});
