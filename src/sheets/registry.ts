import { quantile } from '../core/quantile.js'
import type { CxComponent } from '../cx-score/CxComponent.js'
import { cxScore } from '../cx-score/cxScore.js'
import { forecastAccuracy } from '../forecast/forecastAccuracy.js'
import { forecastBias } from '../forecast/forecastBias.js'
import { meanAbsolutePercentageError } from '../forecast/meanAbsolutePercentageError.js'
import { meanAbsoluteScaledError } from '../forecast/meanAbsoluteScaledError.js'
import { symmetricMeanAbsolutePercentageError } from '../forecast/symmetricMeanAbsolutePercentageError.js'
import { weightedAbsolutePercentageError } from '../forecast/weightedAbsolutePercentageError.js'
import { pipelineCoverage } from '../pipeline/pipelineCoverage.js'
import { salesVelocity } from '../pipeline/salesVelocity.js'
import { customerChurnRate } from '../retention/customerChurnRate.js'
import { customerRetentionRate } from '../retention/customerRetentionRate.js'
import { grossRevenueRetention } from '../retention/grossRevenueRetention.js'
import { netRevenueRetention } from '../retention/netRevenueRetention.js'
import { csat } from '../survey/csat.js'
import { customerEffortScore } from '../survey/customerEffortScore.js'
import { netPromoterScore } from '../survey/netPromoterScore.js'
import { npsInterval } from '../survey/npsInterval.js'
import { businessHoursBetween } from '../time/businessHoursBetween.js'
import {
  definedOrDivideByZero as defined,
  flatten,
  numberArgument as num,
  numbersOf,
  pairsOf,
  SERIAL_EPOCH,
  type SheetCell,
  SheetFunctionError,
  type SheetResult,
  textArgument,
} from './sheetValues.js'

/** What an argument is: a range of cells, or a single value. */
export type SheetParameterKind = 'range' | 'number' | 'text'

/** One argument of a spreadsheet function. */
export interface SheetParameter {
  readonly name: string
  readonly kind: SheetParameterKind
  readonly description: string
  readonly optional?: boolean
}

/** The shape of a function's result. */
export type SheetResultShape = 'scalar' | 'row' | 'column'

/** A KPI as a spreadsheet function, host-neutral. */
export interface SheetFunction {
  readonly name: string
  readonly description: string
  readonly parameters: readonly SheetParameter[]
  readonly result: SheetResultShape
  /** The core function it calls (for the docs). */
  readonly calls: string
  readonly compute: (...args: (SheetCell | SheetCell[][] | undefined)[]) => SheetResult
}

type Range = SheetCell | SheetCell[][]
const DAY = 86_400_000
const range = (name: string, description: string): SheetParameter => ({
  name,
  kind: 'range',
  description,
})
const number = (name: string, description: string, optional = false): SheetParameter => ({
  name,
  kind: 'number',
  description,
  optional,
})
const text = (name: string, description: string): SheetParameter => ({
  name,
  kind: 'text',
  description,
  optional: true,
})

/** Serial day numbers (1899-12-30 = 0) of a range to epoch milliseconds, blanks as `null`. */
function instantsOf(cells: Range, name: string, argument: string): (number | null)[] {
  return flatten(cells).map((cell, index) => {
    if (cell === null) return null
    if (typeof cell !== 'number')
      throw new SheetFunctionError(
        'VALUE',
        `${name}: cell ${index + 1} of ${argument} is not a date`,
      )
    return SERIAL_EPOCH + cell * DAY
  })
}

function forecastPair(name: string, actuals: Range, forecasts: Range) {
  const [actual, forecast] = pairsOf(actuals as SheetCell[][], forecasts as SheetCell[][], name, [
    'actuals',
    'forecasts',
  ])
  return { actual, forecast }
}

