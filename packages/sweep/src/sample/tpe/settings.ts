/** Optuna's TPESampler defaults: 10 random trials first, 24 candidates per trial. */
export const TPE_DEFAULTS = { startupTrials: 10, eiCandidates: 24 } as const;

export interface TpeSettings {
  /** Random trials before the estimators take over (Optuna's n_startup_trials). */
  startupTrials: number;
  /** Candidates drawn from l(x) per trial (Optuna's n_ei_candidates). */
  eiCandidates: number;
  samplerSeed: number;
  /**
   * Choose trials in batches of this many, each from every trial of the batches before its own: the same
   * trials at any number of workers. Undefined: each from the trials finished when it starts (Optuna's default).
   */
  batch?: number;
}
