import {
  type Aggregator,
  type CalendarPeriod,
  csatAggregator,
  customerEffortScoreAggregator,
  forecastErrorAggregator,
  groupMetric,
  netPromoterScoreAggregator,
  npsInterval,
  type Opportunity,
  type SurveyResponse,
  winRateAggregator,
} from 'cx-metrics'
import { UsageError } from './errors.js'
import type { Kind } from './kinds.js'
import { formatNumber } from './model.js'
import type { KindRecords } from './read.js'

/** The single-metric commands. */
export const METRIC_COMMANDS = ['nps', 'csat', 'ces', 'winrate', 'wape'] as const
export type MetricCommand = (typeof METRIC_COMMANDS)[number]

/** The kind of file each command reads. */
export const METRIC_KIND: Record<MetricCommand, Kind> = {
  nps: 'survey',
  csat: 'ratings',
  ces: 'ratings',
  winrate: 'opportunities',
  wape: 'series',
}

/** One output row, in `groupMetric`'s vocabulary; the result holds the metric's figures. */
export interface MetricRow {
  readonly group: string | null
  readonly period: { readonly start: string; readonly end: string; readonly label: string } | null
  readonly n: number
  readonly result: Record<string, number | null>
}

/** What a command prints: its columns (result keys) and how each is shown. */
export const METRIC_COLUMNS: Record<MetricCommand, readonly [string, 'plain' | 'percent'][]> = {
  nps: [
    ['score', 'plain'],
    ['lower', 'plain'],
    ['upper', 'plain'],
    ['promoters', 'plain'],
    ['passives', 'plain'],
    ['detractors', 'plain'],
  ],
  csat: [
    ['score', 'percent'],
    ['lower', 'percent'],
    ['upper', 'percent'],
    ['satisfied', 'plain'],
    ['total', 'plain'],
  ],
  ces: [
    ['score', 'plain'],
    ['standardError', 'plain'],
    ['total', 'plain'],
  ],
  winrate: [
    ['rate', 'percent'],
    ['lower', 'percent'],
    ['upper', 'percent'],
    ['won', 'plain'],
    ['lost', 'plain'],
  ],
  wape: [
    ['weightedAbsolutePercentageError', 'percent'],
    ['forecastBias', 'percent'],
    ['meanAbsoluteError', 'plain'],
  ],
}

/** How one command reads its records: the records it counts, their inputs, dates and figures. */
export interface Computation<R> {
  records: R[]
  raw: Record<string, unknown>[]
  value: (record: R) => unknown
  date: ((record: R) => Date | undefined) | undefined
  aggregator: Aggregator<unknown, unknown, unknown>
  figures: (result: unknown) => Record<string, number | null>
}

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null

/** Computes one metric over one file's records, grouped by a raw column and/or a calendar period. */
export function computeMetric(
  command: MetricCommand,
  data: KindRecords,
  options: { by?: string | undefined; period?: CalendarPeriod | undefined; timeZone: string },
): MetricRow[] {
  const computation = computationOf(command, data)
  if (options.by !== undefined && !data.raw.some((row) => Object.hasOwn(row, options.by as string)))
    throw new UsageError(`--by ${options.by}: the file has no column "${options.by}"`)
  if (options.period !== undefined && computation.date === undefined)
    throw new UsageError(`--period: ${command} needs a date column ("date") in the file`)
  // Records without a date (open deals, undated series rows) cannot fall in a period.
  const keep: number[] = []
  for (let index = 0; index < computation.records.length; index++)
    if (
      options.period === undefined ||
      computation.date?.(computation.records[index]) !== undefined
    )
      keep.push(index)
  const records = keep.map((index) => computation.records[index])
  const raw = keep.map((index) => computation.raw[index] ?? {})
  const by = options.by
  const rows = groupMetric(records, computation.aggregator, {
    value: (record) => computation.value(record),
    ...(by === undefined
      ? {}
      : {
          by: (_record: unknown, index: number) => {
            const key = raw[index]?.[by]
            return typeof key === 'string' && key !== '' ? key : undefined
          },
        }),
    ...(options.period === undefined
      ? {}
      : {
          period: {
            date: (record: unknown) => computation.date!(record) as Date,
            unit: options.period,
            timeZone: options.timeZone,
          },
        }),
  })
  return rows.map((row) => ({
    group: row.group === null ? null : String(row.group),
    period:
      row.period === null
        ? null
        : {
            start: row.period.start.toISOString(),
            end: row.period.end.toISOString(),
            label: row.period.label,
          },
    n: row.n,
    result: computation.figures(row.result),
  }))
}

