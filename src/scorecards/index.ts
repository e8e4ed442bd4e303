export {
  REP_OUTCOME_RATE_NAMES,
  type RepOutcomeRate,
  type RepOutcomeRateName,
  type RepOutcomeRatesInput,
  type RepOutcomeRatesOptions,
  type RepOutcomeRatesResult,
  type RepOutcomeRatesRow,
  type RepOutcomes,
  type RepOutcomeTeamRate,
  repOutcomeRates,
} from './repOutcomeRates.js'
