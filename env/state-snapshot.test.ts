import { describe, expect, it } from 'vitest';
import { makeVec } from './registry.js';
import { PRESETS } from './presets.js';
import { SeededRandom } from '../models/random.js';
import { stateArrays } from './state-snapshot.js';

/** Step `env` k times with actions drawn from `rng` in the action space; the concatenated outputs. */
function play(env: ReturnType<typeof makeVec>, k: number, rng: SeededRandom): number[] {
  const out: number[] = [];
  const n = env.numEnvs;
  const space = env.actionSpace;
  const a = new Float32Array(n * env.actDim);
  for (let t = 0; t < k; t++) {
    for (let i = 0; i < a.length; i++) {
      if (space.kind === 'box') {
        const d = i % env.actDim;
        const lo = Math.max(space.low[d]!, -3);
        const hi = Math.min(space.high[d]!, 3);
        a[i] = lo + (hi - lo) * rng.uniform();
      } else a[i] = Math.floor(rng.uniform() * space.n);
    }
    const r = env.step(a);
    out.push(...r.rewards, ...r.observations, ...r.terminated, ...r.market.bidFill, ...r.market.mid);
  }
  return out;
}

describe('env state snapshots (exact mid-episode resume)', () => {
  const replay = 'replay:data/lobster-amzn-2012-06-21-l1?from=0.6&to=0.8&dt=1&horizon=120';
  for (const name of [...Object.keys(PRESETS), replay, `${replay}&fill=prob-queue&latencyMs=1500`]) {
    it(`${name}: a restored env continues bit for bit as the original`, () => {
      const a = makeVec(name, { numEnvs: 3 });
      a.reset({ seed: 11 });
      play(a, 137, SeededRandom.fromSeed(1)); // mid-episode, some envs past an autoreset
      const snap = JSON.parse(JSON.stringify(a.saveState()));
      const b = makeVec(name, { numEnvs: 3 });
      b.reset({ seed: 999 }); // a different state, overwritten by the snapshot
      b.loadState(snap);
      const rngA = SeededRandom.fromSeed(2);
      const rngB = SeededRandom.fromSeed(2);
      const ta = play(a, 300, rngA);
      const tb = play(b, 300, rngB);
      expect(tb.map((x) => Object.is(x, -0) ? 'neg0' : x)).toEqual(ta.map((x) => Object.is(x, -0) ? 'neg0' : x));
    });
  }

  it('holds the generator, the observer history and the model states, not the config', () => {
    const env = makeVec('hawkes-fills', { numEnvs: 2 });
    const paths = [...stateArrays(env.core, new Set(['config', 'kn', 'wn', 'fn'])).keys()];
    expect(paths).toEqual(expect.arrayContaining(['rng.s', 'observer.hist', 'arrivals.excitation', 'mid', 'inventory', 'cash', 'stepIndex']));
    expect(paths.some((p) => p.startsWith('config'))).toBe(false);
  });

  it('refuses a snapshot of another env with a clear error and leaves the env untouched', () => {
    const a = makeVec('default', { numEnvs: 2 });
    const b = makeVec('regime-switching', { numEnvs: 2 });
    a.reset({ seed: 1 });
    const before = JSON.stringify(a.saveState());
    expect(() => a.loadState(b.saveState())).toThrow(/env state does not fit this env: .*unknown array price\.cumP, price\.drift, price\.scale, price\.state/);
    const c = makeVec('default', { numEnvs: 3 });
    expect(() => a.loadState(c.saveState())).toThrow(/env state cash: expected Float64Array\[2\], got Float64Array\[3\]/);
    expect(JSON.stringify(a.saveState())).toBe(before);
    expect(() => a.loadState({ version: 7, arrays: {}, scalars: {} })).toThrow(/env state must be \{ version: 1, arrays, scalars \}, got version 7/);
  });
});
