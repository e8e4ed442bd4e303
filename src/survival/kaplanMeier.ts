import { describeValue } from '../core/describeValue.js'
import { guardInput, readCriticalValue, readOptions, requireRecord } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireSameLength } from '../core/requireSameLength.js'
import { readAliasedOption, requireNonNegative, requireOneOf } from '../core/validate.js'

/**
 * The confidence-interval transforms {@link kaplanMeier} offers.
 *
 * @category Survival
 */
export const SURVIVAL_INTERVALS = ['log', 'log-log', 'plain'] as const
/**
 * One of {@link SURVIVAL_INTERVALS}.
 *
 * @category Survival
 */
export type SurvivalInterval = (typeof SURVIVAL_INTERVALS)[number]

/**
 * The observations of {@link kaplanMeier}, one entry per subject (customer).
 *
 * @category Survival
 */
export interface KaplanMeierInput {
  /** Time from the origin to the event or to censoring (≥ 0), e.g. months since signup. */
  readonly durations: ArrayLike<number>
  /** `true` / 1 when the event (churn) was observed, `false` / 0 when censored (still active). */
  readonly events: ArrayLike<boolean | number>
  /** Optional late-entry times (left truncation): at risk at t iff entry < t ≤ duration. */
  readonly entries?: ArrayLike<number>
  /** Optional case weights (≥ 0); counts become sums of weights. */
  readonly weights?: ArrayLike<number>
}

/**
 * Options of {@link kaplanMeier}.
 *
 * @category Survival
 */
export interface KaplanMeierOptions {
  /** Confidence level of the pointwise intervals; default 0.95. */
  readonly confidence?: number
  /** The interval method: `'log'` (default, R `survfit`), `'log-log'` (lifelines) or `'plain'`. */
  readonly method?: SurvivalInterval
  /**
   * The SPEC name of `method`, still accepted; both given and different is `INVALID_OPTION`.
   *
   * @deprecated Use `method`.
   */
  readonly interval?: SurvivalInterval
}

/**
 * The curve at one event time.
 *
 * @category Survival
 */
export interface KaplanMeierStep {
  readonly time: number
  /** Subjects (or weight) at risk just before `time`. */
  readonly atRisk: number
  /** Events at `time`. */
  readonly events: number
  /** Censorings at exactly `time` (they were still at risk at `time`). */
  readonly censored: number
  /** S(time), the probability of surviving past `time`. */
  readonly survival: number
  /** Greenwood standard error of `survival`; `null` where survival is 0. */
  readonly standardError: number | null
  /** Pointwise interval bounds in [0, 1]; `null` where survival is 0. */
  readonly lower: number | null
  readonly upper: number | null
}

/**
 * The result of {@link kaplanMeier}.
 *
 * @category Survival
 */
export interface KaplanMeierResult {
  /** One step per distinct event time, in time order; `[]` when there is no event. */
  readonly steps: KaplanMeierStep[]
  /** First time with survival ≤ 0.5 (R's midpoint rule at exactly 0.5); `null` if never. */
  readonly median: number | null
  /** The median's interval: the same rule applied to the lower and upper curves. */
  readonly medianInterval: { readonly lower: number | null; readonly upper: number | null }
  readonly confidence: number
  /** The interval method used (`'log'`, `'log-log'` or `'plain'`). */
  readonly method: SurvivalInterval
  /**
   * The same as `method`.
   *
   * @deprecated Read `method`; kept for 0.2.
   */
  readonly interval: SurvivalInterval
}

const HALF_TOLERANCE = Math.sqrt(Number.EPSILON)

