/**
 * Stop training when an AbortSignal fires (Ctrl-C in `mmgym train`): checked after each update,
 * so the run stops between iterations, where a checkpoint resumes it exactly.
 */
import { BaseCallback } from './base-callback.js';

export class StopTrainingOnAbort extends BaseCallback {
  constructor(readonly signal: AbortSignal) {
    super();
  }

  override onUpdate(): boolean {
    return !this.signal.aborted;
  }
}
