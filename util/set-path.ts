/**
 * `--set a.b.c=value` support shared by the CLI parsers (env-info's JSON values, the baselines'
 * aliases and scalars): put a value at a key path of a nested plain object.
 */

/** target[p0][p1]...[pn] = value, creating objects on the way (a non-object on the way is replaced by one). */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
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
