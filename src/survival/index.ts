/** Survival analysis shared by retention (customer lifetimes) and time (time to quote). */
export {
  type KaplanMeierCountsInput,
  type KaplanMeierInput,
  type KaplanMeierOptions,
  type KaplanMeierResult,
  type KaplanMeierStep,
  kaplanMeier,
  kaplanMeierFromCounts,
  SURVIVAL_INTERVALS,
  type SurvivalInterval,
} from './kaplanMeier.js'
export {
  type RestrictedMeanSurvivalTimeResult,
  restrictedMeanSurvivalTime,
} from './restrictedMeanSurvivalTime.js'
