import { compareNps, csat, MetricInputError, netPromoterScore, npsInterval } from 'cx-metrics'

const thisMonth = [10, 9, 9, 8, 7, 6, 10, 3, 9, 10]
const lastMonth = [9, 7, 6, 5, 8, 10, 4, 6, 9, 7]

console.log(netPromoterScore(thisMonth).score) // 40 (on −100..100)
const { lower, upper } = npsInterval(thisMonth) // adjusted-Wald, 95 %
console.log(lower?.toFixed(1), upper?.toFixed(1)) // -12.6 74.1
console.log(compareNps(thisMonth, lastMonth).pValue?.toFixed(3)) // 0.221: not a significant change
console.log(csat([5, 4, 4, 3, 5]).score) // 0.8 — rates are fractions

try {
  netPromoterScore([10, 11])
} catch (error) {
  if (error instanceof MetricInputError) console.log(error.code, error.path) // SCORE_OUT_OF_RANGE [ 1 ]
}
