/**
 * The one validation layer (issue 13): the env config (env/validate-config.ts), the agent configs
 * (agents/on-policy-config.ts, PPO's and A2C's own fields, the schedules) and the train options
 * (training/train-options.ts) are checked by zod schemas built from the rules below, and every
 * failure is reported the same way, naming the field, the rule and the value received:
 *
 *   <field> must be <rule>, got <value>[ (<fix>)]
 *
 * thrown as the caller's error class (`validate(rule, value, { error })`: EnvConfigError,
 * RangeError). A rule is a zod schema whose issue message is the rule's wording ("an integer >= 1",
 * "> 0 and < 1", `one of "gbm", "ou"`); `fields` checks an object's fields one after another, with
 * the cross-field rules between them, and stops at the first bad one, so a validator reports the
 * first problem in the order it lists its rules. Values are shown one way (`showValue`: JSON, numbers
 * as JavaScript prints them, so NaN is `NaN`).
 *
 * The wording of a range depends on the helper, and each helper keeps the wording its callers had
 * (tests and docs quote them): `finite` says `>= 0 and <= 1` (the env's, the schedules'),
 * `interval` says `a number in [0, 1]` (the agents' hyperparameters), `num` says `a number > 0`.
 * (The sweep config, evals/sweep/sweep-config.ts, lists all its problems at once in zod's words.)
 */
import { z } from 'zod';
import { showValue } from './describe-value.js';

export { showValue };

/** A rule: a zod schema whose issues carry the project's wording. */
export type Rule<T = unknown> = z.ZodType<T>;
export type Path = readonly (string | number)[];

/** What a failed rule reports. */
export interface Problem {
  /** What the value must be: the words after "must be". */
  rule?: string;
  /** A whole message instead, for rules that do not read "must be ..." (given the field's name). */
  message?: (field: string) => string;
  /** The value shown when it is not the one at `path` (a schedule's value at some progress, a product). */
  got?: { value: unknown };
  /** How to fix it, shown in parentheses after the value. */
  fix?: string;
  /** Where, below the value checked (`['regimes', 0, 'mu']`). */
  path?: Path;
}

interface Params {
  got?: { value: unknown };
  fix?: string;
  message?: (field: string) => string;
}

/** A rule from a function that says what is wrong with a value (undefined: nothing). */
export function problem<T = unknown>(find: (v: unknown) => Problem | undefined): Rule<T> {
  return z.custom<T>().check((ctx) => {
    const p = find(ctx.value);
    if (p === undefined) return;
    const params: Params = {};
    if (p.got !== undefined) params.got = p.got;
    if (p.fix !== undefined) params.fix = p.fix;
    if (p.message !== undefined) params.message = p.message;
    ctx.issues.push({ code: 'custom', message: p.rule ?? '', path: [...(p.path ?? [])], input: ctx.value, params });
  });
}

/** A rule from its wording and a test of the value. */
export function rule<T = unknown>(wording: string, ok: (v: unknown) => boolean): Rule<T> {
  return problem<T>((v) => (ok(v) ? undefined : { rule: wording }));
}

/**
 * The rule `make` builds, built once per `key`: a zod schema costs tens of microseconds to build
 * and a fraction of one to check, so rules whose bounds come from other fields (`dt < horizon`)
 * are kept, not rebuilt per check (at most 1000 kept).
 */
export function memoized<T>(key: string, make: () => Rule<T>): Rule<T> {
  let r = MEMO.get(key);
  if (r === undefined) {
    if (MEMO.size >= 1000) MEMO.clear();
    r = make();
    MEMO.set(key, r);
  }
  return r as Rule<T>;
}
const MEMO = new Map<string, Rule<unknown>>();
const boundsKey = (b: Bounds): string => `${b.gt}|${b.min}|${b.lt}|${b.max}|${b.integer === true}`;

/** The first problem `r` finds in `v`, or undefined. */
export function firstProblem(r: Rule, v: unknown): Problem | undefined {
  const res = r.safeParse(v);
  if (res.success) return undefined;
  const issue = res.error.issues[0]!;
  const params = ((issue as { params?: Params }).params ?? {}) as Params;
  const out: Problem = { rule: issue.message, path: issue.path.map((k) => (typeof k === 'number' ? k : String(k))) };
  if (params.got !== undefined) out.got = params.got;
  if (params.fix !== undefined) out.fix = params.fix;
  if (params.message !== undefined) out.message = params.message;
  return out;
}

function within(prefix: Path, p: Problem): Problem {
  return { ...p, path: [...prefix, ...(p.path ?? [])] };
}

