/**
 * Base of the wrappers that change a Box action before it reaches the env (Gymnasium
 * `ActionWrapper`): the agent acts in `actionSpace` (given by the subclass); `action(a, out)` writes
 * the wrapped env's action. Checks the wrapped space is a Box and the action's length.
 */
import type { Action, Env, StepResult } from '../env.js';
import { Box } from '../spaces.js';
import { Wrapper } from './wrapper.js';

export abstract class BoxActionWrapper extends Wrapper {
  /** The wrapped env's action space. */
  protected readonly inner: Box;
  private readonly space: Box;
  private readonly buf: Float32Array;

  /**
   * @param name names the wrapper in errors
   * @param low/high the bounds of every component of the agent's action space
   * @param checkArgs validates the subclass's arguments (after the Box check, before any Box is built)
   */
  protected constructor(env: Env, private readonly name: string, low: number, high: number, checkArgs?: () => void) {
    super(env);
    const space = env.actionSpace;
    if (space.kind !== 'box') throw new TypeError(`${name} needs a Box action space, got ${space.toString()}`);
    checkArgs?.();
    this.inner = space;
    const d = space.shape[0];
    this.space = new Box(new Array<number>(d).fill(low), new Array<number>(d).fill(high));
    this.buf = new Float32Array(d);
  }

  override get actionSpace(): Box {
    return this.space;
  }

  /** Write the wrapped env's action for the agent's action `a` (length checked) into `out`. */
  protected abstract action(a: ArrayLike<number>, out: Float32Array): void;

  override step(action: Action): StepResult {
    if (typeof action === 'number' || action.length !== this.buf.length) {
      throw new RangeError(`${this.name}: action must have length ${this.buf.length}, got ${typeof action === 'number' ? 'a number' : `length ${action.length}`}`);
    }
    this.action(action, this.buf);
    return this.env.step(this.buf);
  }
}
