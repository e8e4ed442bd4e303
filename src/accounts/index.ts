export {
  ACCOUNT_GROWTH_CLASSES,
  type AccountGrowthAccount,
  type AccountGrowthClass,
  type AccountGrowthOptions,
  type AccountGrowthResult,
  type AccountGrowthSnapshot,
  type AccountGrowthSummary,
  accountGrowth,
} from './accountGrowth.js'
export {
  type CrossSellRateOptions,
  type CrossSellRateResult,
  type CrossSellRow,
  crossSellRate,
} from './crossSellRate.js'
