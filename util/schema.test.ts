/**
 * The validation layer (issue 13): each rule helper's wording in the named-field message
 * `<field> must be <rule>, got <value>[ (<fix>)]`, and the env config, agent config and train
 * options reporting a bad value the same way.
 */
import { describe, expect, it } from 'vitest';
import {
  bool, derived, fields, finite, interval, list, nullable, num, oneOf, onlyKeys, optional, plainObject, rangeError,
  rule, schedule, SCHEDULE, scheduleFn, showValue, text, validate, withFix, type Report, type Rule,
} from './schema.js';
import { FieldError } from './field-error.js';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../env/config.js';
import { EnvConfigError, validateConfig } from '../env/validate-config.js';
import { validateOnPolicyConfig, type OnPolicyConfig } from '../agents/on-policy-config.js';
import { DEFAULT_PPO_CONFIG } from '../agents/ppo.js';
import { defaultTrainOptions, validateTrainOptions, type TrainOptions } from '../training/train-options.js';

class TestFieldError extends FieldError {
  constructor(field: string, message: string) {
    super('TestFieldError', field, message);
  }
}

/** The message `r` gives for `v` (at `field`), or 'ok'. */
function msg(r: Rule, v: unknown, report: Omit<Report, 'error'> = { at: 'x' }): string {
  try {
    validate(r, v, { ...report, error: rangeError });
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(RangeError);
    return (e as Error).message;
  }
}

