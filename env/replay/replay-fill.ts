/** One of our fills in a replay, for the fill log (its own file: the replay core and the event path both use it). */
export interface ReplayFill {
  readonly env: number;
  /** Episode counter of that env (0 = first since construction). */
  readonly episode: number;
  readonly step: number;
  /** Tape time (s) at the end of the step. */
  readonly time: number;
  /** +1 we bought (bid filled), -1 we sold. */
  readonly side: 1 | -1;
  readonly price: number;
  readonly size: number;
  readonly fee: number;
}
