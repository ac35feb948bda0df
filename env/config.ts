/**
 * The environment's configuration: one plain-data object that fully describes a market.
 *
 * Every pluggable part of the simulator has its own `XxxConfig` (a discriminated union on
 * `kind`), with units and ranges documented on each field. Defaults live in the frozen
 * `DEFAULT_ENV_CONFIG` (the Avellaneda–Stoikov 2008 market), never in constructors.
 * Validation (named-field errors) is in `validate-config.ts`.
 *
 * The core fields that baselines, agents and evaluations rely on are stable:
 * `s0, horizon, dt, price, arrivals, maxInventory, gamma, reward, observation, action`.
 */

/** Mid-price dynamics. Time unit is the env's time unit (T = `horizon`). */
export type PriceModelConfig =
  | {
      /** Arithmetic Brownian motion dS = mu dt + sigma dW (AS 2008). */
      kind: 'brownian';
      /** Volatility sigma (price units / sqrt(time)), >= 0. */
      sigma: number;
      /** Drift mu (price units / time). @defaultValue 0 */
      mu: number;
      /** Use the paper's binomial step +-sigma*sqrt(dt) (plus mu*dt) instead of a Gaussian one. @defaultValue false */
      binomial: boolean;
    }
  | {
      /** Geometric Brownian motion dS = mu S dt + sigma S dW. */
      kind: 'gbm';
      /** Relative volatility (1/sqrt(time)), >= 0. */
      sigma: number;
      /** Relative drift (1/time). */
      mu: number;
    }
  | {
      /** Ornstein–Uhlenbeck dS = kappa (theta - S) dt + sigma dW (exact discretisation). */
      kind: 'ou';
      sigma: number;
      /** Mean-reversion speed kappa (1/time), > 0. */
      kappa: number;
      /** Long-run mean theta (price units). */
      mean: number;
    }
  | {
      /** Merton jump-diffusion on the arithmetic mid: Brownian part plus compound Poisson jumps N(jumpMean, jumpStd^2). */
      kind: 'jump';
      sigma: number;
      mu: number;
      /** Jump intensity (jumps / time), >= 0. */
      jumpIntensity: number;
      /** Mean jump size (price units). */
      jumpMean: number;
      /** Jump size standard deviation (price units), >= 0. */
      jumpStd: number;
    }
  | {
      /** Markov regime-switching arithmetic Brownian motion: (mu, sigma) depend on a hidden regime. */
      kind: 'regime-switching';
      /** One entry per regime, e.g. calm and stressed. */
      regimes: { name: string; mu: number; sigma: number }[];
      /** Per-step transition probabilities P[i][j] (rows sum to 1). */
      transition: number[][];
      /** Regime at t = 0. @defaultValue 0 */
      initialRegime: number;
    };

/** Market-order arrivals hitting our quotes: intensity lambda(delta) at depth delta. */
export type ArrivalModelConfig =
  | {
      /** Poisson with lambda(delta) = A exp(-k delta) (AS 2008, eq. 2.11 / GLFT 2013). */
      kind: 'exponential';
      /** Baseline intensity A (fills / time at zero depth), > 0. */
      A: number;
      /** Decay k (1 / price units), > 0. */
      k: number;
    }
  | {
      /** Power-law lambda(delta) = A (1 + delta / delta0)^(-alpha) (AS 2008, sec. 2.3). */
      kind: 'power-law';
      A: number;
      /** Tail exponent alpha, > 0. */
      alpha: number;
      /** Scale delta0 (price units), > 0. */
      delta0: number;
    }
  | {
      /**
       * Random liquidity: lambda(delta) = A_e exp(-k_e delta) with A_e = A e^{u}, k_e = k e^{v},
       * u, v ~ U(-spread, spread) drawn once per episode and hidden from the policy (it must infer
       * the liquidity from its own fills, e.g. the 'last-fills' feature).
       */
      kind: 'random-exponential';
      /** Nominal A (fills / time at zero depth), > 0. */
      A: number;
      /** Nominal k (1 / price units), > 0. */
      k: number;
      /** Half-width of the log-uniform spread of A and k, in [0, 3]. @defaultValue ln 2 */
      spread: number;
    }
  | {
      /**
       * Hawkes self-exciting arrivals: base lambda(delta) = A exp(-k delta), multiplied by
       * the excitation state (mu + sum_i eta * beta * exp(-beta (t - t_i))) / mu of each side.
       */
      kind: 'hawkes';
      A: number;
      k: number;
      /** Branching ratio eta in [0, 1): expected children per arrival. */
      branching: number;
      /** Kernel decay beta (1/time), > 0. */
      decay: number;
    };

