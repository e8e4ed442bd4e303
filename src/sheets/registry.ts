import type { BusinessCalendar } from '../core/BusinessCalendar.js'
import type { MetricInputPath } from '../core/MetricInputError.js'
import type { CxComponent } from '../cx-score/CxComponent.js'
import type { Booking } from '../quota/Booking.js'
import type { Lead } from '../records/Lead.js'
import type { Opportunity } from '../records/Opportunity.js'
import type { Quota } from '../records/Quota.js'
import type { Quote } from '../records/Quote.js'
import { type CoreFunctionName, CORE_FUNCTIONS as core } from './coreFunctions.js'
import {
  callCore,
  cellName,
  cellResult,
  definedOrDivideByZero as defined,
  describeCell,
  flatten,
  indexInPath,
  numberArgument as num,
  numberOfCell,
  numbersOf,
  pairsOf,
  type RangeNumbers,
  SERIAL_EPOCH,
  type SheetCell,
  SheetFunctionError,
  type SheetRange,
  type SheetResult,
  textArgument,
} from './sheetValues.js'

/**
 * What an argument is: a range of cells, a single number, text, or a time of day (text
 * `"9:00"` or a time-formatted cell, i.e. a fraction of a day).
 */
export type SheetParameterKind = 'range' | 'number' | 'text' | 'time'

/** One argument of a spreadsheet function. */
export interface SheetParameter<Kind extends SheetParameterKind = SheetParameterKind> {
  readonly name: string
  readonly kind: Kind
  readonly description: string
  readonly optional?: boolean
}

/** The shape of a function's result. */
export type SheetResultShape = 'scalar' | 'row' | 'column'

/** One argument as the registry receives it: a range, or a single cell (`undefined` when omitted). */
export type SheetArgument = SheetRange | SheetCell | undefined

/** A KPI as a spreadsheet function, host-neutral. */
export interface SheetFunction {
  readonly name: string
  readonly description: string
  readonly parameters: readonly SheetParameter[]
  readonly result: SheetResultShape
  /** The exported library function it calls (through `CORE_FUNCTIONS`). */
  readonly calls: CoreFunctionName
  /** Runs the function on one argument per parameter; throws `SheetFunctionError`. */
  readonly compute: (args: readonly SheetArgument[]) => SheetResult
}

/** The argument type of a parameter: ranges arrive as `SheetRange`, the rest as cells. */
type ArgumentOf<P> = P extends { readonly kind: 'range'; readonly optional: true }
  ? SheetRange | undefined
  : P extends { readonly kind: 'range' }
    ? SheetRange
    : SheetCell | undefined
type ArgumentsOf<P extends readonly SheetParameter[]> = {
  -readonly [I in keyof P]: ArgumentOf<P[I]>
}

interface Definition<P extends readonly SheetParameter[]> {
  readonly name: string
  readonly description: string
  readonly parameters: P
  readonly result: SheetResultShape
  readonly calls: CoreFunctionName
  readonly compute: (...args: ArgumentsOf<P>) => SheetResult
}

function isRange(argument: SheetArgument): argument is SheetRange {
  return typeof argument === 'object' && argument !== null && 'cells' in argument
}

/** Checks each argument against its parameter's kind, so `compute` gets the types it declares. */
function argumentsOf<P extends readonly SheetParameter[]>(
  name: string,
  parameters: P,
  args: readonly SheetArgument[],
): ArgumentsOf<P> {
  if (args.length > parameters.length)
    throw new SheetFunctionError(
      'VALUE',
      `${name}: takes at most ${parameters.length} arguments, got ${args.length}`,
    )
  const checked: SheetArgument[] = []
  for (let index = 0; index < parameters.length; index++) {
    const parameter = parameters[index] as SheetParameter
    const argument = args[index]
    if (parameter.kind === 'range') {
      if (argument === undefined && parameter.optional !== true)
        throw new SheetFunctionError('VALUE', `${name}: ${parameter.name} is missing`)
      if (argument !== undefined && !isRange(argument))
        throw new SheetFunctionError('VALUE', `${name}: ${parameter.name} must be a range`)
    } else if (isRange(argument)) {
      throw new SheetFunctionError('VALUE', `${name}: ${parameter.name} must be a single value`)
    }
    checked.push(argument)
  }
  // Each argument was checked against its parameter's kind just above.
  return checked as unknown as ArgumentsOf<P>
}

/** A registry entry from its typed definition; results pass `cellResult` (no Infinity, NaN or -0). */
function define<const P extends readonly SheetParameter[]>(
  definition: Definition<P>,
): SheetFunction {
  const { name, description, parameters, result, calls } = definition
  return {
    name,
    description,
    parameters,
    result,
    calls,
    compute: (args) => cellResult(definition.compute(...argumentsOf(name, parameters, args)), name),
  }
}

const DAY = 86_400_000
const range = (name: string, description: string) =>
  ({ name, kind: 'range', description }) as const satisfies SheetParameter
const optionalRange = (name: string, description: string) =>
  ({ name, kind: 'range', description, optional: true }) as const satisfies SheetParameter
const number = (name: string, description: string) =>
  ({ name, kind: 'number', description }) as const satisfies SheetParameter
const optionalNumber = (name: string, description: string) =>
  ({ name, kind: 'number', description, optional: true }) as const satisfies SheetParameter
const optionalText = (name: string, description: string) =>
  ({ name, kind: 'text', description, optional: true }) as const satisfies SheetParameter
const optionalTime = (name: string, description: string) =>
  ({ name, kind: 'time', description, optional: true }) as const satisfies SheetParameter

type Place = { where: string; cell: SheetCell } | undefined

/** Locates a core error at `[i, …]` in the numbers read from a range. */
function inNumbers(range: SheetRange, argument: string, numbers: RangeNumbers, field?: string) {
  return (path: MetricInputPath): Place => {
    const index = indexInPath(path, field)
    const position = index === undefined ? undefined : numbers.positions[index]
    if (position === undefined) return undefined
    return { where: cellName(range, argument, position), cell: flatten(range)[position] ?? null }
  }
}

/** Locates a core error about a named input field (`['customersAtStart']`) at its argument. */
function inFields(fields: Readonly<Record<string, readonly [string, number]>>) {
  return (path: MetricInputPath): Place => {
    const field = path[0]
    const found = typeof field === 'string' ? fields[field] : undefined
    return found === undefined ? undefined : { where: found[0], cell: found[1] }
  }
}

/**
 * How day serials count: the shift to the 1900 system's origin (1899-12-30), and the first
 * serial read as a calendar date. Serials before 1900-03-01 (61) are refused where the
 * weekday matters: Excel's 1900 system counts a 29 February 1900 that Sheets does not, so the
 * two hosts name different days there. Differences of serials need no system.
 */
