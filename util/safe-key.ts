/**
 * Keys that reach JavaScript's object machinery instead of a field: assigning `o['__proto__']`
 * replaces o's prototype (every later lookup of a missing field then reads the attacker's value),
 * `constructor.prototype` reaches Object.prototype. Paths from the command line, config files
 * and overrides are checked against them before any assignment.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function assertSafeKey(key: string, path: string): void {
  if (FORBIDDEN_KEYS.has(key)) {
    throw new RangeError(`${path}: key "${key}" is not allowed (it would change JavaScript's object prototype, not a field; allowed: the config's own field names)`);
  }
}
