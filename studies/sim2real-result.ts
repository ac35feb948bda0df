/** What `mmgym sim2real` reports (sim2real.json): its own file, read by the study and by its report. */
export interface Sim2RealPolicy {
  name: string;
  mean: number;
  se: number;
  /** 95% moving-block bootstrap interval of the mean over the test windows. */
  ci: [number, number];
  /** Mean terminal PnL marked to the mid, net of fees (the return without the inventory penalty). */
  pnl: number;
  bidFills: number;
  askFills: number;
  fees: number;
  averageAbsInventory: number | null;
  /** Mean realised spread and adverse selection per unit at the report's markout horizon. */
  realisedSpread: number | null;
  adverseSelection: number | null;
}

export interface Sim2RealResult {
  tool: 'mmgym sim2real';
  command?: string;
  data: string;
  tape: { name: string; startTime: number; endTime: number; quoteUpdates: number; marketOrders: number };
  spans: { train: [number, number]; select: [number, number]; test: [number, number] };
  /** The calibration, the agents' reward kind (HJB, AS and the fixed depth do not depend on it) and the lot. */
  params: { file: string; sigma: number; A: number; k: number; deviancePerDof: number; warnings: string[]; reward: string; orderSize: number };
  training: { sim: string; tape: string };
  /** The agents on the select span (return under their reward, PnL net of fees) and the choice: by the return (one reward) or the PnL (several). */
  selection: { by: 'return' | 'pnl'; agents: { dir: string; mean: number; se: number; pnl: number; reward: string }[]; chosen: string; fixedGrid: { halfSpread: number; mean: number }[]; fixedHalfSpread: number; episodes: number; seed: number };
  test: { episodes: number; seed: number; blockLength: number; report: string };
  policies: Sim2RealPolicy[];
  /** Each policy minus HJB on the same test windows: mean, 95% moving-block bootstrap interval, and the iid paired-t interval for comparison. */
  pairedVsHjb: { policy: string; mean: number; ci: [number, number]; iidCi: [number, number]; pnl: { mean: number; ci: [number, number] } }[];
  onePath: string;
}
