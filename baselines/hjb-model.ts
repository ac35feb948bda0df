/**
 * The market-making model of Guéant, Lehalle & Fernandez-Tapia (2013) and Guéant (2017), with
 * exponential intensities and inventory bounded in [-Q, Q].
 *
 * Market: mid S_t = S_0 + sigma W_t; market orders hit a bid (ask) quoted at depth delta with
 * intensity Lambda(delta) = A exp(-k delta); each fill is one unit; the bid (ask) is not quoted at
 * q = Q (q = -Q).
 *
 * Objective (Guéant 2017, "Optimal market making", Appl. Math. Finance 24(2), sec. 3):
 * - xi > 0 (xi = gamma: GLFT 2013, CARA utility): max E[-exp(-xi (X_T + q_T S_T - alpha q_T^2))].
 *   Then theta solves eq. (3.3) with running term (1/2) gamma sigma^2 q^2, i.e. phi = gamma sigma^2 / 2.
 * - xi = 0 (running penalty; Cartea, Jaimungal & Penalva 2015, ch. 10):
 *   max E[X_T + q_T S_T - alpha q_T^2 - phi int_0^T q_t^2 dt].
 *
 * Both give the HJB (Guéant 2017 eq. 3.3, with our phi for (1/2) gamma sigma^2):
 *   0 = d_t theta(t,q) - phi q^2 + 1_{q<Q} H_xi(theta(t,q) - theta(t,q+1))
 *                                + 1_{q>-Q} H_xi(theta(t,q) - theta(t,q-1)),
 *   theta(T, q) = -alpha q^2,
 * H_xi(p) = sup_delta Lambda(delta)/xi (1 - exp(-xi (delta - p)))  (xi > 0)
 *         = sup_delta Lambda(delta) (delta - p)                     (xi = 0)
 *         = (eta_xi / k) exp(-k p),
 *   eta_xi = A (1 + xi/k)^-(1 + k/xi)   (xi > 0),   eta_0 = A / e   (the xi -> 0 limit).
 * The optimal depth attaining the sup is delta* = p + staticDepth,
 *   staticDepth = ln(1 + xi/k) / xi  (xi > 0),  1/k  (xi = 0).
 *
 * Symbol map: A = arrivals.A, k = arrivals.k, sigma = price.sigma, gamma = gamma, phi = running
 * penalty (reward.phi, default gamma sigma^2 / 2), alpha = reward.terminalPenalty, Q = maxInventory,
 * T = horizon.
 *
 * Lot size (orderSize Delta != 1; Guéant 2017 writes the model for transactions of size Delta):
 * with q = Delta j (j lots) and wealth counted in lots (X = Delta X'), a fill at depth delta
 * earns delta per lot, q dS = Delta j dS becomes j dS and phi q^2 = phi Delta^2 j^2 becomes
 * (phi Delta) j^2: the lot market is the unit market with phi, alpha, gamma and xi multiplied by
 * Delta and Q / Delta lots; A, k, mu and the depths are unchanged, and theta in price units is
 * Delta times the lot model's. `lot` records Delta (q of a quote row is then j Delta).
 */
import { BaselineParameterError, requireNumber } from './errors.js';

/** Parameters of the HJB (all in the env's units). */
export interface HjbModel {
  /** Intensity at zero depth A (fills / time), > 0. */
  readonly A: number;
  /** Intensity decay k (1 / price units), > 0. */
  readonly k: number;
  /** Risk aversion gamma (> 0); enters only through phi (xi = gamma in the CARA variant). */
  readonly gamma: number;
  /** Exponent xi of the objective: gamma for CARA utility, 0 for the running-penalty objective; >= 0. */
  readonly xi: number;
  /** Running inventory penalty phi (price units / (unit^2 time)), >= 0. */
  readonly phi: number;
  /** Terminal penalty alpha (theta(T,q) = -alpha q^2), >= 0. */
  readonly alpha: number;
  /** Inventory bound Q, an integer >= 1. */
  readonly maxInventory: number;
  /** Horizon T (time units), > 0. */
  readonly horizon: number;
  /**
   * Drift mu of the mid (price units / time), running-penalty variant only: the objective gains
   * mu int_0^T q_t dt, so the HJB gains + mu q (Cartea, Jaimungal & Penalva 2015, sec. 10.4, the
   * drift case) and the linear system's diagonal becomes k (phi q^2 - mu q). @defaultValue 0
   */
  readonly mu?: number;
  /**
   * Inventory units per lot Delta (the config's orderSize; see the header): q counts lots, phi,
   * alpha, gamma and xi are per lot, theta is in lot units (times Delta for price units). > 0.
   * @defaultValue 1
   */
  readonly lot?: number;
}

/** Validates an HjbModel; errors name the field, range and value (e.g. `k must be > 0, got 0`). */
export function validateHjbModel(m: HjbModel): HjbModel {
  requireNumber('A', m.A, { gt: 0 });
  requireNumber('k', m.k, { gt: 0 });
  requireNumber('gamma', m.gamma, { gt: 0 });
  requireNumber('xi', m.xi, { min: 0 });
  requireNumber('phi', m.phi, { min: 0 });
  requireNumber('alpha', m.alpha, { min: 0 });
  requireNumber('Q (maxInventory)', m.maxInventory, { min: 1, integer: true });
  requireNumber('T (horizon)', m.horizon, { gt: 0 });
  if (m.lot !== undefined) requireNumber('lot', m.lot, { gt: 0 });
  if (m.mu !== undefined) {
    requireNumber('mu', m.mu);
    if (m.mu !== 0 && m.xi !== 0) throw new BaselineParameterError('mu', `mu must be 0 in the CARA variant (xi > 0), got ${m.mu}`);
  }
  return m;
}

/** eta_xi = A (1 + xi/k)^-(1 + k/xi), eta_0 = A/e: the coupling in the linear system (GLFT 2013 Thm 1). */
export function couplingEta(m: Pick<HjbModel, 'A' | 'k' | 'xi'>): number {
  if (m.xi === 0) return m.A / Math.E;
  return m.A * Math.exp(-(1 + m.k / m.xi) * Math.log1p(m.xi / m.k));
}

/** The depth part that does not depend on inventory: ln(1 + xi/k)/xi, or 1/k for xi = 0. */
export function staticDepth(m: Pick<HjbModel, 'k' | 'xi'>): number {
  return m.xi === 0 ? 1 / m.k : Math.log1p(m.xi / m.k) / m.xi;
}

/** H_xi(p) = (eta_xi / k) exp(-k p) (Guéant 2017, sec. 3, exponential intensities). */
export function hamiltonian(m: Pick<HjbModel, 'A' | 'k' | 'xi'>, p: number): number {
  return (couplingEta(m) / m.k) * Math.exp(-m.k * p);
}

/**
 * Slope omega of the asymptotic quotes (GLFT 2013 eq. after Thm 2; Guéant 2017 sec. 4):
 * omega = sqrt(phi / (k eta_xi)); with phi = gamma sigma^2 / 2 and xi = gamma this is GLFT's
 * sqrt(sigma^2 gamma / (2 k A) (1 + gamma/k)^(1 + k/gamma)).
 */
export function asymptoticSlope(m: Pick<HjbModel, 'A' | 'k' | 'xi' | 'phi'>): number {
  return Math.sqrt(m.phi / (m.k * couplingEta(m)));
}