interface DateSystem {
  readonly shift: number
  readonly earliest: number
  readonly earliestText: string
}
const SERIAL_DIFFERENCES: DateSystem = {
  shift: 0,
  earliest: Number.NEGATIVE_INFINITY,
  earliestText: '',
}
const EXCEL_1900: DateSystem = { shift: 0, earliest: 61, earliestText: '1900-03-01 (serial 61)' }
// A 1904-system serial counts from 1904-01-01: 1462 days after the 1900 system's.
const EXCEL_1904: DateSystem = {
  shift: 1462 * DAY,
  earliest: 0,
  earliestText: '1904-01-01 (serial 0)',
}

/** A serial as epoch milliseconds in a date system, or the reason it is not a date. */
function serialTime(serial: number, system: DateSystem): number | string {
  if (serial < system.earliest) return `before ${system.earliestText}`
  const time = SERIAL_EPOCH + serial * DAY + system.shift
  return Math.abs(time) <= 8.64e15 ? time : 'too far from today to be a date'
}

/** A day serial (1899-12-30 = 0) of a cell as epoch milliseconds; `null` for a blank. */
function instantOf(
  range: SheetRange,
  cells: readonly SheetCell[],
  position: number,
  name: string,
  argument: string,
  system: DateSystem = SERIAL_DIFFERENCES,
): number | null {
  const cell = cells[position] as SheetCell
  if (cell === null) return null
  const serial = numberOfCell(cell)
  if (serial === undefined)
    throw new SheetFunctionError(
      'VALUE',
      `${name}: ${cellName(range, argument, position)} is ${describeCell(cell)}, not a date`,
    )
  const time = serialTime(serial, system)
  if (typeof time === 'string')
    throw new SheetFunctionError(
      'NUM',
      `${name}: ${cellName(range, argument, position)} is ${serial}, ${time}`,
    )
  return time
}

/** A date argument (a single cell) as epoch milliseconds. */
function instantArgument(
  value: SheetCell | undefined,
  name: string,
  argument: string,
  system: DateSystem,
) {
  const serial = num(value, name, argument)
  const time = serialTime(serial, system)
  if (typeof time === 'string')
    throw new SheetFunctionError('NUM', `${name}: ${argument} is ${serial}, ${time}`)
  return time
}

/**
 * A time of day as `HH:MM` for the business calendar: text `"9:00"`, `"09:00"` or
 * `"9:00:00"`, or a time-formatted cell (a fraction of a day: 0.375 is 09:00).
 */
function timeOfDay(
  value: SheetCell | undefined,
  name: string,
  argument: string,
  fallback: string,
): string {
  if (value === null || value === undefined || value === '') return fallback
  const refuse = () =>
    new SheetFunctionError(
      'VALUE',
      `${name}: ${argument} is ${describeCell(value)}; expected a time such as "9:00" or a time-formatted cell`,
    )
  let minutes: number
  if (typeof value === 'number') {
    if (!(value >= 0 && value <= 1)) throw refuse()
    minutes = Math.round(value * 1440)
  } else if (typeof value === 'string') {
    const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim())
    if (match === null) throw refuse()
    const [hours, mins, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)]
    if (mins > 59 || seconds !== 0 || hours * 60 + mins > 1440) throw refuse()
    minutes = hours * 60 + mins
  } else {
    throw refuse()
  }
  const hours = Math.floor(minutes / 60)
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/**
 * The forecast-accuracy entries: one row each, all of the shape (actuals, forecasts), MASE
 * with its training range and seasonality after them.
 */
const FORECAST_FUNCTIONS = [
  {
    name: 'MAPE',
    calls: 'meanAbsolutePercentageError',
    description:
      'Mean absolute percentage error as a fraction; periods with a zero actual are left out.',
    undefinedWhen: 'no period has a non-zero actual',
  },
  {
    name: 'WAPE',
    calls: 'weightedAbsolutePercentageError',
    description: 'Weighted absolute percentage error Σ|A − F| / Σ|A| as a fraction.',
    undefinedWhen: 'the actuals add up to 0',
  },
  {
    name: 'SMAPE',
    calls: 'symmetricMeanAbsolutePercentageError',
    description: 'Symmetric MAPE, M4 definition mean 2|A − F|/(|A| + |F|), from 0 to 2.',
    undefinedWhen: 'no periods',
  },
  {
    name: 'MASE',
    calls: 'meanAbsoluteScaledError',
    description:
      'Mean absolute scaled error: MAE over the in-sample MAE of the seasonal naive forecast.',
    undefinedWhen: 'the naive forecast has no error to scale by',
    /** Also takes `training` and `seasonality`. */
    withTraining: true,
  },
  {
    name: 'FORECAST_BIAS',
    calls: 'forecastBias',
    description: 'Forecast bias Σ(F − A) / Σ|A|: positive means over-forecast.',
    undefinedWhen: 'the actuals add up to 0',
  },
  {
    name: 'FORECAST_ACCURACY',
    calls: 'forecastAccuracy',
    description: 'Forecast accuracy 1 − WAPE (can be negative).',
    undefinedWhen: 'the actuals add up to 0',
  },
] as const

type ForecastRow = (typeof FORECAST_FUNCTIONS)[number]

const actualsParameter = range('actuals', 'Actual values.')
const forecastsParameter = range('forecasts', 'Forecasts of the same periods.')

/** Reads actuals and forecasts, calls the row's core function, and names a refused cell. */
function forecastValue(
  row: ForecastRow,
  actuals: SheetRange,
  forecasts: SheetRange,
  extra: { training?: number[]; seasonality?: number } = {},
  trainingRange?: SheetRange,
  trainingNumbers?: RangeNumbers,
): SheetResult {
  const pairs = pairsOf(actuals, forecasts, row.name, ['actuals', 'forecasts'])
  const series = { actual: pairs.first, forecast: pairs.second, ...extra }
  const locate = (path: MetricInputPath): Place => {
    if (path[0] === 'training' && trainingRange !== undefined && trainingNumbers !== undefined)
      return inNumbers(trainingRange, 'training', trainingNumbers, 'training')(path)
    const [source, argument] =
      path[0] === 'forecast' ? [forecasts, 'forecasts'] : [actuals, 'actuals']
    const index = indexInPath(path, path[0] === 'forecast' ? 'forecast' : 'actual')
    const position = index === undefined ? undefined : pairs.positions[index]
    if (position === undefined) return undefined
    return { where: cellName(source, argument, position), cell: flatten(source)[position] ?? null }
  }
  const value = callCore(row.name, () => core[row.calls](series), locate)
  return defined(value, row.name, row.undefinedWhen)
}

function forecastEntry(row: ForecastRow): SheetFunction {
  if ('withTraining' in row) {
    return define({
      name: row.name,
      description: row.description,
      parameters: [
        actualsParameter,
        forecastsParameter,
        optionalRange(
          'training',
          'In-sample history for the scale (default: the actuals themselves).',
        ),
        optionalNumber('seasonality', 'Season length m of the naive forecast, default 1.'),
      ],
      result: 'scalar',
      calls: row.calls,
      compute: (actuals, forecasts, training, seasonality) => {
        const history =
          training === undefined ? undefined : numbersOf(training, row.name, 'training')
        return forecastValue(
          row,
          actuals,
          forecasts,
          {
            ...(history === undefined ? {} : { training: history.values }),
            seasonality: num(seasonality, row.name, 'seasonality', 1),
          },
          training,
          history,
        )
      },
    })
  }
  return define({
    name: row.name,
    description: row.description,
    parameters: [actualsParameter, forecastsParameter],
    result: 'scalar',
    calls: row.calls,
    compute: (actuals, forecasts) => forecastValue(row, actuals, forecasts),
  })
}

