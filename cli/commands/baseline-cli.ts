/**
 * What `mmgym baseline` and `mmgym quotes` share: the `--env` / `--set` options and how they
 * resolve (preset or id + `--set name=value` overrides, baselines/env-overrides.ts), and the
 * error rule (a named-field error -> `mmgym: <message>` on stderr and exit code 1, no stack).
 */
import type { Argv } from 'yargs';
import type { EnvOverrides } from '../../env/config.js';
import { SET_ALIASES, parseSetOverrides } from '../../baselines/env-overrides.js';

/** The options `envArgs` reads. */
export interface EnvSetArgs {
  env: string;
  set: string[];
}

/** Add `--env` and `--set` to a command's options. */
export function envSetOptions<T>(y: Argv<T>): Argv<T & EnvSetArgs> {
  return y
    .option('env', { type: 'string', default: 'default', describe: 'env preset or id (as2008/default, glft2013, calm, ...)' })
    .option('set', { type: 'string', array: true, default: [] as string[], describe: `override env parameters: name=value with name in ${Object.keys(SET_ALIASES).join(', ')} or a dotted config path` });
}

/** The env id and its overrides from `--env` / `--set`. */
export function envArgs(a: EnvSetArgs): { env: string; overrides: EnvOverrides } {
  return { env: a.env, overrides: parseSetOverrides(a.set) };
}

/** A command handler that reports a thrown error (or, for an async run, its rejection) as `mmgym: <message>` on stderr with exit code 1. */
export function reportingErrors<A>(run: (a: A) => void | Promise<void>): (a: A) => void | Promise<void> {
  const report = (e: unknown): void => {
    process.stderr.write(`mmgym: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  };
  return (a: A): void | Promise<void> => {
    try {
      const done = run(a);
      // an async run (one that loads a policy) reports its rejection the same way
      if (done instanceof Promise) return done.catch(report);
    } catch (e) {
      report(e);
    }
  };
}