/**
 * The Kaplan–Meier survival curve — for customers, the probability of still being a
 * customer after t periods — from durations that may be censored (customers still active),
 * with late entry, case weights, Greenwood standard errors, pointwise intervals and the
 * median lifetime with its interval. Counts right-censored customers correctly where a
 * cohort table cannot.
 *
 * ```text
 * S(t) = Π_{tᵢ ≤ t} (1 − dᵢ / nᵢ)        nᵢ = at risk: entry < tᵢ ≤ duration
 * Var(log S) = Σ dᵢ / (nᵢ (nᵢ − dᵢ))      SE(S) = S · sqrt(Var)   (Greenwood)
 * log:     S · exp(± z · sqrt(Var))                                 (R default, upper ≤ 1)
 * log-log: exp(−exp(log(−log S) ± z · sqrt(Var) / log S))           (lifelines)
 * plain:   S ± z · SE, clipped to [0, 1]
 * ```
 * Ties: events at one time are processed together, and a censoring at t is still at risk
 * at t. The median is the first time with S ≤ 0.5; where S equals 0.5 exactly, the
 * midpoint to the next event time (R). Cost: one validation pass and a sort of the times.
 *
 * @param input - `{ durations, events, entries?, weights? }`, equal lengths.
 * @param options - `confidence` (0.95), `method` (`'log'`; `interval` is its SPEC alias).
 * @returns `{ steps, median, medianInterval, confidence, method, interval }` (`interval`
 *   repeats `method`, deprecated); no events →
 *   `steps: []`, `median: null`.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE` (durations,
 *   entries, weights, path `['durations', i]` …), `VALUE_OUT_OF_RANGE` (an event that is
 *   not boolean / 0 / 1; weights whose sum or Greenwood variance overflows),
 *   `END_BEFORE_START` (entry ≥ duration), `INVALID_OPTION` (also `method` and `interval`
 *   both given and different), `VALUE_OUT_OF_RANGE` (a list
 *   that is not an array or typed array), `INVALID_RECORD` (input that throws when read).
 * @example
 * ```ts
 * const curve = kaplanMeier({ durations: [1, 2, 3, 4], events: [1, 1, 1, 1] })
 * curve.steps.map((step) => step.survival) // => [0.75, 0.5, 0.25, 0]
 * curve.median // => 2.5
 * ```
 * @see E. L. Kaplan & P. Meier (1958), JASA 53:457–481; R `survival::survfit`
 *   (`summary()` prints the same standard error); lifelines `KaplanMeierFitter`.
 * @category Survival
 */
export function kaplanMeier(
  input: KaplanMeierInput,
  options?: KaplanMeierOptions,
): KaplanMeierResult {
  return guardInput('kaplanMeier', () => estimateSurvival(input, options))
}

function estimateSurvival(
  input: KaplanMeierInput,
  given: KaplanMeierOptions | undefined,
): KaplanMeierResult {
  const metric = 'kaplanMeier'
  const options = readOptions(given, metric)
  const interval = readSurvivalMethod(options, metric)
  const confidence = options.confidence ?? 0.95
  const z = readCriticalValue(confidence, metric)
  requireRecord(input, metric, [], 'input')
  const columns = sortObservations(input, metric)
  const steps = walk(columns, z, interval, metric)
  return {
    steps,
    median: firstTimeAtOrBelowHalf(steps, (step) => step.survival),
    medianInterval: {
      lower: firstTimeAtOrBelowHalf(steps, (step) => step.lower),
      upper: firstTimeAtOrBelowHalf(steps, (step) => step.upper),
    },
    confidence,
    method: interval,
    interval,
  }
}

/**
 * The observations of {@link kaplanMeierFromCounts}: per distinct time, how many subjects
 * had the event, were censored and (with late entry) entered there. Position `i` of every
 * list describes `times[i]`; a time may repeat (its counts add up) and come in any order.
 *
 * @category Survival
 */
export interface KaplanMeierCountsInput {
  /** The times (≥ 0), e.g. months since signup. */
  readonly times: ArrayLike<number>
  /** Subjects whose event (churn) happened at `times[i]`: whole numbers ≥ 0. */
  readonly events: ArrayLike<number>
  /** Subjects censored (still active) at `times[i]`: whole numbers ≥ 0. */
  readonly censored: ArrayLike<number>
  /**
   * Optional late entry: subjects that entered at `times[i]` (at risk at t iff entry < t ≤
   * duration). With it, every subject is counted once in `entries`: the entries add up to
   * the events plus the censored, and by every time at least as many subjects have entered
   * strictly before it as have left at or before it.
   */
  readonly entries?: ArrayLike<number>
}