/** Outcome labels read as won or lost by default: the words `OpportunitySchema` accepts. */
export const WON_LABELS: readonly string[] = ['won', 'closed won', 'closed-won']
export const LOST_LABELS: readonly string[] = ['lost', 'closed lost', 'closed-lost']

const CLOSED_AT = new Date(Date.UTC(2000, 0, 1))
const deal = (status: Opportunity['status'], stage?: string): Opportunity => ({
  id: stage === undefined ? status : `${status} at ${stage}`,
  createdAt: CLOSED_AT,
  amount: 0,
  status,
  ...(status === 'open' ? {} : { closedAt: CLOSED_AT }),
  stageHistory: stage === undefined ? [] : [{ stage, enteredAt: CLOSED_AT }],
})
const WON_DEAL = deal('won')
const LOST_DEAL = deal('lost')
const OPEN_DEAL = deal('open')

/** The most deals STAGE_CONVERSION passes to `stageConversion` (one reference each). */
const MOST_DEALS = 10_000_000

/** Leads and quotes from two date ranges, one lead per row with a lead date. */
function leadsAndQuotes(name: string, leadRange: SheetRange, quoteRange: SheetRange) {
  const leadCells = flatten(leadRange)
  const quoteCells = flatten(quoteRange)
  if (leadCells.length !== quoteCells.length)
    throw new SheetFunctionError(
      'VALUE',
      `${name}: lead_dates has ${leadCells.length} cells but quote_dates has ${quoteCells.length}; give ranges of the same size`,
    )
  const leads: Lead[] = []
  const quotes: Quote[] = []
  const rowOf: number[] = []
  let asOf = Number.NEGATIVE_INFINITY
  for (let position = 0; position < leadCells.length; position++) {
    const lead = instantOf(leadRange, leadCells, position, name, 'lead_dates')
    const quote = instantOf(quoteRange, quoteCells, position, name, 'quote_dates')
    const id = String(position)
    if (lead !== null) {
      leads.push({ id, createdAt: new Date(lead) })
      rowOf.push(position)
      if (lead > asOf) asOf = lead
    }
    // A quote whose row has no lead, or that predates its lead, is ignored by the library.
    if (quote !== null) {
      quotes.push({ id: `quote ${id}`, leadId: id, createdAt: new Date(quote) })
      if (quote > asOf) asOf = quote
    }
  }
  return {
    leads,
    quotes,
    rowOf,
    rows: leadCells.length,
    asOf: new Date(asOf === Number.NEGATIVE_INFINITY ? 0 : asOf),
  }
}

/** An owner id from a cell: text (trimmed) or a number (an employee number); blank is `''`. */
function ownerOfCell(
  range: SheetRange,
  cells: readonly SheetCell[],
  position: number,
  name: string,
  argument: string,
): string {
  const cell = cells[position] as SheetCell
  if (cell === null) return ''
  if (typeof cell === 'string') return cell.trim()
  if (typeof cell === 'number') return String(cell)
  throw new SheetFunctionError(
    'VALUE',
    `${name}: ${cellName(range, argument, position)} is ${describeCell(cell)}; expected an owner id`,
  )
}

/** An amount from a cell (numeric text read as a number); `#VALUE!` for anything else. */
function amountOfCell(
  range: SheetRange,
  cells: readonly SheetCell[],
  position: number,
  name: string,
  argument: string,
): number {
  const cell = cells[position] as SheetCell
  const value = numberOfCell(cell)
  if (value === undefined)
    throw new SheetFunctionError(
      'VALUE',
      `${name}: ${cellName(range, argument, position)} is ${describeCell(cell)}; expected an amount`,
    )
  return value
}

/** The cells of ranges that must have the same size (`#VALUE!` naming the two that differ). */
function sameSizeCells<const R extends readonly (readonly [SheetRange, string])[]>(
  name: string,
  ranges: R,
): { -readonly [K in keyof R]: SheetCell[] } {
  const cells = ranges.map(([given]) => flatten(given))
  for (let index = 1; index < cells.length; index++) {
    const size = (cells[index] as SheetCell[]).length
    const first = (cells[0] as SheetCell[]).length
    if (size !== first)
      throw new SheetFunctionError(
        'VALUE',
        `${name}: ${ranges[0]?.[1]} has ${first} cells but ${ranges[index]?.[1]} has ${size}; give ranges of the same size`,
      )
  }
  return cells as { -readonly [K in keyof R]: SheetCell[] }
}

