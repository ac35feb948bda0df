/**
 * The project's bad-input error (brief: "a clear error naming the field, the allowed range and the
 * value received"): a RangeError that carries the field path. Each part names its own subclass
 * (EnvConfigError, BaselineParameterError, ...) so callers can tell where it came from.
 */
import { ConfigError } from './errors.js';
export class FieldError extends ConfigError {
  /** The offending field, as a config path (`price.sigma`) or an option name (`--set`). */
  readonly field: string;

  constructor(name: string, field: string, message: string) {
    super(message);
    this.name = name;
    this.field = field;
  }
}
