/**
 * Differences between two env specs (EnvConfig), as dotted field paths: a policy built for one
 * spec and judged on another is told exactly what differs.
 */
export interface SpecDifference {
  path: string;
  expected: unknown;
  actual: unknown;
}

export function specDifferences(expected: unknown, actual: unknown, path = ''): SpecDifference[] {
  if (Object.is(expected, actual)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [{ path: path || '(root)', expected, actual }];
    return expected.flatMap((e, i) => specDifferences(e, actual[i], `${path}[${i}]`));
  }
  if (isObj(expected) && isObj(actual) && !Array.isArray(expected) && !Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) => specDifferences(expected[k], actual[k], path ? `${path}.${k}` : k));
  }
  if (typeof expected === 'number' && typeof actual === 'number' && Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected))) {
    return [];
  }
  return [{ path: path || '(root)', expected, actual }];
}

export function formatSpecDifferences(diffs: readonly SpecDifference[], max = 8): string {
  const shown = diffs.slice(0, max).map((d) => `${d.path}: policy expects ${JSON.stringify(d.expected)}, env has ${JSON.stringify(d.actual)}`);
  if (diffs.length > max) shown.push(`... and ${diffs.length - max} more`);
  return shown.join('; ');
}