const QUOTA_ATTAINMENT = define({
  name: 'QUOTA_ATTAINMENT',
  description:
    'Quota attainment per quota row: the bookings of its owner (dated within the period when dates are given) / its quota, as a column the height of quota_owners; blank for a blank row or a zero quota.',
  parameters: [
    range('quota_owners', 'Owner (rep, team or account) of each quota.'),
    range('quotas', 'The quota of each owner.'),
    range('booking_owners', 'Owner of each booking.'),
    range('booking_amounts', 'Amount of each booking.'),
    optionalRange('booking_dates', 'Date of each booking; with period_start and period_end.'),
    optionalNumber('period_start', 'First day of the period (inclusive).'),
    optionalNumber('period_end', 'Last day of the period (inclusive).'),
    optionalNumber('date_system', 'Excel date system of the workbook: 1900 (default) or 1904.'),
  ],
  result: 'column',
  calls: 'quotaAttainment',
  compute: (
    quotaOwners,
    quotaAmounts,
    bookingOwners,
    bookingAmounts,
    bookingDates,
    start,
    end,
    dateSystem,
  ) => {
    const name = 'QUOTA_ATTAINMENT'
    const system = num(dateSystem, name, 'date_system', 1900)
    if (system !== 1900 && system !== 1904)
      throw new SheetFunctionError('VALUE', `${name}: date_system must be 1900 or 1904`)
    const dates = system === 1904 ? EXCEL_1904 : EXCEL_1900
    const dated = bookingDates !== undefined
    if (
      dated !== (start !== undefined && start !== null) ||
      dated !== (end !== undefined && end !== null)
    )
      throw new SheetFunctionError(
        'VALUE',
        `${name}: give booking_dates, period_start and period_end together, or none of them`,
      )
    // Without dates every booking counts: one period, every booking dated on its first day.
    const periodStart = dated
      ? new Date(instantArgument(start, name, 'period_start', dates))
      : new Date(0)
    const periodEnd = dated
      ? new Date(instantArgument(end, name, 'period_end', dates))
      : new Date(0)
    const [ownerCells, quotaCells] = sameSizeCells(name, [
      [quotaOwners, 'quota_owners'],
      [quotaAmounts, 'quotas'],
    ])
    const quotas: Quota[] = []
    const quotaRows: number[] = []
    for (let position = 0; position < ownerCells.length; position++) {
      if (ownerCells[position] === null && quotaCells[position] === null) continue
      quotas.push({
        ownerId: ownerOfCell(quotaOwners, ownerCells, position, name, 'quota_owners'),
        periodStart,
        periodEnd,
        amount: amountOfCell(quotaAmounts, quotaCells, position, name, 'quotas'),
      })
      quotaRows.push(position)
    }
    const [whoCells, amountCells, dateCells = []] = sameSizeCells(name, [
      [bookingOwners, 'booking_owners'],
      [bookingAmounts, 'booking_amounts'],
      ...(bookingDates === undefined ? [] : [[bookingDates, 'booking_dates'] as const]),
    ])
    const bookings: Booking[] = []
    const bookingRows: number[] = []
    for (let position = 0; position < whoCells.length; position++) {
      if (
        whoCells[position] === null &&
        amountCells[position] === null &&
        (!dated || dateCells[position] === null)
      )
        continue
      const at = dated
        ? instantOf(bookingDates, dateCells, position, name, 'booking_dates', dates)
        : 0
      if (at === null)
        throw new SheetFunctionError(
          'VALUE',
          `${name}: ${cellName(bookingDates as SheetRange, 'booking_dates', position)} is blank; every booking needs its date`,
        )
      bookings.push({
        ownerId: ownerOfCell(bookingOwners, whoCells, position, name, 'booking_owners'),
        at: new Date(at),
        amount: amountOfCell(bookingAmounts, amountCells, position, name, 'booking_amounts'),
      })
      bookingRows.push(position)
    }
    const locate = (path: MetricInputPath): Place => {
      const index = typeof path[1] === 'number' ? path[1] : undefined
      const quotaSide = path[0] === 'quotas'
      const position =
        index === undefined ? undefined : (quotaSide ? quotaRows : bookingRows)[index]
      if (position === undefined) return undefined
      const [rangeOf, argument, cells] = quotaSide
        ? path[2] === 'ownerId' || path[2] === undefined
          ? ([quotaOwners, 'quota_owners', ownerCells] as const)
          : ([quotaAmounts, 'quotas', quotaCells] as const)
        : path[2] === 'ownerId'
          ? ([bookingOwners, 'booking_owners', whoCells] as const)
          : ([bookingAmounts, 'booking_amounts', amountCells] as const)
      return { where: cellName(rangeOf, argument, position), cell: cells[position] ?? null }
    }
    const { rows } = callCore(name, () => core.quotaAttainment(quotas, bookings), locate)
    const column: (number | null)[][] = ownerCells.map(() => [null])
    for (let index = 0; index < rows.length; index++)
      column[quotaRows[index] as number] = [rows[index]?.attainment ?? null]
    return column
  },
})

