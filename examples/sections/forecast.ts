import { readFileSync } from 'node:fs'
import {
  actualsFromOpportunities,
  forecastAccuracyByPeriod,
  forecastAccuracyReport,
} from 'cx-metrics'
import { ForecastSubmissionSchema, OpportunitySchema, parseRecords } from 'cx-metrics/schemas'
import { fixed, heading, percent, table } from '../lib/format.js'
import { readSampleCsv, sampleDataPath } from '../lib/sampleData.js'

const money = (value: { toFixed(digits: number): string } | null) =>
  value === null ? '—' : Number(value.toFixed(0)).toLocaleString('en-US')

/** The forecast report of the sample data: commit calls two weeks out against closed-won bookings. */
export function forecastReport(): string {
  const out: string[] = []
  const { records: calls, rejected } = parseRecords(
    ForecastSubmissionSchema,
    readSampleCsv('forecast-submissions.csv'),
    {
      onInvalid: 'collect',
    },
  )
  const deals = parseRecords(
    OpportunitySchema,
    JSON.parse(readFileSync(sampleDataPath('opportunities.json'), 'utf8')) as unknown[],
  ).records
  const actuals = actualsFromOpportunities(deals)
  const result = forecastAccuracyByPeriod(calls, actuals, {
    category: 'commit',
    leadTimeDays: 14,
    timeZone: 'America/New_York',
  })

  out.push(
    heading('Forecast accuracy: commit calls 14 days before quarter end vs closed-won bookings'),
  )
  out.push(
    `${calls.length} forecast calls read, ${rejected.length} rejected; ${actuals.length} closed-won bookings.`,
  )
  out.push(
    table(
      ['owner', 'quarter', 'commit', 'booked', 'accuracy', 'bias', 'within 10 %'],
      result.rows.map((row) => [
        row.group ?? 'all',
        // The month the quarter starts in (period.start is midnight in New York, 05:00 UTC).
        row.period.start.toISOString().slice(0, 7),
        money(row.forecast),
        money(row.actual),
        percent(row.accuracy),
        percent(row.bias),
        row.hit === null ? '—' : row.hit ? 'yes' : 'no',
      ]),
    ),
  )
  out.push('')
  out.push(
    table(
      ['owner', 'quarters', 'accuracy', 'bias', 'hit rate', 'tracking signal', 'alert'],
      result.groups.map((group) => {
        const signal = group.trackingSignal.at(-1) ?? null
        return [
          group.group ?? 'all',
          String(group.periods),
          percent(group.accuracy),
          percent(group.bias),
          percent(group.hitRate),
          fixed(signal, 2),
          // Every signed forecast error is F − A (over-forecast positive), as the bias column.
          signal !== null && Math.abs(signal) >= 4
            ? signal > 0
              ? 'over-forecasting'
              : 'under-forecasting'
            : '',
        ]
      }),
    ),
  )
  const company = forecastAccuracyByPeriod(calls, actuals, {
    category: 'commit',
    leadTimeDays: 14,
    groupBy: 'none',
    timeZone: 'America/New_York',
  })
  const series = {
    actual: company.rows.filter((row) => row.forecast !== null).map((row) => row.actual.toNumber()),
    forecast: company.rows.flatMap((row) =>
      row.forecast === null ? [] : [row.forecast.toNumber()],
    ),
  }
  const report = forecastAccuracyReport(series)
  out.push(
    `\nCompany: ${report.n} quarters, accuracy ${percent(report.forecastAccuracy)}, WAPE ${percent(report.weightedAbsolutePercentageError)}, ` +
      `MAPE ${percent(report.meanAbsolutePercentageError)}, bias ${percent(report.forecastBias)} (positive = over-forecast). ` +
      'A tracking signal beyond ±4 marks a biased forecaster (positive = over-forecast, as bias); with quarterly calls it needs four or more one-sided quarters.',
  )
  return out.join('\n')
}
