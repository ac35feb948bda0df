/**
 * `--set a.b.c=value` support shared by the CLI parsers (env-info's JSON values, the baselines'
 * aliases and scalars, the sweep's grid): put a value at a key path of a nested plain object.
 * Prototype keys (`__proto__`, `constructor`, `prototype`) are refused (util/safe-key.ts).
 */
import { assertSafeKey } from './safe-key.js';

/** target[p0][p1]...[pn] = value, creating objects on the way (a non-object on the way is replaced by one). */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  for (const key of path) assertSafeKey(key, `--set ${path.join('.')}`);
  let node = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
    } else {
      const next = node[key];
      node = (next !== null && typeof next === 'object' ? next : (node[key] = {})) as Record<string, unknown>;
    }
  });
}