/**
 * The Kaplan–Meier curve from counts per distinct time instead of one entry per subject —
 * the form a database returns from `GROUP BY duration` (see `kaplanMeierSql` in
 * `cx-metrics/sql`). It is {@link kaplanMeier} on the subjects those counts describe:
 * `n` events at time t are `n` subjects with duration t and an event, and so on, with the
 * same steps, standard errors, intervals and median, bit for bit (the estimator only ever
 * adds whole counts, which floats add exactly). The per-subject form has a separate name
 * because its `events` are 0/1 flags while these are counts.
 *
 * ```text
 * subjects = Σ events + Σ censored;   at risk at t = entered before t − left before t
 * S(t) = Π_{tᵢ ≤ t} (1 − dᵢ / nᵢ)      (as kaplanMeier)
 * ```
 *
 * @param input - `{ times, events, censored, entries? }`, equal lengths, whole counts ≥ 0.
 * @param options - `confidence` (0.95), `method` (`'log'`; `interval` is its SPEC alias).
 * @returns The same `{ steps, median, medianInterval, confidence, method, interval }` as
 *   {@link kaplanMeier}.
 * @throws MetricInputError `LENGTH_MISMATCH`; `NOT_FINITE` / `NEGATIVE_VALUE` (a time or
 *   count, path `['times', i]`, `['events', i]` …); `VALUE_OUT_OF_RANGE` (a count that is not
 *   a whole number, counts adding up past 2⁵³ − 1, a list that is not an array);
 *   `END_BEFORE_START` (entries that do not add up to the subjects, or subjects leaving
 *   before as many have entered); `INVALID_OPTION`; `INVALID_RECORD`.
 * @example
 * ```ts
 * // The subjects of kaplanMeier's example, 1, 2, 3, 4 with an event each, as counts:
 * const curve = kaplanMeierFromCounts({ times: [1, 2, 3, 4], events: [1, 1, 1, 1], censored: [0, 0, 0, 0] })
 * curve.steps.map((step) => step.survival) // => [0.75, 0.5, 0.25, 0]
 * curve.median // => 2.5
 * ```
 * @see kaplanMeier, the per-subject form.
 * @category Survival
 */
export function kaplanMeierFromCounts(
  input: KaplanMeierCountsInput,
  options?: KaplanMeierOptions,
): KaplanMeierResult {
  return guardInput('kaplanMeierFromCounts', () => {
    const metric = 'kaplanMeierFromCounts'
    const checked = readOptions(options, metric)
    const interval = readSurvivalMethod(checked, metric)
    const confidence = checked.confidence ?? 0.95
    const z = readCriticalValue(confidence, metric)
    requireRecord(input, metric, [], 'input')
    const steps = walk(countObservations(input, metric), z, interval, metric)
    return {
      steps,
      median: firstTimeAtOrBelowHalf(steps, (step) => step.survival),
      medianInterval: {
        lower: firstTimeAtOrBelowHalf(steps, (step) => step.lower),
        upper: firstTimeAtOrBelowHalf(steps, (step) => step.upper),
      },
      confidence,
      method: interval,
      interval,
    }
  })
}

/** A count: a whole number ≥ 0 (`NOT_FINITE`, `NEGATIVE_VALUE`, `VALUE_OUT_OF_RANGE`). */
function requireCount(value: number, metric: string, field: string, index: number): number {
  const count = requireTime(value, metric, field, index)
  if (Number.isSafeInteger(count)) return count + 0
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path: [field, index],
    message: `${metric}: ${field} at index ${index} is ${describeValue(value)}; a count must be a whole number`,
  })
}

