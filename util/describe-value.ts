/** How error messages show a value they refuse. */

/** A value as an error message shows it: strings quoted, the type of objects named. */
export function describeValue(x: unknown): string {
  if (typeof x === 'string') return `the string ${JSON.stringify(x)}`;
  if (x === null || x === undefined) return String(x);
  if (typeof x === 'object') return `${Array.isArray(x) ? 'an array' : `a ${(x as object).constructor?.name ?? 'object'}`} (${JSON.stringify(x)?.slice(0, 60) ?? '?'})`;
  return `${typeof x} ${String(x)}`;
}

/** JSON for a value read from JSON, except numbers JSON cannot hold (1e400 parses to Infinity, shown as such, not as null). */
export function showValue(x: unknown): string {
  if (typeof x === 'number') return String(x);
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x); // a BigInt or a cycle
  }
}