/** The records, aggregator and figures of a command. */
export function computationOf(command: MetricCommand, data: KindRecords): Computation<unknown> {
  const base = { records: data.records, raw: data.raw }
  switch (command) {
    case 'nps':
      return {
        ...base,
        value: (r) => (r as SurveyResponse).score,
        date: (r) => (r as SurveyResponse).respondedAt,
        aggregator: netPromoterScoreAggregator() as Aggregator<unknown, unknown, unknown>,
        figures: (result) => {
          const tally = result as {
            score: number | null
            promoters: number
            passives: number
            detractors: number
            total: number
          }
          const interval = tally.total === 0 ? null : npsInterval(tally)
          return {
            score: num(tally.score),
            lower: num(interval?.lower),
            upper: num(interval?.upper),
            promoters: tally.promoters,
            passives: tally.passives,
            detractors: tally.detractors,
          }
        },
      }
    case 'csat':
      return {
        ...base,
        value: (r) => (r as { csat: number }).csat,
        date: (r) => (r as { ratedAt: Date }).ratedAt,
        aggregator: csatAggregator() as Aggregator<unknown, unknown, unknown>,
        figures: (result) => {
          const r = result as {
            score: number | null
            satisfied: number
            total: number
            lower?: number | null
            upper?: number | null
            interval?: { lower: number; upper: number } | null
          }
          return {
            score: num(r.score),
            lower: num(r.lower ?? r.interval?.lower),
            upper: num(r.upper ?? r.interval?.upper),
            satisfied: r.satisfied,
            total: r.total,
          }
        },
      }
    case 'ces': {
      // Rows without a CES answer are not ratings of effort.
      const keep: number[] = []
      for (let index = 0; index < data.records.length; index++)
        if (typeof (data.records[index] as { ces?: unknown }).ces === 'number') keep.push(index)
      return {
        records: keep.map((index) => data.records[index]),
        raw: keep.map((index) => data.raw[index] ?? {}),
        value: (r) => (r as { ces: number }).ces,
        date: (r) => (r as { ratedAt: Date }).ratedAt,
        aggregator: customerEffortScoreAggregator() as Aggregator<unknown, unknown, unknown>,
        figures: (result) => {
          const r = result as { score: number | null; standardError: number | null; total: number }
          return { score: num(r.score), standardError: num(r.standardError), total: r.total }
        },
      }
    }
    case 'winrate':
      return {
        ...base,
        value: (r) => r,
        date: (r) => (r as Opportunity).closedAt,
        aggregator: winRateAggregator() as Aggregator<unknown, unknown, unknown>,
        figures: (result) => {
          const r = result as {
            rate: number | null
            won: number
            lost: number
            lower?: number | null
            upper?: number | null
          }
          return {
            rate: num(r.rate),
            lower: num(r.lower),
            upper: num(r.upper),
            won: r.won,
            lost: r.lost,
          }
        },
      }
    case 'wape':
      return {
        ...base,
        value: (r) => {
          const row = r as { actual: number; forecast: number }
          return { actual: row.actual, forecast: row.forecast }
        },
        date: (r) => (r as { date?: Date }).date,
        aggregator: forecastErrorAggregator() as Aggregator<unknown, unknown, unknown>,
        figures: (result) => {
          const r = result as {
            weightedAbsolutePercentageError: number | null
            forecastBias: number | null
            meanAbsoluteError: number | null
          }
          return {
            weightedAbsolutePercentageError: num(r.weightedAbsolutePercentageError),
            forecastBias: num(r.forecastBias),
            meanAbsoluteError: num(r.meanAbsoluteError),
          }
        },
      }
  }
}

/** The rows as an aligned text table. */
export function metricTable(command: MetricCommand, rows: readonly MetricRow[]): string {
  const columns = METRIC_COLUMNS[command]
  const header = ['group', 'period', 'n', ...columns.map(([name]) => name)]
  const body = rows.map((row) => [
    row.group ?? '(all)',
    row.period?.label ?? '(all)',
    String(row.n),
    // The table shows 4 decimals; --json has the full values.
    ...columns.map(([name, style]) => {
      const value = row.result[name]
      return formatNumber(
        style === 'plain' && typeof value === 'number' ? Number(value.toFixed(4)) : value,
        style,
      )
    }),
  ])
  const widths = header.map((_, i) =>
    Math.max(...[header, ...body].map((r) => (r[i] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}