/** The counts as weighted observations of {@link walk}, checked. */
function countObservations(input: KaplanMeierCountsInput, metric: string): Observations {
  const { times, events, censored, entries } = input
  const n = requireLength(times, 'times', metric)
  requireSameLengthAs(events, n, 'events', metric, 'times')
  requireSameLengthAs(censored, n, 'censored', metric, 'times')
  if (entries !== undefined) requireSameLengthAs(entries, n, 'entries', metric, 'times')
  // One read of every value, checked as it is copied.
  const time = new Float64Array(n)
  const died = new Float64Array(n)
  const lost = new Float64Array(n)
  const entered = entries === undefined ? null : new Float64Array(n)
  let subjects = 0
  let entrySum = 0
  for (let index = 0; index < n; index++) {
    time[index] = requireTime(times[index] as number, metric, 'times', index) + 0
    died[index] = requireCount(events[index] as number, metric, 'events', index)
    lost[index] = requireCount(censored[index] as number, metric, 'censored', index)
    subjects += (died[index] as number) + (lost[index] as number)
    if (entered !== null) {
      entered[index] = requireCount(
        (entries as ArrayLike<number>)[index] as number,
        metric,
        'entries',
        index,
      )
      entrySum += entered[index] as number
    }
    if (subjects > Number.MAX_SAFE_INTEGER || entrySum > Number.MAX_SAFE_INTEGER) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: [index],
        message: `${metric}: the counts up to index ${index} add up to more than 2^53 − 1`,
      })
    }
  }
  const eventTimes = sortTogether(time.slice(), died)
  const censorTimes = sortTogether(time.slice(), lost)
  let entryTimes: SortedTimes | null = null
  if (entered !== null) {
    if (entrySum !== subjects) {
      throw new MetricInputError({
        code: 'END_BEFORE_START',
        metric,
        path: ['entries'],
        message: `${metric}: the entries add up to ${entrySum} but there are ${subjects} subjects (events + censored); count every subject once in entries`,
      })
    }
    entryTimes = sortTogether(time.slice(), entered)
    // By every time t, subjects that left at or before t entered strictly before t.
    const exits = sortTogether(
      time.slice(),
      Float64Array.from(died, (value, index) => value + (lost[index] as number)),
    )
    let enteredBefore = 0
    let left = 0
    let entryIndex = 0
    for (let index = 0; index < n; index++) {
      const at = exits.times[index] as number
      while (entryIndex < n && (entryTimes.times[entryIndex] as number) < at) {
        enteredBefore += (entryTimes.weights as Float64Array)[entryIndex++] as number
      }
      left += (exits.weights as Float64Array)[index] as number
      if (left > enteredBefore) {
        throw new MetricInputError({
          code: 'END_BEFORE_START',
          metric,
          path: ['times'],
          message: `${metric}: by time ${at}, ${left} subjects have left but only ${enteredBefore} entered before it; a subject must enter before its event or censoring`,
        })
      }
    }
  }
  return { events: eventTimes, censorings: censorTimes, entries: entryTimes, totalWeight: subjects }
}

/** Times in ascending order with their weights (`null` = every weight 1). */
interface SortedTimes {
  readonly times: Float64Array
  readonly weights: Float64Array | null
}

interface Observations {
  readonly events: SortedTimes
  readonly censorings: SortedTimes
  readonly entries: SortedTimes | null
  readonly totalWeight: number
}

