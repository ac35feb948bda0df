/**
 * mmgym's error hierarchy, as gymnasium/error.py has one: a base class every error the project
 * raises on purpose derives from, and one subclass per kind of fault, so a caller can catch by
 * kind (`e instanceof DataError`) or everything mmgym refuses (`e instanceof MmgymError`) while
 * the named classes (EnvConfigError, TapeQualityError, ...) stay where they are raised.
 *
 *   MmgymError
 *   ├── ConfigError     bad configuration or parameters (env config, agent config, sweeps, baselines)
 *   ├── ActionError     an action outside its space
 *   ├── EnvError        an env that misbehaves (non-finite state, a failed checkEnv)
 *   ├── PolicyError     a policy that cannot be loaded or is judged on another spec
 *   ├── DataError       market data that cannot be used (schema, corrupt file, too many bad rows)
 *   ├── BackendError    a tfjs backend that is not available
 *   └── QueueError      the job queue (Redis) unreachable or refusing a job
 */
export class MmgymError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ConfigError extends MmgymError {}
export class ActionError extends MmgymError {}
export class EnvError extends MmgymError {}
export class PolicyError extends MmgymError {}
export class DataError extends MmgymError {}
export class BackendError extends MmgymError {}
export class QueueError extends MmgymError {}