/** Every KPI spreadsheet function, in SPEC's order. */
export const SHEET_FUNCTIONS: readonly SheetFunction[] = [
  define({
    name: 'NPS',
    description: 'Net Promoter Score (-100..100) of 0–10 ratings; blanks are skipped.',
    parameters: [range('scores', 'Range of 0–10 likelihood-to-recommend scores.')],
    result: 'scalar',
    calls: 'netPromoterScore',
    compute: (scores) => {
      const numbers = numbersOf(scores, 'NPS', 'scores')
      const result = callCore(
        'NPS',
        () => core.netPromoterScore(numbers.values),
        inNumbers(scores, 'scores', numbers),
      )
      return defined(result.score, 'NPS', 'no scores')
    },
  }),
  define({
    name: 'NPS_CI',
    description: 'NPS with its adjusted-Wald confidence interval: a row of score, lower, upper.',
    parameters: [
      range('scores', 'Range of 0–10 scores.'),
      optionalNumber('confidence', 'Confidence level, default 0.95.'),
    ],
    result: 'row',
    calls: 'npsInterval',
    compute: (scores, confidence) => {
      const numbers = numbersOf(scores, 'NPS_CI', 'scores')
      const level = num(confidence, 'NPS_CI', 'confidence', 0.95)
      const result = callCore(
        'NPS_CI',
        () => core.npsInterval(numbers.values, { confidence: level }),
        inNumbers(scores, 'scores', numbers),
      )
      return [[defined(result.score, 'NPS_CI', 'no scores'), result.lower, result.upper]]
    },
  }),
  define({
    name: 'NPS_BREAKDOWN',
    description:
      'Shares of promoters, passives and detractors (fractions) and the number of responses, as a row.',
    parameters: [range('scores', 'Range of 0–10 scores.')],
    result: 'row',
    calls: 'netPromoterScore',
    compute: (scores) => {
      const numbers = numbersOf(scores, 'NPS_BREAKDOWN', 'scores')
      const result = callCore(
        'NPS_BREAKDOWN',
        () => core.netPromoterScore(numbers.values),
        inNumbers(scores, 'scores', numbers),
      )
      return [[result.promoterShare, result.passiveShare, result.detractorShare, result.total]]
    },
  }),
  define({
    name: 'CSAT',
    description:
      'Customer satisfaction: share of ratings at or above the threshold (top-2-box on 1–5 by default).',
    parameters: [
      range('ratings', 'Range of ratings from 1 to max.'),
      optionalNumber('threshold', 'Lowest satisfied rating, default 4.'),
      optionalNumber('max', 'Top of the scale, default 5.'),
    ],
    result: 'scalar',
    calls: 'csat',
    compute: (ratings, threshold, max) => {
      const numbers = numbersOf(ratings, 'CSAT', 'ratings')
      const options = {
        threshold: num(threshold, 'CSAT', 'threshold', 4),
        scaleMax: num(max, 'CSAT', 'max', 5),
      }
      const result = callCore(
        'CSAT',
        () => core.csat(numbers.values, options),
        inNumbers(ratings, 'ratings', numbers),
      )
      return defined(result.score, 'CSAT', 'no ratings')
    },
  }),
  define({
    name: 'CES',
    description: 'Customer Effort Score: the mean agreement on a 1–7 scale (CES 2.0).',
    parameters: [
      range('ratings', 'Range of ratings from 1 to max.'),
      optionalNumber('max', 'Top of the scale, default 7.'),
    ],
    result: 'scalar',
    calls: 'customerEffortScore',
    compute: (ratings, max) => {
      const numbers = numbersOf(ratings, 'CES', 'ratings')
      const scaleMax = num(max, 'CES', 'max', 7)
      const result = callCore(
        'CES',
        () => core.customerEffortScore(numbers.values, { scaleMax }),
        inNumbers(ratings, 'ratings', numbers),
      )
      return defined(result.score, 'CES', 'no ratings')
    },
  }),
  define({
    name: 'RETENTION_RATE',
    description: 'Customer retention rate (E − N) / S as a fraction.',
    parameters: [
      number('start_customers', 'Customers at the start of the period.'),
      number('end_customers', 'Customers at the end.'),
      number('new_customers', 'Customers acquired in the period.'),
    ],
    result: 'scalar',
    calls: 'customerRetentionRate',
    compute: (start, end, added) => {
      const name = 'RETENTION_RATE'
      const input = {
        customersAtStart: num(start, name, 'start_customers'),
        customersAtEnd: num(end, name, 'end_customers'),
        newCustomers: num(added, name, 'new_customers'),
      }
      const rate = callCore(
        name,
        () => core.customerRetentionRate(input),
        inFields({
          customersAtStart: ['start_customers', input.customersAtStart],
          customersAtEnd: ['end_customers', input.customersAtEnd],
          newCustomers: ['new_customers', input.newCustomers],
        }),
      )
      return defined(rate, name, 'no customers at the start')
    },
  }),
  define({
    name: 'CHURN_RATE',
    description: 'Customer churn rate: lost / customers at start, as a fraction.',
    parameters: [
      number('start_customers', 'Customers at the start.'),
      number('lost_customers', 'Of those, customers lost.'),
    ],
    result: 'scalar',
    calls: 'customerChurnRate',
    compute: (start, lost) => {
      const name = 'CHURN_RATE'
      const input = {
        customersAtStart: num(start, name, 'start_customers'),
        churnedCustomers: num(lost, name, 'lost_customers'),
      }
      const rate = callCore(
        name,
        () => core.customerChurnRate(input),
        inFields({
          customersAtStart: ['start_customers', input.customersAtStart],
          churnedCustomers: ['lost_customers', input.churnedCustomers],
        }),
      )
      return defined(rate, name, 'no customers at the start')
    },
  }),
  define({
    name: 'GRR',
    description: 'Gross revenue retention (S − contraction − churn) / S.',
    parameters: [
      number('start_mrr', 'Recurring revenue at the start.'),
      number('contraction', 'Downgrades.'),
      number('churned_mrr', 'Revenue lost to churn.'),
    ],
    result: 'scalar',
    calls: 'grossRevenueRetention',
    compute: (start, contraction, churn) => {
      const name = 'GRR'
      const input = {
        startingRevenue: num(start, name, 'start_mrr'),
        contraction: num(contraction, name, 'contraction'),
        churn: num(churn, name, 'churned_mrr'),
      }
      const rate = callCore(
        name,
        () => core.grossRevenueRetention(input),
        inFields({
          startingRevenue: ['start_mrr', input.startingRevenue],
          contraction: ['contraction', input.contraction],
          churn: ['churned_mrr', input.churn],
        }),
      )
      return defined(rate, name, 'no starting revenue')
    },
  }),
  define({
    name: 'NRR',
    description: 'Net revenue retention (S + expansion + reactivation − contraction − churn) / S.',
    parameters: [
      number('start_mrr', 'Recurring revenue at the start.'),
      number('expansion', 'Upsell from existing customers.'),
      number('contraction', 'Downgrades.'),
      number('churned_mrr', 'Revenue lost to churn.'),
      optionalNumber('reactivation', 'Revenue of returning customers, default 0.'),
    ],
    result: 'scalar',
    calls: 'netRevenueRetention',
    compute: (start, expansion, contraction, churn, reactivation) => {
      const name = 'NRR'
      const input = {
        startingRevenue: num(start, name, 'start_mrr'),
        expansion: num(expansion, name, 'expansion'),
        contraction: num(contraction, name, 'contraction'),
        churn: num(churn, name, 'churned_mrr'),
        reactivation: num(reactivation, name, 'reactivation', 0),
      }
      const rate = callCore(
        name,
        () => core.netRevenueRetention(input),
        inFields({
          startingRevenue: ['start_mrr', input.startingRevenue],
          expansion: ['expansion', input.expansion],
          contraction: ['contraction', input.contraction],
          churn: ['churned_mrr', input.churn],
          reactivation: ['reactivation', input.reactivation],
        }),
      )
      return defined(rate, name, 'no starting revenue')
    },
  }),
  define({
    name: 'WIN_RATE',
    description:
      'Win rate: won / (won + lost). Won: "Won", "Closed Won"; lost: "Lost", "Closed Lost" (any case). Any other text (Open, a stage name) is an open deal and left out; blanks are skipped.',
    parameters: [
      range('outcomes', 'Range of outcomes or stage names such as Closed Won, Closed Lost, Open.'),
      optionalText('won_label', 'Text of a win instead of "Won" / "Closed Won".'),
      optionalText('lost_label', 'Text of a loss instead of "Lost" / "Closed Lost".'),
    ],
    result: 'scalar',
    calls: 'winRate',
    compute: (outcomes, wonLabel, lostLabel) => {
      const name = 'WIN_RATE'
      const wonText = textArgument(wonLabel, name, 'won_label', '').trim().toLowerCase()
      const lostText = textArgument(lostLabel, name, 'lost_label', '').trim().toLowerCase()
      const won = wonText === '' ? WON_LABELS : [wonText]
      const lost = lostText === '' ? LOST_LABELS : [lostText]
      if (won.some((label) => lost.includes(label)))
        throw new SheetFunctionError('VALUE', `${name}: won_label and lost_label are the same`)
      const cells = flatten(outcomes)
      const deals: Opportunity[] = []
      for (let position = 0; position < cells.length; position++) {
        const cell = cells[position] as SheetCell
        if (cell === null) continue
        if (typeof cell !== 'string')
          throw new SheetFunctionError(
            'VALUE',
            `${name}: ${cellName(outcomes, 'outcomes', position)} is ${describeCell(cell)}; expected an outcome as text`,
          )
        const label = cell.trim().toLowerCase()
        deals.push(won.includes(label) ? WON_DEAL : lost.includes(label) ? LOST_DEAL : OPEN_DEAL)
      }
      const result = callCore(name, () => core.winRate(deals))
      return defined(result.rate, name, 'no won or lost outcome')
    },
  }),
  define({
    name: 'STAGE_CONVERSION',
    description:
      'Next-step conversion between consecutive stage counts (deals that reached each stage, whole numbers that never grow down the funnel): a column one shorter.',
    parameters: [range('stage_counts', 'Deals that reached each stage, in funnel order.')],
    result: 'column',
    calls: 'stageConversion',
    compute: (counts) => {
      const name = 'STAGE_CONVERSION'
      const reached = numbersOf(counts, name, 'stage_counts')
      const values = reached.values
      if (values.length < 2)
        throw new SheetFunctionError('VALUE', `${name}: give at least two stage counts`)
      for (let stage = 0; stage < values.length; stage++) {
        const count = values[stage] as number
        const where = () => cellName(counts, 'stage_counts', reached.positions[stage] as number)
        if (!(Number.isInteger(count) && count >= 0))
          throw new SheetFunctionError(
            'NUM',
            `${name}: ${where()} is ${count}; a stage count is a whole number ≥ 0`,
          )
        if (stage === 0 && count > MOST_DEALS)
          throw new SheetFunctionError(
            'NUM',
            `${name}: ${where()} is ${count}; at most ${MOST_DEALS} deals are supported`,
          )
        if (stage > 0 && count > (values[stage - 1] as number))
          throw new SheetFunctionError(
            'NUM',
            `${name}: ${where()} is ${count}, more than the ${values[stage - 1]} deals of the stage before; every deal that reached a stage reached the ones before it`,
          )
      }
      // One deal per count: those that stopped at a stage are lost there, those that reached
      // the last stage are open in it (the last stage's own rate is not shown).
      const stages = values.map((_, stage) => `stage ${stage + 1}`)
      const deals: Opportunity[] = new Array(values[0] as number)
      let next = 0
      for (let stage = 0; stage < values.length; stage++) {
        const last = stage === values.length - 1
        const stopped = last
          ? (values[stage] as number)
          : (values[stage] as number) - (values[stage + 1] as number)
        const record = deal(last ? 'open' : 'lost', stages[stage])
        for (let count = 0; count < stopped; count++) deals[next++] = record
      }
      const rows = callCore(name, () => core.stageConversion(deals, { stages }))
      return rows.slice(0, -1).map((row) => [row.rate])
    },
  }),
  define({
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
      const name = 'SALES_VELOCITY'
      const input = {
        opportunities: num(count, name, 'opportunities'),
        averageDealSize: num(deal, name, 'average_deal'),
        winRate: num(rate, name, 'win_rate'),
        salesCycleDays: num(cycle, name, 'cycle_days'),
      }
      const velocity = callCore(
        name,
        () => core.salesVelocity(input),
        inFields({
          opportunities: ['opportunities', input.opportunities],
          averageDealSize: ['average_deal', input.averageDealSize],
          winRate: ['win_rate', input.winRate],
          salesCycleDays: ['cycle_days', input.salesCycleDays],
        }),
      )
      return defined(velocity === null ? null : velocity.toNumber(), name, 'the cycle is 0 days')
    },
  }),
  define({
    name: 'PIPELINE_COVERAGE',
    description: 'Pipeline coverage: open pipeline / remaining quota.',
    parameters: [number('pipeline', 'Open pipeline value.'), number('quota', 'Remaining quota.')],
    result: 'scalar',
    calls: 'pipelineCoverage',
    compute: (pipeline, quota) => {
      const name = 'PIPELINE_COVERAGE'
      const input = {
        openPipeline: num(pipeline, name, 'pipeline'),
        remainingQuota: num(quota, name, 'quota'),
      }
      const coverage = callCore(
        name,
        () => core.pipelineCoverage(input),
        inFields({
          openPipeline: ['pipeline', input.openPipeline],
          remainingQuota: ['quota', input.remainingQuota],
        }),
      )
      return defined(coverage, name, 'the remaining quota is 0')
    },
  }),
  ...FORECAST_FUNCTIONS.map(forecastEntry),
  define({
    name: 'BUSINESS_HOURS',
    description:
      'Working hours between two date-times on a Monday–Friday calendar (default 09:00–17:00), holidays skipped.',
    parameters: [
      number('start', 'Start date-time.'),
      number('end', 'End date-time.'),
      optionalTime('day_start', 'Opening time such as "9:00" or a time cell, default 09:00.'),
      optionalTime('day_end', 'Closing time such as "17:00" or a time cell, default 17:00.'),
      optionalRange('holidays', 'Dates that are not worked.'),
      optionalNumber('date_system', 'Excel date system of the workbook: 1900 (default) or 1904.'),
    ],
    result: 'scalar',
    calls: 'businessHoursBetween',
    compute: (start, end, dayStart, dayEnd, holidays, dateSystem) => {
      const name = 'BUSINESS_HOURS'
      const system = num(dateSystem, name, 'date_system', 1900)
      if (system !== 1900 && system !== 1904) {
        throw new SheetFunctionError('VALUE', `${name}: date_system must be 1900 or 1904`)
      }
      const dates = system === 1904 ? EXCEL_1904 : EXCEL_1900
      const interval = [
        {
          start: timeOfDay(dayStart, name, 'day_start', '09:00'),
          end: timeOfDay(dayEnd, name, 'day_end', '17:00'),
        },
      ]
      const days: string[] = []
      if (holidays !== undefined) {
        const cells = flatten(holidays)
        for (let position = 0; position < cells.length; position++) {
          const day = instantOf(holidays, cells, position, name, 'holidays', dates)
          if (day !== null) days.push(new Date(day).toISOString().slice(0, 10))
        }
      }
      const from = new Date(instantArgument(start, name, 'start', dates))
      const to = new Date(instantArgument(end, name, 'end', dates))
      const calendar: BusinessCalendar = {
        timeZone: 'UTC',
        week: {
          monday: interval,
          tuesday: interval,
          wednesday: interval,
          thursday: interval,
          friday: interval,
        },
        holidays: days,
      }
      return callCore(name, () => core.businessHoursBetween(from, to, calendar))
    },
  }),
  define({
    name: 'LEAD_TO_QUOTE_DAYS',
    description:
      'Days from each lead to its first quote, as a column the height of the input; empty where the lead has no quote date or its quote date is before the lead (the library ignores such a quote).',
    parameters: [
      range('lead_dates', 'When each lead came in.'),
      range('quote_dates', 'When each was quoted (blank if not yet).'),
    ],
    result: 'column',
    calls: 'leadToQuoteTimes',
    compute: (leadDates, quoteDates) => {
      const name = 'LEAD_TO_QUOTE_DAYS'
      const input = leadsAndQuotes(name, leadDates, quoteDates)
      const times = callCore(name, () =>
        core.leadToQuoteTimes(input.leads, input.quotes, { asOf: input.asOf, unit: 'days' }),
      )
      const column: (number | null)[][] = []
      for (let row = 0; row < input.rows; row++) column.push([null])
      for (let index = 0; index < times.length; index++) {
        const time = times[index]
        if (time !== undefined && !time.censored)
          column[input.rowOf[index] as number] = [time.duration]
      }
      return column
    },
  }),
  define({
    name: 'LEAD_TO_QUOTE_MEDIAN',
    description:
      'Median days from lead to first quote over the leads quoted (a quote date before its lead is ignored).',
    parameters: [
      range('lead_dates', 'When each lead came in.'),
      range('quote_dates', 'When each was quoted.'),
    ],
    result: 'scalar',
    calls: 'leadToQuoteSummary',
    compute: (leadDates, quoteDates) => {
      const name = 'LEAD_TO_QUOTE_MEDIAN'
      const input = leadsAndQuotes(name, leadDates, quoteDates)
      const summary = callCore(name, () =>
        core.leadToQuoteSummary(input.leads, input.quotes, { asOf: input.asOf, unit: 'days' }),
      )
      return defined(summary.median, name, 'no lead has a quote on or after it')
    },
  }),
  define({
    name: 'CX_SCORE',
    description:
      'Composite CX score 0..100: each value placed between its worst and best, weighted; a blank value is left out, a row blank in all four ranges is skipped.',
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
      const name = 'CX_SCORE'
      const ranges = [values, worst, best, weights] as const
      const argumentNames = ['values', 'worst', 'best', 'weights'] as const
      const cells = ranges.map(flatten)
      const size = (cells[0] as SheetCell[]).length
      if (cells.some((column) => column.length !== size)) {
        throw new SheetFunctionError(
          'VALUE',
          `${name}: values, worst, best and weights must have the same size`,
        )
      }
      const components: CxComponent[] = []
      const positions: number[] = []
      for (let position = 0; position < size; position++) {
        const row = cells.map((column) => column[position] as SheetCell)
        if (row.every((cell) => cell === null)) continue
        const read = (which: number): number => {
          const cell = row[which] as SheetCell
          const value = numberOfCell(cell)
          if (value === undefined)
            throw new SheetFunctionError(
              'VALUE',
              `${name}: ${cellName(ranges[which] as SheetRange, argumentNames[which] as string, position)} is ${describeCell(cell)}; expected a number`,
            )
          return value
        }
        const value = row[0] === null ? null : read(0)
        const a = read(1)
        const b = read(2)
        components.push({
          name: cellName(values, 'values', position),
          value,
          range: a < b ? [a, b] : [b, a],
          weight: read(3),
          direction: a < b ? 'higher-is-better' : 'lower-is-better',
        })
        positions.push(position)
      }
      const locate = (path: MetricInputPath): Place => {
        const index = indexInPath(path)
        const position = index === undefined ? undefined : positions[index]
        if (position === undefined) return undefined
        const which = path[1] === 'weight' ? 3 : path[1] === 'range' ? 1 : 0
        return {
          where: cellName(ranges[which] as SheetRange, argumentNames[which] as string, position),
          cell: (cells[which] as SheetCell[])[position] ?? null,
        }
      }
      const result = callCore(name, () => core.cxScore(components), locate)
      return defined(result.score, name, 'no value is present')
    },
  }),
  QUOTA_ATTAINMENT,
  define({
    name: 'SHRUNK_RATE',
    description:
      "Rates made fair for small samples: each row's successes / trials shrunk toward the team rate by an empirical-Bayes beta-binomial fit (method of moments), as a column the height of the input; rows with a blank are left blank.",
    parameters: [
      range('successes', 'Successes per rep (won deals, converted leads, …).'),
      range('trials', 'Trials per rep (closed deals, leads, …), the same size.'),
    ],
    result: 'column',
    calls: 'shrunkRates',
    compute: (successes, trials) => {
      const name = 'SHRUNK_RATE'
      const pairs = pairsOf(successes, trials, name, ['successes', 'trials'])
      const rows = pairs.first.map((count, index) => ({
        successes: count,
        trials: pairs.second[index] as number,
      }))
      const locate = (path: MetricInputPath): Place => {
        const index = indexInPath(path)
        const position = index === undefined ? undefined : pairs.positions[index]
        if (position === undefined) return undefined
        const [range, argument] =
          path[1] === 'trials' ? [trials, 'trials'] : [successes, 'successes']
        return {
          where: cellName(range, argument, position),
          cell: flatten(range)[position] ?? null,
        }
      }
      const result = callCore(name, () => core.shrunkRates(rows), locate)
      const column: (number | null)[][] = []
      const size = flatten(successes).length
      for (let position = 0; position < size; position++) column.push([null])
      for (let index = 0; index < result.rows.length; index++) {
        column[pairs.positions[index] as number] = [result.rows[index]?.shrunk ?? null]
      }
      return column
    },
  }),
  define({
    name: 'AVG_DEAL_SIZE',
    description:
      'Average deal size: the mean amount of won deals. With outcomes, only rows marked Won / Closed Won (any case) count; without, every amount is a won deal. Blank amounts are skipped.',
    parameters: [
      range('amounts', 'Deal amounts (≥ 0).'),
      optionalRange(
        'outcomes',
        'Outcome or stage of each deal, the same size (Won, Lost, Open, …).',
      ),
    ],
    result: 'scalar',
    // The aggregator (the mean of won amounts without the grouping machinery), so that the
    // Apps Script file stays small; a test checks that it equals averageDealSize.
    calls: 'averageDealSizeAggregator',
    compute: (amounts, outcomes) => {
      const name = 'AVG_DEAL_SIZE'
      const amountCells = flatten(amounts)
      const outcomeCells = outcomes === undefined ? null : flatten(outcomes)
      if (outcomeCells !== null && outcomeCells.length !== amountCells.length)
        throw new SheetFunctionError(
          'VALUE',
          `${name}: amounts has ${amountCells.length} cells but outcomes has ${outcomeCells.length}; give ranges of the same size`,
        )
      const deals: Opportunity[] = []
      const positions: number[] = []
      for (let position = 0; position < amountCells.length; position++) {
        const cell = amountCells[position] as SheetCell
        if (cell === null) continue
        const amount = numberOfCell(cell)
        if (amount === undefined)
          throw new SheetFunctionError(
            'VALUE',
            `${name}: ${cellName(amounts, 'amounts', position)} is ${describeCell(cell)}; expected an amount`,
          )
        let status: Opportunity['status'] = 'won'
        if (outcomeCells !== null) {
          const outcome = outcomeCells[position] as SheetCell
          if (typeof outcome !== 'string')
            throw new SheetFunctionError(
              'VALUE',
              `${name}: ${cellName(outcomes as SheetRange, 'outcomes', position)} is ${describeCell(outcome)}; expected an outcome as text`,
            )
          const label = outcome.trim().toLowerCase()
          status = WON_LABELS.includes(label)
            ? 'won'
            : LOST_LABELS.includes(label)
              ? 'lost'
              : 'open'
        }
        deals.push({
          ...(status === 'won' ? WON_DEAL : status === 'lost' ? LOST_DEAL : OPEN_DEAL),
          amount,
        })
        positions.push(position)
      }
      const result = callCore(
        name,
        () => {
          const sizes = core.averageDealSizeAggregator()
          return sizes.result(sizes.addAll(sizes.initial(), deals))
        },
        inNumbers(amounts, 'amounts', { values: [], positions }),
      )
      return defined(result.mean === null ? null : result.mean.toNumber(), name, 'no won deal')
    },
  }),
  define({
    name: 'QUOTA_PACING',
    description:
      'Pace ratio of a quota as of a date: booked / (quota × the share of the period elapsed); 1 is on pace, below 1 behind. Days are calendar days, or with day_count "business" Monday–Friday with holidays skipped. #DIV/0! before the period starts.',
    parameters: [
      number('booked', 'Booked so far in the period (≥ 0).'),
      number('quota', 'The quota of the period (≥ 0).'),
      number('period_start', 'First day of the period (inclusive).'),
      number('period_end', 'Last day of the period (inclusive).'),
      number('as_of', 'The date-time to pace at; a date alone is the start of that day.'),
      optionalText('day_count', '"calendar" (default) or "business" (Monday–Friday).'),
      optionalRange('holidays', 'Dates that are not worked; with day_count "business".'),
      optionalNumber('date_system', 'Excel date system of the workbook: 1900 (default) or 1904.'),
    ],
    result: 'scalar',
    calls: 'quotaPacing',
    compute: (booked, quota, start, end, asOf, dayCountText, holidays, dateSystem) => {
      const name = 'QUOTA_PACING'
      const system = num(dateSystem, name, 'date_system', 1900)
      if (system !== 1900 && system !== 1904)
        throw new SheetFunctionError('VALUE', `${name}: date_system must be 1900 or 1904`)
      const dates = system === 1904 ? EXCEL_1904 : EXCEL_1900
      const kind = textArgument(dayCountText, name, 'day_count', 'calendar').trim().toLowerCase()
      const business = kind === 'business' || kind === 'business-days'
      if (!business && kind !== 'calendar' && kind !== 'calendar-days')
        throw new SheetFunctionError(
          'VALUE',
          `${name}: day_count is ${describeCell(dayCountText ?? null)}; expected "calendar" or "business"`,
        )
      if (holidays !== undefined && !business)
        throw new SheetFunctionError(
          'VALUE',
          `${name}: holidays are only skipped with day_count "business"`,
        )
      const days: string[] = []
      if (holidays !== undefined) {
        const cells = flatten(holidays)
        for (let position = 0; position < cells.length; position++) {
          const day = instantOf(holidays, cells, position, name, 'holidays', dates)
          if (day !== null) days.push(new Date(day).toISOString().slice(0, 10))
        }
      }
      const calendarDay = (value: SheetCell | undefined, argument: string) =>
        new Date(instantArgument(value, name, argument, dates)).toISOString().slice(0, 10)
      const input = {
        booked: num(booked, name, 'booked'),
        quota: num(quota, name, 'quota'),
        periodStart: calendarDay(start, 'period_start'),
        periodEnd: calendarDay(end, 'period_end'),
        asOf: new Date(instantArgument(asOf, name, 'as_of', dates)),
      }
      const wholeDay = [{ start: '00:00', end: '24:00' }]
      const calendar: BusinessCalendar = {
        timeZone: 'UTC',
        week: {
          monday: wholeDay,
          tuesday: wholeDay,
          wednesday: wholeDay,
          thursday: wholeDay,
          friday: wholeDay,
        },
        holidays: days,
      }
      const pace = callCore(
        name,
        () =>
          core.quotaPacing(
            {
              ownerId: name,
              periodStart: input.periodStart,
              periodEnd: input.periodEnd,
              amount: input.quota,
            },
            input.booked,
            business
              ? { asOf: input.asOf, dayCount: 'business-days', calendar }
              : { asOf: input.asOf },
          ),
        (path: MetricInputPath): Place =>
          path[0] === 'booked'
            ? { where: 'booked', cell: input.booked }
            : path[0] === 'quota' && path[1] === 'amount'
              ? { where: 'quota', cell: input.quota }
              : path[0] === 'quota' && path[1] === 'periodStart'
                ? { where: 'period_start', cell: start ?? null }
                : path[0] === 'quota' && path[1] === 'periodEnd'
                  ? { where: 'period_end', cell: end ?? null }
                  : undefined,
      )
      return defined(
        pace.paceRatio,
        name,
        'nothing is expected yet (as_of is not after the period start, or the period has no business day)',
      )
    },
  }),
  define({
    name: 'ACCOUNT_GROWTH',
    description:
      'Account growth over a window from a table of monthly revenue (account, month, amount): a row of the share of accounts expanding, the median growth and the net revenue retention, over the accounts with revenue in the from month.',
    parameters: [
      range('accounts', 'Account id of each revenue row.'),
      range('months', 'Month of each row: text "YYYY-MM" or a date in the month.'),
      range('amounts', 'Revenue of each row (≥ 0); rows of one account and month add up.'),
      {
        name: 'from',
        kind: 'text',
        description: 'First month of the window: text "YYYY-MM" or a date in it.',
      },
      {
        name: 'to',
        kind: 'text',
        description: 'Last month of the window: text "YYYY-MM" or a date in it.',
      },
      optionalNumber('date_system', 'Excel date system of the workbook: 1900 (default) or 1904.'),
    ],
    result: 'row',
    calls: 'accountGrowth',
    compute: (accounts, months, amounts, from, to, dateSystem) => {
      const name = 'ACCOUNT_GROWTH'
      const system = num(dateSystem, name, 'date_system', 1900)
      if (system !== 1900 && system !== 1904)
        throw new SheetFunctionError('VALUE', `${name}: date_system must be 1900 or 1904`)
      const dates = system === 1904 ? EXCEL_1904 : EXCEL_1900
      const [accountCells, monthCells, amountCells] = sameSizeCells(name, [
        [accounts, 'accounts'],
        [months, 'months'],
        [amounts, 'amounts'],
      ])
      const rows: { accountId: string; month: string; amount: number }[] = []
      const positions: number[] = []
      for (let position = 0; position < accountCells.length; position++) {
        const month = monthCells[position] as SheetCell
        if (accountCells[position] === null && month === null && amountCells[position] === null)
          continue
        const accountId = ownerOfCell(accounts, accountCells, position, name, 'accounts')
        if (accountId === '')
          throw new SheetFunctionError(
            'VALUE',
            `${name}: ${cellName(accounts, 'accounts', position)} is blank; every revenue row needs its account`,
          )
        let monthText: string
        if (typeof month === 'string' && /^\d{4}-\d{2}$/.test(month.trim())) {
          monthText = month.trim()
        } else {
          const time = instantOf(months, monthCells, position, name, 'months', dates)
          if (time === null)
            throw new SheetFunctionError(
              'VALUE',
              `${name}: ${cellName(months, 'months', position)} is blank; every revenue row needs its month`,
            )
          monthText = new Date(time).toISOString().slice(0, 7)
        }
        rows.push({
          accountId,
          month: monthText,
          amount: amountOfCell(amounts, amountCells, position, name, 'amounts'),
        })
        positions.push(position)
      }
      // A month is "YYYY-MM" text or a date in it (a serial; HyperFormula passes a date cell
      // to a text parameter as the serial's digits).
      const monthArgument = (value: SheetCell | undefined, argument: string): string => {
        const serial = typeof value === 'string' ? numberOfCell(value.trim()) : undefined
        if (typeof value === 'number' || serial !== undefined)
          return new Date(instantArgument(serial ?? value, name, argument, dates))
            .toISOString()
            .slice(0, 7)
        return textArgument(value, name, argument, '').trim()
      }
      const window = { from: monthArgument(from, 'from'), to: monthArgument(to, 'to') }
      const growth = callCore(
        name,
        () => core.accountGrowth(rows, window),
        (path: MetricInputPath): Place => {
          if (path[0] === 'from' || path[0] === 'to')
            return { where: path[0], cell: path[0] === 'from' ? (from ?? null) : (to ?? null) }
          const index = indexInPath(path)
          const position = index === undefined ? undefined : positions[index]
          if (position === undefined) return undefined
          const [rangeOf, argument] =
            path[1] === 'accountId'
              ? [accounts, 'accounts']
              : path[1] === 'month'
                ? [months, 'months']
                : [amounts, 'amounts']
          return {
            where: cellName(rangeOf, argument, position),
            cell: flatten(rangeOf)[position] ?? null,
          }
        },
      )
      const { shareExpanding, medianGrowth, netRevenueRetention } = growth.summary
      return [[shareExpanding, medianGrowth, netRevenueRetention]]
    },
  }),
]
