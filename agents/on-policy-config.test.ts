/**
 * The shared hyperparameter ranges (on-policy-config.ts): every field of ON_POLICY_CONFIG refuses
 * a value just outside its range with a RangeError naming `<algo>.<field>`, the range and the
 * value, accepts the bounds, and the first bad field in the order listed is the one reported;
 * checkRange names its field.
 */
import { describe, expect, it } from 'vitest';
import { checkRange, validateOnPolicyConfig, type OnPolicyConfig } from './on-policy-config.js';
import { probeConfig } from './test-utils/probe-agent.js';

const ok = (patch: Partial<OnPolicyConfig>): void => validateOnPolicyConfig(probeConfig(patch), 'a2c');
const message = (patch: Record<string, unknown>, algo = 'ppo'): string => {
  try {
    validateOnPolicyConfig({ ...probeConfig(), ...patch } as OnPolicyConfig, algo);
  } catch (e) {
    expect(e).toBeInstanceOf(RangeError);
    return (e as Error).message;
  }
  return 'ok';
};

describe('validateOnPolicyConfig', () => {
  it('accepts the defaults of the probe and the bounds of every range', () => {
    expect(() => ok({})).not.toThrow();
    expect(() => ok({ nSteps: 1, gamma: 0, gaeLambda: 0, entCoef: 0, vfCoef: 0, maxGradNorm: 0, seed: -2147483648, crnGroupSize: 1, learningRate: 0, logStdSchedule: -20 })).not.toThrow();
    expect(() => ok({ nSteps: 1e9, gamma: 1, gaeLambda: 1, entCoef: 1e6, vfCoef: 1e6, maxGradNorm: Infinity, seed: 2147483647, crnGroupSize: 1e6, learningRate: 10, logStdSchedule: 5 })).not.toThrow();
    expect(() => ok({ logStdSchedule: null, learningRate: { kind: 'linear', start: 1e-3, end: 0 } })).not.toThrow();
  });

  it('names the field, its range and the value', () => {
    expect(message({ gamma: 1.5 })).toBe('ppo.gamma must be a number in [0, 1], got 1.5');
    expect(message({ gaeLambda: -0.1 }, 'a2c')).toMatch(/^a2c\.gaeLambda must be a number in \[0, 1\], got -0\.1/);
    expect(message({ nSteps: 2.5 })).toMatch(/^ppo\.nSteps must be an integer in \[1, 1000000000\], got 2\.5/);
    expect(message({ nSteps: 0 })).toMatch(/ppo\.nSteps .*got 0/);
    expect(message({ entCoef: -1 })).toMatch(/ppo\.entCoef must be a number in \[0, 1000000\], got -1/);
    expect(message({ vfCoef: 2e6 })).toMatch(/ppo\.vfCoef .*got 2000000/);
    expect(message({ maxGradNorm: -0.5 })).toMatch(/ppo\.maxGradNorm must be a number in \[0, Infinity\], got -0\.5/);
    expect(message({ seed: 1.5 })).toMatch(/ppo\.seed must be an integer .*got 1\.5/);
    expect(message({ seed: 2147483648 })).toMatch(/ppo\.seed .*got 2147483648/);
    expect(message({ crnGroupSize: 0 })).toMatch(/ppo\.crnGroupSize must be an integer in \[1, 1000000\], got 0/);
    expect(message({ learningRate: 11 })).toMatch(/ppo\.learningRate.*11/);
    expect(message({ learningRate: -1e-3 })).toMatch(/ppo\.learningRate.*-0\.001/);
    expect(message({ logStdSchedule: 6 })).toMatch(/ppo\.logStdSchedule.*6/);
    expect(message({ logStdSchedule: -21 })).toMatch(/ppo\.logStdSchedule.*-21/);
    expect(message({ gamma: Number.NaN })).toMatch(/ppo\.gamma .*got NaN/);
    expect(message({ gamma: '0.9' })).toMatch(/ppo\.gamma/);
  });

  it('checks the normalisation settings (clipObs, clipReward > 0; epsilon in (0, 1])', () => {
    const n = probeConfig().normalize;
    expect(message({ normalize: { ...n, clipObs: 0 } })).toMatch(/ppo\.normalize\.clipObs .*> 0.*got 0/);
    expect(message({ normalize: { ...n, clipReward: -1 } })).toMatch(/ppo\.normalize\.clipReward .*got -1/);
    expect(message({ normalize: { ...n, epsilon: 2 } })).toMatch(/ppo\.normalize\.epsilon .*got 2/);
    expect(message({ normalize: { ...n, epsilon: 1 } })).toBe('ok');
  });

  it('reports the first bad field in the order of ON_POLICY_CONFIG', () => {
    expect(message({ gamma: 2, nSteps: 0 })).toMatch(/^ppo\.nSteps/);
    expect(message({ crnGroupSize: 0, learningRate: 99 })).toMatch(/^ppo\.crnGroupSize/);
  });
});

describe('checkRange', () => {
  it('passes values in [lo, hi] and refuses others naming the field; integer mode refuses fractions', () => {
    expect(() => checkRange('workers', 1, 1, 64, true)).not.toThrow();
    expect(() => checkRange('workers', 64, 1, 64, true)).not.toThrow();
    expect(() => checkRange('workers', 65, 1, 64, true)).toThrow(RangeError);
    expect(() => checkRange('workers', 65, 1, 64, true)).toThrow(/workers must be an integer in \[1, 64\], got 65/);
    expect(() => checkRange('workers', 2.5, 1, 64, true)).toThrow(/got 2\.5/);
    expect(() => checkRange('frac', 2.5, 1, 64)).not.toThrow();
    expect(() => checkRange('frac', 0.5, 1, 64)).toThrow(/frac must be a number in \[1, 64\], got 0\.5/);
  });
});