/** The problem `r` finds in a value computed from the fields (`arrivals.A * dt`), named `name`. */
export function derived(name: string, value: unknown, r: Rule): Problem | undefined {
  const p = firstProblem(r, value);
  return p === undefined ? undefined : { ...p, path: [name, ...(p.path ?? [])], got: p.got ?? { value } };
}

/** `r`'s problem with `fix` added (a hint shown after the value). */
export function withFix<T>(r: Rule<T>, fix: string): Rule<T> {
  return problem<T>((v) => {
    const p = firstProblem(r, v);
    return p === undefined ? undefined : { ...p, fix: p.fix ?? fix };
  });
}

/** null passes; anything else must pass `r` (its wording gets `(note)`, e.g. "or unset"). */
export function nullable<T>(r: Rule<T>, note?: string): Rule<T | null> {
  return problem<T | null>((v) => {
    if (v === null) return undefined;
    const p = firstProblem(r, v);
    return p === undefined || note === undefined || p.message !== undefined ? p : { ...p, rule: `${p.rule} (${note})` };
  });
}

/** undefined passes; anything else must pass `r`. */
export function optional<T>(r: Rule<T>): Rule<T | undefined> {
  return problem<T | undefined>((v) => (v === undefined ? undefined : firstProblem(r, v)));
}

/** Bounds of a number: `gt`/`lt` exclusive, `min`/`max` inclusive. */
export interface Bounds {
  gt?: number;
  min?: number;
  lt?: number;
  max?: number;
  integer?: boolean;
}

/**
 * The wording of bounds: `> 0 and < 1`, `>= 0`, `a finite number` (none); integers `an integer >= 1`
 * (one bound) and `an integer and >= 1 and <= 10` (two: the env config's wording, kept). `noun`
 * (e.g. "a number") leads the bounds of a value that may be infinite: `a number > 0 and <= 1`.
 */
export function describeBounds(b: Bounds, noun?: string): string {
  const parts: string[] = [];
  if (b.gt !== undefined) parts.push(`> ${b.gt}`);
  if (b.min !== undefined) parts.push(`>= ${b.min}`);
  if (b.lt !== undefined) parts.push(`< ${b.lt}`);
  if (b.max !== undefined) parts.push(`<= ${b.max}`);
  if (b.integer === true) return ['an integer', ...parts].join(parts.length <= 1 ? ' ' : ' and ');
  if (noun !== undefined) return parts.length === 0 ? noun : `${noun} ${parts.join(' and ')}`;
  return parts.length === 0 ? 'a finite number' : parts.join(' and ');
}

function inBounds(v: number, b: Bounds): boolean {
  return !(
    (b.integer === true && !Number.isInteger(v)) ||
    (b.gt !== undefined && !(v > b.gt)) ||
    (b.min !== undefined && !(v >= b.min)) ||
    (b.lt !== undefined && !(v < b.lt)) ||
    (b.max !== undefined && !(v <= b.max))
  );
}

/** A finite number within `b` (`price.sigma must be >= 0 and <= 1000000000, got -1`). */
export function finite(b: Bounds = {}): Rule<number> {
  return memoized(`finite|${boundsKey(b)}`, () => rule<number>(describeBounds(b), (v) => typeof v === 'number' && Number.isFinite(v) && inBounds(v, b)));
}

/** A number, ±Infinity allowed, not NaN, within `b` (`a number > 0`). */
export function num(b: Bounds = {}): Rule<number> {
  return memoized(`num|${boundsKey(b)}`, () => rule<number>(describeBounds(b, 'a number'), (v) => typeof v === 'number' && !Number.isNaN(v) && inBounds(v, b)));
}

export interface IntervalOptions {
  integer?: boolean;
  /** Exclusive ends: `(lo, hi]`. */
  loOpen?: boolean;
  hiOpen?: boolean;
  /** What the value is, before "in [lo, hi]". @defaultValue 'a number' ('an integer' for integers) */
  what?: string;
}

/**
 * A number (not NaN; infinite where an end is) in an interval written as one
 * (`an integer in [1, 64]`, `a fraction of the HJB optimum in (0, 2]`).
 */
export function interval(lo: number, hi: number, o: IntervalOptions = {}): Rule<number> {
  const what = o.what ?? (o.integer === true ? 'an integer' : 'a number');
  const wording = `${what} in ${o.loOpen === true ? '(' : '['}${lo}, ${hi}${o.hiOpen === true ? ')' : ']'}`;
  return memoized(`interval|${wording}|${o.integer === true}`, () => rule<number>(
    wording,
    (v) =>
      typeof v === 'number' &&
      !Number.isNaN(v) &&
      (o.loOpen === true ? v > lo : v >= lo) &&
      (o.hiOpen === true ? v < hi : v <= hi) &&
      (o.integer !== true || Number.isInteger(v)),
  ));
}