describe('rule helpers: the wording after "must be"', () => {
  it('finite: open and closed ends, integers, no bounds', () => {
    expect(msg(finite({ min: 0, max: 1 }), 2)).toBe('x must be >= 0 and <= 1, got 2');
    expect(msg(finite({ gt: 0, lt: 1 }), 1)).toBe('x must be > 0 and < 1, got 1');
    expect(msg(finite({ gt: 0, max: 1e12 }), 0)).toBe('x must be > 0 and <= 1000000000000, got 0');
    expect(msg(finite({ min: 0 }), -1)).toBe('x must be >= 0, got -1');
    expect(msg(finite(), Infinity)).toBe('x must be a finite number, got Infinity');
    expect(msg(finite({ integer: true, min: 1 }), 1.5)).toBe('x must be an integer >= 1, got 1.5');
    expect(msg(finite({ integer: true, min: 1, max: 10 }), 0)).toBe('x must be an integer and >= 1 and <= 10, got 0');
    expect(msg(finite({ min: 0 }), 0)).toBe('ok');
    expect(msg(finite({ max: 1 }), '0.5')).toBe('x must be <= 1, got "0.5"');
  });

  it('num allows infinities (not NaN); interval is written as one, ends open or closed', () => {
    expect(msg(num({ gt: 0 }), -1)).toBe('x must be a number > 0, got -1');
    expect(msg(num({ gt: 0, max: 1 }), 2)).toBe('x must be a number > 0 and <= 1, got 2');
    expect(msg(num({ gt: 0 }), Infinity)).toBe('ok');
    expect(msg(num({ gt: 0 }), NaN)).toBe('x must be a number > 0, got NaN');
    expect(msg(interval(0, 1), 1.5)).toBe('x must be a number in [0, 1], got 1.5');
    expect(msg(interval(1, 64, { integer: true }), 0)).toBe('x must be an integer in [1, 64], got 0');
    expect(msg(interval(0, 2, { loOpen: true, what: 'a fraction' }), 0)).toBe('x must be a fraction in (0, 2], got 0');
    expect(msg(interval(0, 1, { hiOpen: true }), 1)).toBe('x must be a number in [0, 1), got 1');
    expect(msg(interval(0, Infinity), Infinity)).toBe('ok');
  });

  it('one of a list (quoted or not, or in the field\'s words), true or false, strings, objects', () => {
    expect(msg(oneOf(['ppo', 'a2c']), 'dqn')).toBe('x must be one of ppo, a2c, got "dqn"');
    expect(msg(oneOf(['gbm', 'ou'], { quoted: true }), 'heston')).toBe('x must be one of "gbm", "ou", got "heston"');
    expect(msg(oneOf(['auto', 'none'], { wording: 'auto or none' }), 'x')).toBe('x must be auto or none, got "x"');
    expect(msg(bool(), 1)).toBe('x must be true or false, got 1');
    expect(msg(text('a directory path'), '')).toBe('x must be a directory path, got ""');
    expect(msg(text('a name', { trim: true }), '  ')).toBe('x must be a name, got "  "');
    expect(msg(text('a name'), '  ')).toBe('ok');
    expect(msg(plainObject(), [1])).toBe('x must be an object, got [1]');
    expect(msg(plainObject('an object of hyperparameters'), null)).toBe('x must be an object of hyperparameters, got null');
    expect(msg(rule('a string', (v) => typeof v === 'string'), 3)).toBe('x must be a string, got 3');
  });

  it('nullable (with a note), optional, a fix', () => {
    const priors = nullable(oneOf(['hjb', 'hjb-drift']), 'or unset');
    expect(msg(priors, null)).toBe('ok');
    expect(msg(priors, 'as')).toBe('x must be one of hjb, hjb-drift (or unset), got "as"');
    expect(msg(nullable(finite()), undefined)).toBe('x must be a finite number, got undefined');
    expect(msg(optional(finite()), undefined)).toBe('ok');
    expect(msg(optional(finite()), null)).toBe('x must be a finite number, got null');
    expect(msg(withFix(finite({ gt: 0 }), 'e.g. --x 1'), 0)).toBe('x must be > 0, got 0 (e.g. --x 1)');
  });

  it('schedule: a number, a linear schedule checked at progress 1, 0.5 and 0, or a function', () => {
    const lr = schedule({ min: 0, max: 10 });
    expect(msg(lr, -1)).toBe('x must be >= 0 and <= 10, got -1');
    expect(msg(lr, NaN)).toBe('x must be a finite number, got NaN');
    expect(msg(lr, { kind: 'linear', start: 1e-3, end: -1e-3 })).toBe('x must be >= 0 and <= 10 (at progressRemaining 0), got -0.001');
    expect(msg(lr, { kind: 'linear', start: 1, end: 0, fraction: 0 })).toBe('x.fraction must be > 0 and <= 1, got 0');
    expect(msg(lr, { kind: 'linear', start: 1, end: 0, frac: 1 })).toBe(`x must be a number or { kind: 'linear', start, end[, fraction] }, got {"kind":"linear","start":1,"end":0,"frac":1}`);
    expect(msg(lr, null)).toBe("x must be a number or { kind: 'linear', start, end[, fraction] }, got null");
    expect(msg(schedule({ gt: 0, max: 10 }), (p: number) => p - 0.5)).toBe('x must be > 0 and <= 10 (at progressRemaining 0.5), got 0');
    expect(msg(lr, { kind: 'linear', start: 1, end: 0, fraction: 0.5 })).toBe('ok');
    expect(msg(SCHEDULE, 3)).toBe('ok');
    const f = scheduleFn({ kind: 'linear', start: 1, end: 0, fraction: 0.5 });
    expect([f(1), f(0.75), f(0.5), f(0)]).toEqual([1, 0.5, 0, 0]);
    expect(scheduleFn({ kind: 'linear', start: 2, end: 0 })(0.25)).toBe(0.5);
  });

  it('fields: in order, the first problem reported, named by its path; cross-field rules between the fields', () => {
    const r = fields<{ a: number; b: number; c?: { d: number[] } }>(
      plainObject(),
      onlyKeys(['a', 'b', 'c']),
      ['a', finite({ gt: 0 })],
      ['b', (o) => finite({ max: o.a })],
      (o) => (o.a + o.b > 10 ? { path: ['b'], rule: `<= ${10 - o.a} (a + b at most 10)` } : undefined),
      ['c', optional(fields<{ d: number[] }>(onlyKeys(['d']), ['d', list('a non-empty list of numbers', { min: 1 }, finite({ min: 0 }))]))],
    );
    expect(msg(r, 5, { whole: 'config' })).toBe('config must be an object, got 5');
    expect(msg(r, { a: 0, b: 'x', e: 1 }, {})).toBe('unknown field e; allowed fields: a, b, c');
    expect(msg(r, { a: 0, b: 'x' }, {})).toBe('a must be > 0, got 0');
    expect(msg(r, { a: 2, b: 3 }, {})).toBe('b must be <= 2, got 3');
    expect(msg(r, { a: 2, b: 3 }, { at: 'cfg' })).toBe('cfg.b must be <= 2, got 3');
    expect(msg(r, { a: 6, b: 6 }, {})).toBe('b must be <= 4 (a + b at most 10), got 6');
    expect(msg(r, { a: 1, b: 1, c: { d: [] } }, {})).toBe('c.d must be a non-empty list of numbers, got []');
    expect(msg(r, { a: 1, b: 1, c: { d: [0, -1] } }, {})).toBe('c.d[1] must be >= 0, got -1');
    expect(msg(r, { a: 1, b: 1, c: { e: 1 } }, { at: 'cfg' })).toBe('unknown field cfg.c.e; allowed fields of cfg.c: d');
    expect(msg(r, { a: 1, b: 1, c: { d: [0, 1] } }, {})).toBe('ok');
  });

  it('a computed value, a prefix, whole messages and the error class of the caller', () => {
    const r = fields<{ A: number }>((o) => derived('A * dt', o.A * 0.1, finite({ max: 50 })));
    expect(msg(r, { A: 1000 }, { at: 'arrivals' })).toBe('arrivals.A * dt must be <= 50, got 100');
    expect(msg(finite({ integer: true, min: 1 }), 0, { at: 'nEnvs', prefix: 'train option' })).toBe('train option nEnvs must be an integer >= 1, got 0');
    const rows = list((field, got) => `${field} must have 2 entries, got ${showValue(got)}`, { length: 2 });
    expect(msg(rows, [1], { at: 'row' })).toBe('row must have 2 entries, got [1]');
    try {
      validate(finite({ min: 0 }), -1, { at: 'price.sigma', error: (field, message) => new TestFieldError(field, message) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TestFieldError);
      expect([(e as TestFieldError).field, (e as Error).message]).toEqual(['price.sigma', 'price.sigma must be >= 0, got -1']);
    }
  });

  it('shows values one way: numbers as JavaScript prints them, the rest as JSON', () => {
    expect([NaN, Infinity, -1e-7, 'x', null, undefined, [1, 'a'], { a: 1 }, true, 10n].map(showValue)).toEqual([
      'NaN', 'Infinity', '-1e-7', '"x"', 'null', 'undefined', '[1,"a"]', '{"a":1}', 'true', '10',
    ]);
  });
});

describe('one validation style: the env config, agent config and train options', () => {
  const env = (v: unknown): string => {
    try {
      validateConfig({ ...structuredClone(DEFAULT_ENV_CONFIG), latencySteps: v } as EnvConfig);
    } catch (e) {
      expect(e).toBeInstanceOf(EnvConfigError);
      return (e as Error).message;
    }
    return 'ok';
  };
  const agent = (v: unknown): string => {
    try {
      validateOnPolicyConfig({ ...structuredClone(DEFAULT_PPO_CONFIG), nSteps: v } as OnPolicyConfig, 'ppo');
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      return (e as Error).message;
    }
    return 'ok';
  };
  const train = (v: unknown): string => {
    try {
      validateTrainOptions({ ...defaultTrainOptions(), timesteps: v } as TrainOptions);
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      return (e as Error).message;
    }
    return 'ok';
  };

  it('a bad count is reported as "<field> must be <rule>, got <value>" by all three, the value shown the same way', () => {
    const cases: [unknown, string][] = [
      [-1, '-1'], [2.5, '2.5'], [NaN, 'NaN'], [Infinity, 'Infinity'], ['3', '"3"'], [{}, '{}'], [[1], '[1]'], [null, 'null'], [undefined, 'undefined'],
    ];
    for (const [v, shown] of cases) {
      expect(env(v), String(v)).toBe(`latencySteps must be an integer and >= 0 and <= 10000, got ${shown}`);
      expect(agent(v), String(v)).toBe(`ppo.nSteps must be an integer in [1, 1000000000], got ${shown}`);
      expect(train(v), String(v)).toBe(`train option timesteps must be an integer >= 1, got ${shown}`);
    }
  });

  it('a negative integer where >= 1 is required: the same rule, the same message, from the layer', () => {
    const layer = msg(finite({ integer: true, min: 1 }), -1, { at: 'timesteps', prefix: 'train option' });
    expect(train(-1)).toBe(layer);
    expect(layer).toBe('train option timesteps must be an integer >= 1, got -1');
    // the env's and the agents' counts have an upper bound too, in their own (quoted) words
    expect(env(-1)).toBe(msg(finite({ integer: true, min: 0, max: 10_000 }), -1, { at: 'latencySteps' }));
    expect(agent(-1)).toBe(msg(interval(1, 1e9, { integer: true }), -1, { at: 'ppo.nSteps' }));
    // workers: the agents' option and the train option share the rule
    expect(msg(interval(1, 64, { integer: true }), 0, { at: 'workers' })).toBe('workers must be an integer in [1, 64], got 0');
    expect(() => validateTrainOptions({ ...defaultTrainOptions(), workers: 0 })).toThrow('train option workers must be an integer in [1, 64] (or unset: automatic), got 0');
  });
});
