import { accountGrowth } from '../accounts/accountGrowth.js'
import { shrunkRates } from '../core/shrunkRates.js'
import { cxScore } from '../cx-score/cxScore.js'
import { forecastAccuracy } from '../forecast/forecastAccuracy.js'
import { forecastBias } from '../forecast/forecastBias.js'
import { meanAbsolutePercentageError } from '../forecast/meanAbsolutePercentageError.js'
import { meanAbsoluteScaledError } from '../forecast/meanAbsoluteScaledError.js'
import { symmetricMeanAbsolutePercentageError } from '../forecast/symmetricMeanAbsolutePercentageError.js'
import { weightedAbsolutePercentageError } from '../forecast/weightedAbsolutePercentageError.js'
import { averageDealSizeAggregator } from '../pipeline/averageDealSizeAggregator.js'
import { pipelineCoverage } from '../pipeline/pipelineCoverage.js'
import { salesVelocity } from '../pipeline/salesVelocity.js'
import { stageConversion } from '../pipeline/stageConversion.js'
import { winRate } from '../pipeline/winRate.js'
import { quotaAttainment } from '../quota/quotaAttainment.js'
import { quotaPacing } from '../quota/quotaPacing.js'
import { customerChurnRate } from '../retention/customerChurnRate.js'
import { customerRetentionRate } from '../retention/customerRetentionRate.js'
import { grossRevenueRetention } from '../retention/grossRevenueRetention.js'
import { netRevenueRetention } from '../retention/netRevenueRetention.js'
import { csat } from '../survey/csat.js'
import { customerEffortScore } from '../survey/customerEffortScore.js'
import { netPromoterScore } from '../survey/netPromoterScore.js'
import { npsInterval } from '../survey/npsInterval.js'
import { businessHoursBetween } from '../time/businessHoursBetween.js'
import { leadToQuoteSummary } from '../time/leadToQuoteSummary.js'
import { leadToQuoteTimes } from '../time/leadToQuoteTimes.js'

/**
 * The library functions the spreadsheet functions call, by their exported names. Every
 * registry entry declares one of these names (`calls`) and reaches the function through
 * this object, never by its own copy of the arithmetic: a test replaces each property with
 * a spy and checks that its entry calls it. A plain object on purpose (an ES module
 * namespace cannot be spied on). Internal.
 */
export const CORE_FUNCTIONS = {
  netPromoterScore,
  npsInterval,
  csat,
  customerEffortScore,
  customerRetentionRate,
  customerChurnRate,
  grossRevenueRetention,
  netRevenueRetention,
  winRate,
  stageConversion,
  salesVelocity,
  pipelineCoverage,
  meanAbsolutePercentageError,
  weightedAbsolutePercentageError,
  symmetricMeanAbsolutePercentageError,
  meanAbsoluteScaledError,
  forecastBias,
  forecastAccuracy,
  businessHoursBetween,
  leadToQuoteTimes,
  leadToQuoteSummary,
  cxScore,
  quotaAttainment,
  shrunkRates,
  averageDealSizeAggregator,
  quotaPacing,
  accountGrowth,
}

/** The exported name of a library function a spreadsheet function calls. */
export type CoreFunctionName = keyof typeof CORE_FUNCTIONS
