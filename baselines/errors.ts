/** Errors of the baselines: every one names the field, the allowed range and the value received. */
import { FieldError } from '../util/field-error.js';

/** A bad baseline or model parameter (e.g. `k must be > 0, got -1`). */
export class BaselineParameterError extends FieldError {
  constructor(field: string, message: string) {
    super('BaselineParameterError', field, message);
  }
}

/** Throws unless `value` is a finite number satisfying the bounds; the message names `field`. */
export function requireNumber(
  field: string,
  value: unknown,
  range: { gt?: number; min?: number; max?: number; integer?: boolean } = {},
): number {
  const parts: string[] = [];
  if (range.integer) parts.push('an integer');
  if (range.gt !== undefined) parts.push(`> ${range.gt}`);
  if (range.min !== undefined) parts.push(`>= ${range.min}`);
  if (range.max !== undefined) parts.push(`<= ${range.max}`);
  const want = parts.length === 0 ? 'a finite number' : parts.join(' and ');
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.gt === undefined || value > range.gt) &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max) &&
    (!range.integer || Number.isInteger(value));
  if (!ok) throw new BaselineParameterError(field, `${field} must be ${want}, got ${String(value)}`);
  return value as number;
}
