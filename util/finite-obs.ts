/**
 * Policies refuse observations that are not finite numbers: a NaN or infinite input gives NaN
 * actions (or a silently arbitrary table cell), never a meaningful quote. The error names the
 * policy, the row and the column.
 */
export function assertFiniteObservations(name: string, obs: ArrayLike<number>, obsDim: number): void {
  for (let i = 0; i < obs.length; i++) {
    const x = obs[i]!;
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new RangeError(`${name}.act: observation row ${Math.floor(i / obsDim)}, column ${i % obsDim} must be a finite number, got ${String(x)}`);
    }
  }
}