/** One of a list: `one of ppo, a2c` (`quoted`: `one of "gbm", "ou"`; `wording`: the field's own words). */
export function oneOf<K extends string>(allowed: readonly K[], o: { quoted?: boolean; wording?: string } = {}): Rule<K> {
  const names = allowed.map((a) => (o.quoted === true ? `"${a}"` : a)).join(', ');
  return rule<K>(o.wording ?? `one of ${names}`, (v) => (allowed as readonly unknown[]).includes(v));
}

/** true or false. */
export function bool(): Rule<boolean> {
  return rule<boolean>('true or false', (v) => typeof v === 'boolean');
}

/** A non-empty string, in the field's words (`a directory path`); `trim`: not only blanks. */
export function text(wording: string, o: { trim?: boolean } = {}): Rule<string> {
  return rule<string>(wording, (v) => typeof v === 'string' && (o.trim === true ? v.trim() : v) !== '');
}

/** A plain object (not null, not an array). */
export function plainObject(wording = 'an object'): Rule<Record<string, unknown>> {
  return rule<Record<string, unknown>>(wording, (v) => v !== null && typeof v === 'object' && !Array.isArray(v));
}

/** An object with no fields but `known`: `unknown field price.kappa; allowed fields of price: kind, sigma, mu`. */
export function onlyKeys(known: readonly string[]): Rule {
  return problem((o) => {
    if (o === null || typeof o !== 'object') return undefined;
    const key = Object.keys(o).find((k) => !known.includes(k));
    if (key === undefined) return undefined;
    return {
      path: [key],
      message: (where) => {
        const parent = where.length > key.length ? where.slice(0, where.length - key.length - 1) : '';
        return `unknown field ${where}; allowed fields${parent === '' ? '' : ` of ${parent}`}: ${known.join(', ')}`;
      },
    };
  });
}

/**
 * A check of an object, in order: a rule (of the whole value), `[key, rule]` (of one field; the
 * rule may depend on the fields before it, `[key, (o) => rule]`, undefined = skip) or a function
 * giving a problem (a cross-field rule; its `path` names the field) or a rule for the whole value.
 */
export type Step<T> =
  | Rule
  | readonly [key: keyof T & string, rule: Rule | ((o: T) => Rule | undefined)]
  | ((o: T) => Problem | Rule | undefined);

/** Check `steps` in order; the first problem is the one reported (nested, give `T`: `fields<NetConfig>(...)`). */
export function fields<T = Record<string, unknown>>(...steps: readonly Step<T>[]): Rule<T> {
  return problem<T>((v) => {
    const o = v as T;
    for (const s of steps) {
      let p: Problem | undefined;
      if (s instanceof z.ZodType) {
        p = firstProblem(s, v);
      } else if (Array.isArray(s)) {
        const [key, r] = s as readonly [string, Rule | ((o: T) => Rule | undefined)];
        const chosen = r instanceof z.ZodType ? r : (r as (o: T) => Rule | undefined)(o);
        if (chosen === undefined) continue;
        const field = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
        const q = firstProblem(chosen, field);
        p = q === undefined ? undefined : within([key], q);
      } else {
        const out = (s as (o: T) => Problem | Rule | undefined)(o);
        p = out instanceof z.ZodType ? firstProblem(out, v) : out;
      }
      if (p !== undefined) return p;
    }
    return undefined;
  });
}

/**
 * An array: `shape` is what a non-array (or one of the wrong length) must be (`a non-empty list of
 * depths >= 0`, or a whole message), then every item is checked with `each` in order (an item's
 * checks, then the next item's; holes are skipped).
 */
export function list<T = unknown>(
  shape: string | ((field: string, got: unknown) => string),
  o: { min?: number; length?: number } = {},
  ...each: readonly (Rule | ((x: unknown, i: number, all: readonly unknown[]) => Problem | Rule | undefined))[]
): Rule<T[]> {
  return problem<T[]>((v) => {
    if (!Array.isArray(v) || (o.min !== undefined && v.length < o.min) || (o.length !== undefined && v.length !== o.length)) {
      return typeof shape === 'string' ? { rule: shape } : { message: (field) => shape(field, v) };
    }
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) continue; // a hole (not from JSON), skipped as forEach skips it
      for (const c of each) {
        const out = c instanceof z.ZodType ? c : c(v[i], i, v);
        const p = out instanceof z.ZodType ? firstProblem(out, v[i]) : out === undefined ? undefined : out;
        if (p !== undefined) return within([i], p);
      }
    }
    return undefined;
  });
}

// ---- schedules: a number or { kind: 'linear', start, end[, fraction] } of progressRemaining ----

/** A hyperparameter that may change over training (agents/schedule.ts describes the forms). */
export type ScheduleValue = number | { kind: 'linear'; start: number; end: number; fraction?: number } | ((progressRemaining: number) => number);