/**
 * Informed (toxic) flow: some market orders trade just before the mid moves against the maker.
 * - rule 'fill' (adverse selection proper): each maker fill is informed with probability
 *   `fraction`, and the mid then jumps `jump` against the maker (down after our bid is hit, up
 *   after our ask is lifted). The informed orders are the ones that fill us, so the mid path
 *   depends on the policy's fills.
 * - rule 'arrival' (the original rule, exogenous): every market order arriving on a side
 *   (u_side < p_side(0)) is informed with probability `fraction`, and the mid jumps whether or
 *   not it filled the maker; the mid path never depends on the policy, and a fill carries
 *   little information.
 */
export interface ToxicityConfig {
  /** Probability that a fill ('fill') or an arrival ('arrival') is informed, in [0, 1]. @defaultValue 0 */
  fraction: number;
  /** Size of the adverse mid move after an informed order (price units), >= 0. */
  jump: number;
  /** Which orders are informed (see above). @defaultValue 'arrival' */
  rule: 'arrival' | 'fill';
}

/** Trading fees on our passive (maker) fills; negative = rebate. */
export interface FeeConfig {
  /** Fee per unit traded (price units). @defaultValue 0 */
  makerPerUnit: number;
  /** Fee in basis points of notional. @defaultValue 0 */
  makerBps: number;
}

/** Reward definition. */
export type RewardConfig =
  | {
      /**
       * r = dW - phi q'^2 dt, with q' the inventory after the step's fills (Cartea–Jaimungal–Penalva
       * 2015 ch. 10; Gueant 2017 xi = 0). `phi` defaults to gamma sigma^2 / 2. A terminal
       * penalty alpha q_T^2 is subtracted at the last step.
       */
      kind: 'running-penalty';
      /** Running inventory penalty phi (>= 0); `null` = gamma * sigma^2 / 2. */
      phi: number | null;
      /** Terminal liquidation penalty alpha >= 0 (reward -= alpha q_T^2). @defaultValue 0 */
      terminalPenalty: number;
    }
  | {
      /** r = dW (mark-to-mid PnL), minus alpha q_T^2 at the end. */
      kind: 'pnl';
      terminalPenalty: number;
    }
  | {
      /**
       * r = dW - (gamma/2) q'^2 (S' - S)^2: the inventory penalty on the *realised* squared mid
       * move, with q' the inventory after the step's fills. Its expectation is
       * (gamma/2) sigma_t^2 q'^2 dt (plus the drift and jump terms), so a stressed regime costs
       * more; it needs no model, so it applies to replay too. Minus alpha q_T^2 at the last step.
       */
      kind: 'realized-penalty';
      terminalPenalty: number;
    }
  | {
      /** Terminal CARA utility: 0 each step, -exp(-gamma W_T) at the end (W_T after the terminal penalty). */
      kind: 'cara';
      terminalPenalty: number;
    };

/** Observation features, concatenated in the listed order. */
export type ObservationFeature =
  | 'inventory' // q / Q
  | 'time' // t / T (elapsed fraction)
  | 'time-left' // (T - t) / T
  | 'mid-returns' // last `returnsWindow` mid changes / (sigma sqrt(dt)) (0 before enough history)
  | 'realized-vol' // realised vol over `volWindow` steps / model sigma
  | 'regime' // one-hot regime (regime-switching only)
  | 'last-fills' // [bid filled, ask filled] on the previous step (0/1)
  | 'final-steps' // one-hot [1, 2, 3 decisions left] (all 0 before): time-to-go for the last steps (Pardo et al. 2018)
  | 'inventory-levels' // one-hot of the inventory level q / orderSize over -L..L (L = maxInventory / orderSize): a tabular code of q
  | 'final-steps-levels'; // one-hot of (decisions left 1..3, inventory level): a tabular code of the last three steps' states (all 0 before)

export interface ObservationConfig {
  features: ObservationFeature[];
  /** Number of past mid changes in 'mid-returns'. @defaultValue 5 */
  returnsWindow: number;
  /** Steps in the 'realized-vol' estimate. @defaultValue 20 */
  volWindow: number;
}

