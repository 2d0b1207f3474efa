/** Optuna's TPESampler defaults: 10 random trials first, 24 candidates per trial. */
export const TPE_DEFAULTS = { startupTrials: 10, eiCandidates: 24 } as const;

export interface TpeSettings {
  /** Random trials before the estimators take over (Optuna's n_startup_trials). */
  startupTrials: number;
  /** Candidates drawn from l(x) per trial (Optuna's n_ei_candidates). */
  eiCandidates: number;
  samplerSeed: number;
}