const LINEAR_KEYS = ['kind', 'start', 'end', 'fraction'];
export const SCHEDULE_WORDING = "a number or { kind: 'linear', start, end[, fraction] }";

function isLinear(v: unknown): v is { kind: 'linear'; start: number; end: number; fraction?: unknown } {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return s.kind === 'linear' && Number.isFinite(s.start) && Number.isFinite(s.end) && Object.keys(s).every((k) => LINEAR_KEYS.includes(k));
}

/** The form of a schedule: a finite number, a function, or a linear schedule with fraction in (0, 1]. */
export const SCHEDULE: Rule<ScheduleValue> = problem<ScheduleValue>((v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : { rule: describeBounds({}) };
  if (typeof v === 'function') return undefined;
  if (isLinear(v)) {
    const fraction = v.fraction ?? 1;
    return typeof fraction === 'number' && fraction > 0 && fraction <= 1 ? undefined : { path: ['fraction'], rule: describeBounds({ gt: 0, max: 1 }), got: { value: v.fraction } };
  }
  return { rule: SCHEDULE_WORDING };
});

/**
 * A schedule (of the `SCHEDULE` form) as a function of progressRemaining: linear from `start` (at 1)
 * to `end` over the first `fraction` of training, then `end`.
 */
export function scheduleFn(value: ScheduleValue): (progressRemaining: number) => number {
  if (typeof value === 'number') return () => value;
  if (typeof value === 'function') return value;
  const { start, end } = value;
  const fraction = value.fraction ?? 1;
  if (fraction === 1) return (p) => end + (start - end) * p;
  return (p) => {
    const done = (1 - p) / fraction;
    return done >= 1 ? end : start + (end - start) * done;
  };
}

/**
 * A schedule whose values lie within `b`: a number, or a schedule's values at progressRemaining 1,
 * 0.5 and 0 (`>= 0 and <= 10 (at progressRemaining 0), got -0.001`).
 */
export function schedule(b: Bounds): Rule<ScheduleValue> {
  return problem<ScheduleValue>((value) => {
    const shape = firstProblem(SCHEDULE, value);
    if (shape !== undefined) return shape;
    const fn = scheduleFn(value as ScheduleValue);
    for (const p of [1, 0.5, 0]) {
      const v = fn(p);
      if (!(typeof v === 'number' && Number.isFinite(v) && inBounds(v, b))) {
        return { rule: `${describeBounds(b)}${typeof value === 'number' ? '' : ` (at progressRemaining ${p})`}`, got: { value: v } };
      }
    }
    return undefined;
  });
}

// ---- reporting ----

/** How `validate` reports a problem. */
export interface Report {
  /** The path of the value checked, before the problem's own (`ppo` -> `ppo.nSteps`). */
  at?: string;
  /** The value's name when the problem is the value itself and `at` is empty. @defaultValue 'value' */
  whole?: string;
  /** Words before the field (`train option` -> `train option nEnvs must be ...`). */
  prefix?: string;
  /** The error to throw, given the field and the message. */
  error: (field: string, message: string) => Error;
}

/** `a.b[0].c` from `at` and a path. */
export function fieldName(at: string, path: Path): string {
  let out = at;
  for (const k of path) out = typeof k === 'number' ? `${out}[${k}]` : out === '' ? k : `${out}.${k}`;
  return out;
}

function valueAt(v: unknown, path: Path): unknown {
  let x = v;
  for (const k of path) x = x !== null && typeof x === 'object' ? (x as Record<PropertyKey, unknown>)[k] : undefined;
  return x;
}

/** The message of a problem found in `value`: `<field> must be <rule>, got <value>[ (<fix>)]`. */
export function messageOf(p: Problem, value: unknown, report: Omit<Report, 'error'> = {}): { field: string; message: string } {
  const path = p.path ?? [];
  const field = fieldName(report.at ?? '', path) || (report.whole ?? 'value');
  if (p.message !== undefined) return { field, message: p.message(field) };
  const got = p.got !== undefined ? p.got.value : valueAt(value, path);
  const label = report.prefix === undefined ? field : `${report.prefix} ${field}`;
  return { field, message: `${label} must be ${p.rule}, got ${showValue(got)}${p.fix ? ` (${p.fix})` : ''}` };
}

/** Check `value` against `r`; throws `report.error(field, message)` for the first problem. */
export function validate<T>(r: Rule<T>, value: unknown, report: Report): T {
  const p = firstProblem(r, value);
  if (p === undefined) return value as T;
  const { field, message } = messageOf(p, value, report);
  throw report.error(field, message);
}

/** A RangeError (the agents' and the train options' class). */
export const rangeError = (_field: string, message: string): Error => new RangeError(message);