/** Every KPI spreadsheet function, in SPEC's order. */
export const SHEET_FUNCTIONS: readonly SheetFunction[] = [
  {
    name: 'NPS',
    description: 'Net Promoter Score (-100..100) of 0–10 ratings; blanks are skipped.',
    parameters: [range('scores', 'Range of 0–10 likelihood-to-recommend scores.')],
    result: 'scalar',
    calls: 'netPromoterScore',
    compute: (scores) =>
      defined(
        netPromoterScore(numbersOf(scores as Range, 'NPS', 'scores')).score,
        'NPS',
        'no scores',
      ),
  },
  {
    name: 'NPS_CI',
    description: 'NPS with its adjusted-Wald confidence interval: a row of score, lower, upper.',
    parameters: [
      range('scores', 'Range of 0–10 scores.'),
      number('confidence', 'Confidence level, default 0.95.', true),
    ],
    result: 'row',
    calls: 'npsInterval',
    compute: (scores, confidence) => {
      const result = npsInterval(numbersOf(scores as Range, 'NPS_CI', 'scores'), {
        confidence: num(confidence as SheetCell, 'NPS_CI', 'confidence', 0.95),
      })
      return [[defined(result.score, 'NPS_CI', 'no scores'), result.lower, result.upper]]
    },
  },
  {
    name: 'NPS_BREAKDOWN',
    description:
      'Shares of promoters, passives and detractors (fractions) and the number of responses, as a row.',
    parameters: [range('scores', 'Range of 0–10 scores.')],
    result: 'row',
    calls: 'netPromoterScore',
    compute: (scores) => {
      const result = netPromoterScore(numbersOf(scores as Range, 'NPS_BREAKDOWN', 'scores'))
      return [[result.promoterShare, result.passiveShare, result.detractorShare, result.total]]
    },
  },
  {
    name: 'CSAT',
    description:
      'Customer satisfaction: share of ratings at or above the threshold (top-2-box on 1–5 by default).',
    parameters: [
      range('ratings', 'Range of ratings from 1 to max.'),
      number('threshold', 'Lowest satisfied rating, default 4.', true),
      number('max', 'Top of the scale, default 5.', true),
    ],
    result: 'scalar',
    calls: 'csat',
    compute: (ratings, threshold, max) =>
      defined(
        csat(numbersOf(ratings as Range, 'CSAT', 'ratings'), {
          threshold: num(threshold as SheetCell, 'CSAT', 'threshold', 4),
          scaleMax: num(max as SheetCell, 'CSAT', 'max', 5),
        }).score,
        'CSAT',
        'no ratings',
      ),
  },
  {
    name: 'CES',
    description: 'Customer Effort Score: the mean agreement on a 1–7 scale (CES 2.0).',
    parameters: [
      range('ratings', 'Range of ratings from 1 to max.'),
      number('max', 'Top of the scale, default 7.', true),
    ],
    result: 'scalar',
    calls: 'customerEffortScore',
    compute: (ratings, max) =>
      defined(
        customerEffortScore(numbersOf(ratings as Range, 'CES', 'ratings'), {
          scaleMax: num(max as SheetCell, 'CES', 'max', 7),
        }).score,
        'CES',
        'no ratings',
      ),
  },
  {
    name: 'RETENTION_RATE',
    description: 'Customer retention rate (E − N) / S as a fraction.',
    parameters: [
      number('start_customers', 'Customers at the start of the period.'),
      number('end_customers', 'Customers at the end.'),
      number('new_customers', 'Customers acquired in the period.'),
    ],
    result: 'scalar',
    calls: 'customerRetentionRate',
    compute: (start, end, added) =>
      defined(
        customerRetentionRate({
          customersAtStart: num(start as SheetCell, 'RETENTION_RATE', 'start_customers'),
          customersAtEnd: num(end as SheetCell, 'RETENTION_RATE', 'end_customers'),
          newCustomers: num(added as SheetCell, 'RETENTION_RATE', 'new_customers'),
        }),
        'RETENTION_RATE',
        'no customers at the start',
      ),
  },
  {
    name: 'CHURN_RATE',
    description: 'Customer churn rate: lost / customers at start, as a fraction.',
    parameters: [
      number('start_customers', 'Customers at the start.'),
      number('lost_customers', 'Of those, customers lost.'),
    ],
    result: 'scalar',
    calls: 'customerChurnRate',
    compute: (start, lost) =>
      defined(
        customerChurnRate({
          customersAtStart: num(start as SheetCell, 'CHURN_RATE', 'start_customers'),
          churnedCustomers: num(lost as SheetCell, 'CHURN_RATE', 'lost_customers'),
        }),
        'CHURN_RATE',
        'no customers at the start',
      ),
  },
  {
    name: 'GRR',
    description: 'Gross revenue retention (S − contraction − churn) / S.',
    parameters: [
      number('start_mrr', 'Recurring revenue at the start.'),
      number('contraction', 'Downgrades.'),
      number('churned_mrr', 'Revenue lost to churn.'),
    ],
    result: 'scalar',
    calls: 'grossRevenueRetention',
    compute: (start, contraction, churn) =>
      defined(
        grossRevenueRetention({
          startingRevenue: num(start as SheetCell, 'GRR', 'start_mrr'),
          contraction: num(contraction as SheetCell, 'GRR', 'contraction'),
          churn: num(churn as SheetCell, 'GRR', 'churned_mrr'),
        }),
        'GRR',
        'no starting revenue',
      ),
  },
  {
    name: 'NRR',
    description: 'Net revenue retention (S + expansion + reactivation − contraction − churn) / S.',
    parameters: [
      number('start_mrr', 'Recurring revenue at the start.'),
      number('expansion', 'Upsell from existing customers.'),
      number('contraction', 'Downgrades.'),
      number('churned_mrr', 'Revenue lost to churn.'),
      number('reactivation', 'Revenue of returning customers, default 0.', true),
    ],
    result: 'scalar',
    calls: 'netRevenueRetention',
    compute: (start, expansion, contraction, churn, reactivation) =>
      defined(
        netRevenueRetention({
          startingRevenue: num(start as SheetCell, 'NRR', 'start_mrr'),
          expansion: num(expansion as SheetCell, 'NRR', 'expansion'),
          contraction: num(contraction as SheetCell, 'NRR', 'contraction'),
          churn: num(churn as SheetCell, 'NRR', 'churned_mrr'),
          reactivation: num(reactivation as SheetCell, 'NRR', 'reactivation', 0),
        }),
        'NRR',
        'no starting revenue',
      ),
  },
  {
    name: 'WIN_RATE',
    description:
      'Win rate: won / (won + lost) over a range of outcomes; other values (open) are skipped.',
    parameters: [
      range('outcomes', 'Range of outcomes such as Won, Lost, Open.'),
      text('won_label', 'Text of a win, default "Won".'),
      text('lost_label', 'Text of a loss, default "Lost".'),
    ],
    result: 'scalar',
    calls: 'winRate',
    compute: (outcomes, wonLabel, lostLabel) => {
      const won = textArgument(wonLabel as SheetCell, 'WIN_RATE', 'won_label', 'Won').toLowerCase()
      const lost = textArgument(
        lostLabel as SheetCell,
        'WIN_RATE',
        'lost_label',
        'Lost',
      ).toLowerCase()
      let wins = 0
      let losses = 0
      for (const cell of flatten(outcomes as Range)) {
        if (typeof cell !== 'string') continue
        const value = cell.trim().toLowerCase()
        if (value === won) wins++
        else if (value === lost) losses++
      }
      if (wins + losses === 0)
        throw new SheetFunctionError('DIV0', 'WIN_RATE: no won or lost outcome')
      return wins / (wins + losses)
    },
  },
  {
    name: 'STAGE_CONVERSION',
    description:
      'Next-step conversion between consecutive stage counts (deals that reached each stage): a column one shorter.',
    parameters: [range('stage_counts', 'Deals that reached each stage, in funnel order.')],
    result: 'column',
    calls: 'stageConversion',
    compute: (counts) => {
      const reached = numbersOf(counts as Range, 'STAGE_CONVERSION', 'stage_counts')
      if (reached.length < 2)
        throw new SheetFunctionError('VALUE', 'STAGE_CONVERSION: give at least two stage counts')
      return reached
        .slice(1)
        .map((next, index) => [
          (reached[index] as number) === 0 ? null : next / (reached[index] as number),
        ])
    },
  },
  {
    name: 'SALES_VELOCITY',
    description:
      'Sales velocity: opportunities × average deal × win rate / cycle days — money per day.',
    parameters: [
      number('opportunities', 'Qualified opportunities.'),
      number('average_deal', 'Average deal value.'),
      number('win_rate', 'Win rate as a fraction.'),
      number('cycle_days', 'Average sales cycle in days.'),
    ],
    result: 'scalar',
    calls: 'salesVelocity',
    compute: (count, deal, rate, cycle) => {
      const velocity = salesVelocity({
        opportunities: num(count as SheetCell, 'SALES_VELOCITY', 'opportunities'),
        averageDealSize: num(deal as SheetCell, 'SALES_VELOCITY', 'average_deal'),
        winRate: num(rate as SheetCell, 'SALES_VELOCITY', 'win_rate'),
        salesCycleDays: num(cycle as SheetCell, 'SALES_VELOCITY', 'cycle_days'),
      })
      return defined(
        velocity === null ? null : velocity.toNumber(),
        'SALES_VELOCITY',
        'the cycle is 0 days',
      )
    },
  },
  {
    name: 'PIPELINE_COVERAGE',
    description: 'Pipeline coverage: open pipeline / remaining quota.',
    parameters: [number('pipeline', 'Open pipeline value.'), number('quota', 'Remaining quota.')],
    result: 'scalar',
    calls: 'pipelineCoverage',
    compute: (pipeline, quota) =>
      defined(
        pipelineCoverage({
          openPipeline: num(pipeline as SheetCell, 'PIPELINE_COVERAGE', 'pipeline'),
          remainingQuota: num(quota as SheetCell, 'PIPELINE_COVERAGE', 'quota'),
        }),
        'PIPELINE_COVERAGE',
        'the remaining quota is 0',
      ),
  },
  {
    name: 'MAPE',
    description:
      'Mean absolute percentage error as a fraction; periods with a zero actual are left out.',
    parameters: [
      range('actuals', 'Actual values.'),
      range('forecasts', 'Forecasts of the same periods.'),
    ],
    result: 'scalar',
    calls: 'meanAbsolutePercentageError',
    compute: (a, f) =>
      defined(
        meanAbsolutePercentageError(forecastPair('MAPE', a as Range, f as Range)),
        'MAPE',
        'no period has a non-zero actual',
      ),
  },
  {
    name: 'WAPE',
    description: 'Weighted absolute percentage error Σ|A − F| / Σ|A| as a fraction.',
    parameters: [
      range('actuals', 'Actual values.'),
      range('forecasts', 'Forecasts of the same periods.'),
    ],
    result: 'scalar',
    calls: 'weightedAbsolutePercentageError',
    compute: (a, f) =>
      defined(
        weightedAbsolutePercentageError(forecastPair('WAPE', a as Range, f as Range)),
        'WAPE',
        'the actuals add up to 0',
      ),
  },
  {
    name: 'SMAPE',
    description: 'Symmetric MAPE, M4 definition mean 2|A − F|/(|A| + |F|), from 0 to 2.',
    parameters: [
      range('actuals', 'Actual values.'),
      range('forecasts', 'Forecasts of the same periods.'),
    ],
    result: 'scalar',
    calls: 'symmetricMeanAbsolutePercentageError',
    compute: (a, f) =>
      defined(
        symmetricMeanAbsolutePercentageError(forecastPair('SMAPE', a as Range, f as Range)),
        'SMAPE',
        'no periods',
      ),
  },
  {
    name: 'MASE',
    description:
      'Mean absolute scaled error: MAE over the in-sample MAE of the seasonal naive forecast.',
    parameters: [
      range('actuals', 'Actual values.'),
      range('forecasts', 'Forecasts of the same periods.'),
      {
        name: 'training',
        kind: 'range',
        description: 'History for the scale (default: the actuals).',
        optional: true,
      },
      number('seasonality', 'Season length, default 1.', true),
    ],
    result: 'scalar',
    calls: 'meanAbsoluteScaledError',
    compute: (a, f, training, seasonality) => {
      const series = forecastPair('MASE', a as Range, f as Range)
      const history =
        training === undefined || training === null
          ? undefined
          : numbersOf(training as Range, 'MASE', 'training')
      return defined(
        meanAbsoluteScaledError({
          ...series,
          ...(history === undefined ? {} : { training: history }),
          seasonality: num(seasonality as SheetCell, 'MASE', 'seasonality', 1),
        }),
        'MASE',
        'the naive forecast has no error to scale by',
      )
    },
  },
  {
    name: 'FORECAST_BIAS',
    description: 'Forecast bias Σ(F − A) / Σ|A|: positive means over-forecast.',
    parameters: [
      range('actuals', 'Actual values.'),
      range('forecasts', 'Forecasts of the same periods.'),
    ],
    result: 'scalar',
    calls: 'forecastBias',
    compute: (a, f) =>
      defined(
        forecastBias(forecastPair('FORECAST_BIAS', a as Range, f as Range)),
        'FORECAST_BIAS',
        'the actuals add up to 0',
      ),
  },
  {
    name: 'FORECAST_ACCURACY',
    description: 'Forecast accuracy 1 − WAPE (can be negative).',
    parameters: [
      range('actuals', 'Actual values.'),
      range('forecasts', 'Forecasts of the same periods.'),
    ],
    result: 'scalar',
    calls: 'forecastAccuracy',
    compute: (a, f) =>
      defined(
        forecastAccuracy(forecastPair('FORECAST_ACCURACY', a as Range, f as Range)),
        'FORECAST_ACCURACY',
        'the actuals add up to 0',
      ),
  },
  {
    name: 'BUSINESS_HOURS',
    description:
      'Working hours between two date-times on a Monday–Friday calendar (default 09:00–17:00), holidays skipped.',
    parameters: [
      number('start', 'Start date-time.'),
      number('end', 'End date-time.'),
      text('day_start', 'Opening time, default "09:00".'),
      text('day_end', 'Closing time, default "17:00".'),
      {
        name: 'holidays',
        kind: 'range',
        description: 'Dates that are not worked.',
        optional: true,
      },
      number('date_system', 'Excel date system of the workbook: 1900 (default) or 1904.', true),
    ],
    result: 'scalar',
    calls: 'businessHoursBetween',
    compute: (start, end, dayStart, dayEnd, holidays, dateSystem) => {
      const system = num(dateSystem as SheetCell, 'BUSINESS_HOURS', 'date_system', 1900)
      if (system !== 1900 && system !== 1904) {
        throw new SheetFunctionError('VALUE', 'BUSINESS_HOURS: date_system must be 1900 or 1904')
      }
      // A 1904-system serial counts from 1904-01-01: 1462 days after the 1900 system's.
      const shift = system === 1904 ? 1462 * DAY : 0
      const interval = [
        {
          start: textArgument(dayStart as SheetCell, 'BUSINESS_HOURS', 'day_start', '09:00'),
          end: textArgument(dayEnd as SheetCell, 'BUSINESS_HOURS', 'day_end', '17:00'),
        },
      ]
      const days =
        holidays === undefined || holidays === null
          ? []
          : instantsOf(holidays as Range, 'BUSINESS_HOURS', 'holidays')
      const from = instantsOf(start as Range, 'BUSINESS_HOURS', 'start')[0]
      const to = instantsOf(end as Range, 'BUSINESS_HOURS', 'end')[0]
      if (from === null || from === undefined || to === null || to === undefined)
        throw new SheetFunctionError('VALUE', 'BUSINESS_HOURS: start and end are required')
      return businessHoursBetween(new Date(from + shift), new Date(to + shift), {
        timeZone: 'UTC',
        week: {
          monday: interval,
          tuesday: interval,
          wednesday: interval,
          thursday: interval,
          friday: interval,
        },
        holidays: days.flatMap((day) =>
          day === null ? [] : [new Date(day + shift).toISOString().slice(0, 10)],
        ),
      })
    },
  },
  {
    name: 'LEAD_TO_QUOTE_DAYS',
    description:
      'Days from each lead to its quote, as a column the height of the input; empty where either date is blank.',
    parameters: [
      range('lead_dates', 'When each lead came in.'),
      range('quote_dates', 'When each was quoted (blank if not yet).'),
    ],
    result: 'column',
    calls: 'leadToQuoteTimes',
    compute: (leads, quotes) => {
      const created = instantsOf(leads as Range, 'LEAD_TO_QUOTE_DAYS', 'lead_dates')
      const quoted = instantsOf(quotes as Range, 'LEAD_TO_QUOTE_DAYS', 'quote_dates')
      if (created.length !== quoted.length)
        throw new SheetFunctionError(
          'VALUE',
          'LEAD_TO_QUOTE_DAYS: the two ranges must have the same size',
        )
      return created.map((lead, index) => {
        const quote = quoted[index] ?? null
        return [lead === null || quote === null ? null : (quote - lead) / DAY]
      })
    },
  },
  {
    name: 'LEAD_TO_QUOTE_MEDIAN',
    description: 'Median days from lead to quote over the leads that have both dates.',
    parameters: [
      range('lead_dates', 'When each lead came in.'),
      range('quote_dates', 'When each was quoted.'),
    ],
    result: 'scalar',
    calls: 'leadToQuoteSummary',
    compute: (leads, quotes) => {
      const created = instantsOf(leads as Range, 'LEAD_TO_QUOTE_MEDIAN', 'lead_dates')
      const quoted = instantsOf(quotes as Range, 'LEAD_TO_QUOTE_MEDIAN', 'quote_dates')
      if (created.length !== quoted.length)
        throw new SheetFunctionError(
          'VALUE',
          'LEAD_TO_QUOTE_MEDIAN: the two ranges must have the same size',
        )
      const days: number[] = []
      for (const [index, lead] of created.entries()) {
        const quote = quoted[index] ?? null
        if (lead !== null && quote !== null) days.push((quote - lead) / DAY)
      }
      return defined(quantile(days, 0.5), 'LEAD_TO_QUOTE_MEDIAN', 'no lead has both dates')
    },
  },
  {
    name: 'CX_SCORE',
    description:
      'Composite CX score 0..100: each value placed between its worst and best, weighted; blank values are left out.',
    parameters: [
      range('values', 'The metric values.'),
      range(
        'worst',
        'The worst value of each metric (e.g. -100 for NPS; may exceed best when lower is better).',
      ),
      range('best', 'The best value of each metric.'),
      range('weights', 'The weight of each metric.'),
    ],
    result: 'scalar',
    calls: 'cxScore',
    compute: (values, worst, best, weights) => {
      const v = flatten(values as Range)
      const lo = numbersOf(worst as Range, 'CX_SCORE', 'worst')
      const hi = numbersOf(best as Range, 'CX_SCORE', 'best')
      const w = numbersOf(weights as Range, 'CX_SCORE', 'weights')
      if (!(v.length === lo.length && lo.length === hi.length && hi.length === w.length)) {
        throw new SheetFunctionError(
          'VALUE',
          'CX_SCORE: values, worst, best and weights must have the same size',
        )
      }
      const components = v.map((cell, index): CxComponent => {
        if (cell !== null && typeof cell !== 'number')
          throw new SheetFunctionError('VALUE', `CX_SCORE: value ${index + 1} is not a number`)
        const a = lo[index] as number
        const b = hi[index] as number
        return {
          name: `metric ${index + 1}`,
          value: cell,
          range: a < b ? [a, b] : [b, a],
          weight: w[index] as number,
          direction: a < b ? 'higher-is-better' : 'lower-is-better',
        }
      })
      return defined(cxScore(components).score, 'CX_SCORE', 'no value is present')
    },
  },
]