/** How an action maps to the quotes. */
export type ActionConfig =
  | {
      /** Box([-1,-1],[1,1]) -> depths (delta_b, delta_a) = (a + 1) / 2 * maxDepth (default). */
      mode: 'normalized-depths';
      /** Depth at a = +1 (price units), > 0. @defaultValue 5 */
      maxDepth: number;
    }
  | {
      /** Box([0,0],[maxDepth,maxDepth]): the action is the raw depths. */
      mode: 'depths';
      maxDepth: number;
    }
  | {
      /** Box([-1,-1],[1,1]) -> spread = (a0 + 1)/2 * 2 maxDepth, skew = a1 * maxDepth; delta_b = spread/2 + skew, delta_a = spread/2 - skew (clipped at 0). */
      mode: 'spread-skew';
      maxDepth: number;
    }
  | {
      /** Discrete(n^2): index i -> (grid[i / n], grid[i % n]). */
      mode: 'discrete';
      /** Depth levels (price units), each >= 0. */
      grid: number[];
    };

export interface EnvConfig {
  /** Initial mid price S0 (price units). @defaultValue 100 */
  s0: number;
  /** Horizon T (time units), > 0. @defaultValue 1 */
  horizon: number;
  /** Step dt (time units), 0 < dt < T; T/dt steps per episode (rounded). @defaultValue 0.005 */
  dt: number;
  price: PriceModelConfig;
  arrivals: ArrivalModelConfig;
  toxicity: ToxicityConfig;
  fees: FeeConfig;
  /** Tick size (price units); quotes are rounded away from the mid to the tick. 0 = continuous. @defaultValue 0 */
  tickSize: number;
  /** Quote latency L (whole steps): the quotes chosen at step n act at step n + L. @defaultValue 0 */
  latencySteps: number;
  /** Inventory bound Q (units), >= 1: a side that would take |q| past Q is not quoted. @defaultValue 25 */
  maxInventory: number;
  /** Units per fill. @defaultValue 1 */
  orderSize: number;
  /** Risk aversion gamma (> 0), used by the default phi, CARA reward and the analytic baselines. @defaultValue 0.1 */
  gamma: number;
  /** Inventory at reset. @defaultValue 0 */
  initialInventory: number;
  /** Cash at reset. @defaultValue 0 */
  initialCash: number;
  reward: RewardConfig;
  observation: ObservationConfig;
  action: ActionConfig;
  /**
   * The env's time unit, for annualised figures: its name and how many of it make a year of
   * trading. Absent: one trading day, 252 a year (the analytic markets' convention). Calibrated
   * and replay envs set it from their tape (seconds of the venue's trading year).
   */
  timeUnit?: TimeUnit;
}

/** A time unit and its count per trading year. */
export interface TimeUnit {
  /** e.g. 'trading day', 'second'. */
  name: string;
  /** Units per trading year, > 0 (252 trading days; 252 x 23,400 s for a 6.5-hour equity session; 365 x 86,400 s for a 24/7 venue). */
  perYear: number;
}

/** The time unit of configs that do not state one: one trading day, 252 a year. */
export const DEFAULT_TIME_UNIT: Readonly<TimeUnit> = Object.freeze({ name: 'trading day', perYear: 252 });

/** The config's time unit (DEFAULT_TIME_UNIT when absent). */
export function timeUnitOf(config: Pick<EnvConfig, 'timeUnit'>): TimeUnit {
  return config.timeUnit ?? DEFAULT_TIME_UNIT;
}

/** Recursively partial, for overrides: `make(id, { arrivals: { k: 2 } })`. */
export type DeepPartial<T> = T extends (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type EnvOverrides = DeepPartial<EnvConfig>;

/** The Avellaneda & Stoikov (2008) market (issue #2's default env; exact). */
export const DEFAULT_ENV_CONFIG: Readonly<EnvConfig> = deepFreeze({
  s0: 100,
  horizon: 1,
  dt: 0.005,
  price: { kind: 'brownian', sigma: 2, mu: 0, binomial: false },
  arrivals: { kind: 'exponential', A: 140, k: 1.5 },
  toxicity: { fraction: 0, jump: 0, rule: 'arrival' },
  fees: { makerPerUnit: 0, makerBps: 0 },
  tickSize: 0,
  latencySteps: 0,
  maxInventory: 25,
  orderSize: 1,
  gamma: 0.1,
  initialInventory: 0,
  initialCash: 0,
  reward: { kind: 'running-penalty', phi: null, terminalPenalty: 0 },
  observation: { features: ['inventory', 'time'], returnsWindow: 5, volWindow: 20 },
  action: { mode: 'normalized-depths', maxDepth: 5 },
} satisfies EnvConfig);

/** Number of steps in an episode: round(T / dt). */
export function episodeSteps(config: Pick<EnvConfig, 'horizon' | 'dt'>): number {
  return Math.round(config.horizon / config.dt);
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