function sortObservations(input: KaplanMeierInput, metric: string): Observations {
  const { durations, events, entries, weights } = input
  const n = requireLength(durations, 'durations', metric)
  requireSameLengthAs(events, n, 'events', metric)
  if (entries !== undefined) requireSameLengthAs(entries, n, 'entries', metric)
  if (weights !== undefined) requireSameLengthAs(weights, n, 'weights', metric)
  // One pass checks every value before anything is allocated, so a list-like with a huge
  // length and no values is refused at index 0 rather than allocated.
  let eventCount = 0
  let totalWeight = weights === undefined ? n : 0
  for (let index = 0; index < n; index++) {
    const duration = requireTime(durations[index] as number, metric, 'durations', index)
    const event = events[index]
    if (event === true || event === 1) {
      eventCount++
    } else if (!(event === false || event === 0)) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: ['events', index],
        message: `${metric}: event at index ${index} is ${describeValue(event)}; events must be true/false or 1/0`,
      })
    }
    if (entries !== undefined) {
      const entry = requireTime(entries[index] as number, metric, 'entries', index)
      if (entry >= duration) {
        throw new MetricInputError({
          code: 'END_BEFORE_START',
          metric,
          path: ['entries', index],
          message: `${metric}: entry at index ${index} is ${entry} but duration is ${duration}; a subject must enter before its event or censoring`,
        })
      }
    }
    if (weights !== undefined) {
      totalWeight += requireTime(weights[index] as number, metric, 'weights', index)
      if (totalWeight === Number.POSITIVE_INFINITY) {
        throw new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric,
          path: ['weights', index],
          message: `${metric}: the weights up to index ${index} add up to more than the largest number`,
        })
      }
    }
  }
  // Values are read again below (checked again: a getter need not answer twice alike).
  const isEvent = new Uint8Array(n)
  let eventsSeen = 0
  for (let index = 0; index < n; index++) {
    const event = events[index]
    if (event === true || event === 1) {
      isEvent[index] = 1
      eventsSeen++
    }
  }
  if (eventsSeen !== eventCount) {
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric,
      path: ['events'],
      message: `${metric}: events changed while being read; pass plain arrays`,
    })
  }
  const pick = (
    values: ArrayLike<number>,
    field: string,
    wanted: 0 | 1 | null,
    count: number,
  ): SortedTimes => {
    const times = new Float64Array(count)
    const picked = weights === undefined ? null : new Float64Array(count)
    let next = 0
    for (let index = 0; index < n; index++) {
      if (wanted !== null && isEvent[index] !== wanted) continue
      // + 0 turns −0 into 0; the value is checked again as it is copied.
      times[next] = requireTime(values[index] as number, metric, field, index) + 0
      if (picked !== null)
        picked[next] = requireTime(weights![index] as number, metric, 'weights', index)
      next++
    }
    return sortTogether(times, picked)
  }
  return {
    events: pick(durations, 'durations', 1, eventCount),
    censorings: pick(durations, 'durations', 0, n - eventCount),
    entries: entries === undefined ? null : pick(entries, 'entries', null, n),
    totalWeight,
  }
}

/** Sorts times ascending, carrying the weights along. */
function sortTogether(times: Float64Array, weights: Float64Array | null): SortedTimes {
  if (weights === null) return { times: times.sort(), weights: null }
  const order = new Uint32Array(times.length)
  for (let index = 0; index < order.length; index++) order[index] = index
  order.sort((a, b) => (times[a] as number) - (times[b] as number))
  const sortedTimes = new Float64Array(times.length)
  const sortedWeights = new Float64Array(times.length)
  for (let index = 0; index < order.length; index++) {
    sortedTimes[index] = times[order[index] as number] as number
    sortedWeights[index] = weights[order[index] as number] as number
  }
  return { times: sortedTimes, weights: sortedWeights }
}

function walk(
  columns: Observations,
  z: number,
  interval: SurvivalInterval,
  metric: string,
): KaplanMeierStep[] {
  const { events, censorings, entries, totalWeight } = columns
  const weightOf = (sorted: SortedTimes, index: number) =>
    sorted.weights === null ? 1 : (sorted.weights[index] as number)
  const steps: KaplanMeierStep[] = []
  let survival = 1
  let varianceOfLog = 0
  let removed = 0 // weight with duration < t
  let entered = entries === null ? totalWeight : 0 // weight with entry < t
  let censorIndex = 0
  let entryIndex = 0
  let eventIndex = 0
  while (eventIndex < events.times.length) {
    const time = events.times[eventIndex] as number
    while (
      censorIndex < censorings.times.length &&
      (censorings.times[censorIndex] as number) < time
    ) {
      removed += weightOf(censorings, censorIndex++)
    }
    if (entries !== null) {
      while (entryIndex < entries.times.length && (entries.times[entryIndex] as number) < time) {
        entered += weightOf(entries, entryIndex++)
      }
    }
    const atRisk = entered - removed
    let died = 0
    while (eventIndex < events.times.length && events.times[eventIndex] === time)
      died += weightOf(events, eventIndex++)
    let censoredHere = 0
    for (
      let look = censorIndex;
      look < censorings.times.length && censorings.times[look] === time;
      look++
    ) {
      censoredHere += weightOf(censorings, look)
    }
    removed += died
    if (died <= 0) continue
    const survivors = atRisk - died
    if (survivors <= 1e-12 * atRisk) {
      survival = 0
    } else {
      survival *= survivors / atRisk
      varianceOfLog += died / atRisk / survivors
      if (varianceOfLog === Number.POSITIVE_INFINITY) {
        throw new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric,
          message: `${metric}: the Greenwood variance at time ${time} overflows; the weights at risk are too small`,
        })
      }
    }
    steps.push({
      time,
      atRisk,
      events: died,
      censored: censoredHere,
      survival,
      ...bounds(survival, varianceOfLog, z, interval),
    })
  }
  return steps
}

function bounds(survival: number, varianceOfLog: number, z: number, interval: SurvivalInterval) {
  if (survival === 0) return { standardError: null, lower: null, upper: null }
  const spread = Math.sqrt(varianceOfLog)
  const standardError = survival * spread
  if (interval === 'log') {
    return {
      standardError,
      lower: survival * Math.exp(-z * spread),
      upper: Math.min(1, survival * Math.exp(z * spread)),
    }
  }
  if (interval === 'plain') {
    return {
      standardError,
      lower: Math.max(0, survival - z * standardError),
      upper: Math.min(1, survival + z * standardError),
    }
  }
  if (survival === 1) return { standardError, lower: 1, upper: 1 }
  const logMinusLog = Math.log(-Math.log(survival))
  const shift = (z * spread) / Math.log(survival)
  return {
    standardError,
    lower: Math.exp(-Math.exp(logMinusLog - shift)),
    upper: Math.exp(-Math.exp(logMinusLog + shift)),
  }
}

/** First step time with value ≤ 0.5; at exactly 0.5, the midpoint to the next step. */
function firstTimeAtOrBelowHalf(
  steps: readonly KaplanMeierStep[],
  curveOf: (step: KaplanMeierStep) => number | null,
): number | null {
  for (let index = 0; index < steps.length; index++) {
    const value = curveOf(steps[index] as KaplanMeierStep)
    if (value === null) continue
    const time = (steps[index] as KaplanMeierStep).time
    if (Math.abs(value - 0.5) <= HALF_TOLERANCE) {
      const next = steps[index + 1]
      return next === undefined ? time : time + (next.time - time) / 2
    }
    if (value < 0.5) return time
  }
  return null
}

/** The length of a list of values: a safe integer ≥ 0 (`VALUE_OUT_OF_RANGE` otherwise). */
function requireLength(values: ArrayLike<unknown>, field: string, metric: string): number {
  const length =
    (typeof values === 'object' && values !== null) || typeof values === 'string'
      ? (values as ArrayLike<unknown>).length
      : undefined
  if (
    typeof values === 'object' &&
    values !== null &&
    Number.isSafeInteger(length) &&
    (length as number) >= 0
  ) {
    return length as number
  }
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path: [field],
    message: `${metric}: ${field} is ${describeValue(values)}${length === undefined ? '' : ` with length ${describeValue(length)}`}; it must be an array or typed array`,
  })
}

function requireSameLengthAs(
  values: ArrayLike<unknown>,
  length: number,
  field: string,
  metric: string,
  reference = 'durations',
): void {
  requireLength(values, field, metric)
  requireSameLength(values, length, metric, [field], reference)
}

/** The value when it is a finite number ≥ 0; otherwise the error, with its place built only then. */
function requireTime(value: number, metric: string, field: string, index: number): number {
  // `typeof` first: `null >= 0` is true in JavaScript, and a null must not be read as 0.
  if (typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY) return value
  return requireNonNegative(value, metric, [field, index], `${field} at index ${index}`)
}

/**
 * Option `method` (or its SPEC alias `interval`), default `'log'`: `INVALID_OPTION` for
 * another value or for both given and different. Internal.
 */
export function readSurvivalMethod(options: KaplanMeierOptions, metric: string): SurvivalInterval {
  const method = readAliasedOption<SurvivalInterval>(options, 'method', 'interval', metric)
  return requireOneOf(
    method ?? 'log',
    SURVIVAL_INTERVALS,
    metric,
    options.method === undefined && options.interval !== undefined ? 'interval' : 'method',
  )
}
