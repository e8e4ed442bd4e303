import { betaQuantile, betaTailQuantile } from './betaQuantile.js'
import { criticalValue } from './criticalValue.js'
import { describeValue } from './describeValue.js'
import { guardInput, readOptions, requireList, requireRow } from './inputGuards.js'
import { MetricInputError } from './MetricInputError.js'
import { requireNonNegative } from './validate.js'
import { wilsonBounds } from './wilsonInterval.js'

/**
 * One row of {@link shrunkRates}' input: successes out of trials (a rep's won deals of
 * closed deals, converted leads of leads, …). Other fields are ignored.
 *
 * @category Core
 */
export interface ShrunkRatesInput {
  /** Successes, a finite number ≥ 0 and ≤ `trials` (weighted data may be fractional). */
  readonly successes: number
  /** Trials, a finite number ≥ 0, at most 2⁵³ − 1. */
  readonly trials: number
}

/**
 * Options of {@link shrunkRates}.
 *
 * @category Core
 */
export interface ShrunkRatesOptions {
  /** Confidence of each row's interval, strictly between 0 and 1; default 0.95. */
  readonly confidence?: number
}

/**
 * The fitted Beta prior of {@link shrunkRates}: the team's rate distribution.
 *
 * @category Core
 */
export interface ShrunkRatesPrior {
  /** Beta α = p̂ · (α + β); 0 (with β 0) when the fit says "no pooling" (ρ ≥ 1). */
  readonly alpha: number
  /** Beta β = (1 − p̂) · (α + β). */
  readonly beta: number
}

/**
 * One output row of {@link shrunkRates}, in input order.
 *
 * @category Core
 */
export interface ShrunkRatesRow {
  readonly successes: number
  readonly trials: number
  /** The raw rate successes / trials; `null` for 0 trials. */
  readonly rate: number | null
  /** (successes + α) / (trials + α + β); p̂ with a `null` prior; `null` when nobody has trials. */
  readonly shrunk: number | null
  /** Lower bound of the posterior (or pooled Wilson) interval; `null` when nobody has trials. */
  readonly lower: number | null
  /** Upper bound of the same interval. */
  readonly upper: number | null
}

/**
 * The result of {@link shrunkRates}.
 *
 * @category Core
 */
export interface ShrunkRatesResult {
  /** The fitted prior; `null` when the rows show no spread beyond chance (see the formula). */
  readonly prior: ShrunkRatesPrior | null
  /** The pooled rate p̂ = Σ successes / Σ trials; `null` when there are no trials. */
  readonly pooledRate: number | null
  /** The confidence of `lower` / `upper`. */
  readonly confidence: number
  /** One row per input row, in input order. */
  readonly rows: ShrunkRatesRow[]
}

const METRIC = 'shrunkRates'

/**
 * Rates made fair for small samples: each row's rate shrunk toward the team's rate by an
 * empirical-Bayes beta-binomial fit (the weighted method of moments of Kleinman 1973), so
 * that a rep with 2 wins of 2 does not outrank one with 40 of 60 — rank by `shrunk`, not
 * by `rate`.
 *
 * ```text
 * k rows with nᵢ > 0,  N = Σnᵢ,  p̂ = Σsᵢ / N,  S = Σ nᵢ (sᵢ/nᵢ − p̂)²
 * ρ = (S / (p̂(1 − p̂)) − (k − 1)) / (N − Σnᵢ²/N − (k − 1))
 * α + β = 1/ρ − 1,  α = p̂(α + β),  β = (1 − p̂)(α + β)
 * shrunk = (sᵢ + α) / (nᵢ + α + β);  [lower, upper] = equal-tailed Beta(sᵢ + α, nᵢ − sᵢ + β)
 * prior null (ρ ≤ 0, k < 2, p̂ ∈ {0, 1}, or every nᵢ = 1 so the denominator is 0):
 *   shrunk = p̂, [lower, upper] = Wilson interval of Σsᵢ of N
 * ρ ≥ 1 (more spread than binomials can show): prior { alpha: 0, beta: 0 },
 *   shrunk = sᵢ/nᵢ, [lower, upper] = Wilson interval of sᵢ of nᵢ
 * ```
 * A row with 0 trials has `rate: null`, and gets the prior's mean p̂ and the prior's own
 * interval. Pitfall: the fit needs several rows; with two or three reps it is noisy.
 *
 * @param rows - `{ successes, trials }` per rep (or segment, source, …).
 * @param options - `confidence` (0.95).
 * @returns `{ prior, pooledRate, confidence, rows }`, rows in input order; every number in [0, 1].
 * @throws MetricInputError `NOT_FINITE`, `NEGATIVE_VALUE` (`[i, 'successes']`,
 *   `[i, 'trials']`), `SUCCESSES_EXCEED_TRIALS` (`[i, 'successes']`), `VALUE_OUT_OF_RANGE`
 *   (trials above 2⁵³ − 1; `rows` not an array, path `[]`), `INVALID_RECORD` (a row that is
 *   not an object, `[i]`), `INVALID_OPTION` (`['confidence']`, options not an object).
 * @example
 * ```ts
 * const fair = shrunkRates([
 *   { successes: 2, trials: 2 }, { successes: 40, trials: 60 }, { successes: 10, trials: 40 },
 *   { successes: 20, trials: 40 }, { successes: 8, trials: 20 },
 * ])
 * fair.rows.map((row) => row.rate) // => [1, 0.6666666666666666, 0.25, 0.5, 0.4]
 * fair.rows[0].shrunk < fair.rows[1].shrunk // => true
 * ```
 * @see M. Kleinman (1973), "Proportions with extraneous variance: single and independent
 *   samples", JASA 68:46–54; D. Robinson, "Introduction to Empirical Bayes" (2017), ch. 3.
 * @category Core
 */
export function shrunkRates(
  rows: readonly ShrunkRatesInput[],
  options?: ShrunkRatesOptions,
): ShrunkRatesResult {
  return guardInput(METRIC, () => computeShrunkRates(rows, options))
}

function computeShrunkRates(
  list: readonly ShrunkRatesInput[],
  given: ShrunkRatesOptions | undefined,
): ShrunkRatesResult {
  const rows = requireList(list, METRIC, 'rows')
  const confidence = readOptions(given, METRIC).confidence ?? 0.95
  const z = criticalValue(confidence, METRIC)
  const length = rows.length
  const successes = new Float64Array(length)
  const trials = new Float64Array(length)
  let totalSuccesses = 0
  let totalTrials = 0
  let k = 0
  for (let index = 0; index < length; index++) {
    const row = requireRow(rows[index] as ShrunkRatesInput, METRIC, index, 'row')
    const s = requireNonNegative(
      row.successes,
      METRIC,
      [index, 'successes'],
      `successes at index ${index}`,
    )
    const n = requireNonNegative(row.trials, METRIC, [index, 'trials'], `trials at index ${index}`)
    if (n > Number.MAX_SAFE_INTEGER) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric: METRIC,
        path: [index, 'trials'],
        message: `${METRIC}: trials at index ${index} is ${describeValue(n)}; at most ${Number.MAX_SAFE_INTEGER} trials are supported`,
      })
    }
    if (s > n) {
      throw new MetricInputError({
        code: 'SUCCESSES_EXCEED_TRIALS',
        metric: METRIC,
        path: [index, 'successes'],
        message: `${METRIC}: successes at index ${index} is ${s} but trials is ${n}; successes cannot exceed trials`,
      })
    }
    // `+ 0` turns a −0 into 0.
    successes[index] = s + 0
    trials[index] = n + 0
    totalSuccesses += s
    totalTrials += n
    if (n > 0) k++
  }
  const out: ShrunkRatesRow[] = new Array(length)
  if (totalTrials === 0) {
    for (let index = 0; index < length; index++) {
      out[index] = row(successes[index] as number, 0, null, null, null)
    }
    return { prior: null, pooledRate: null, confidence, rows: out }
  }
  const pooled = totalSuccesses / totalTrials
  const prior = fitPrior(successes, trials, pooled, totalTrials, k)
  const lowerTail = (1 - confidence) / 2
  if (prior === null) {
    const bounds = wilsonBounds(totalSuccesses, totalTrials, z)
    for (let index = 0; index < length; index++) {
      out[index] = row(
        successes[index] as number,
        trials[index] as number,
        pooled,
        bounds?.lower ?? null,
        bounds?.upper ?? null,
      )
    }
    return { prior: null, pooledRate: pooled, confidence, rows: out }
  }
  const { alpha, beta } = prior
  for (let index = 0; index < length; index++) {
    const s = successes[index] as number
    const n = trials[index] as number
    if (alpha === 0) {
      // No pooling: each row on its own counts (a row without trials gets p̂ and no interval).
      const bounds = wilsonBounds(s, n, z)
      out[index] = row(s, n, n === 0 ? pooled : s / n, bounds?.lower ?? null, bounds?.upper ?? null)
      continue
    }
    const a = s + alpha
    const b = n - s + beta
    out[index] = row(
      s,
      n,
      a / (n + alpha + beta),
      betaQuantile(lowerTail, a, b),
      betaTailQuantile(lowerTail, a, b, true),
    )
  }
  return { prior, pooledRate: pooled, confidence, rows: out }
}

function row(
  successes: number,
  trials: number,
  shrunk: number | null,
  lower: number | null,
  upper: number | null,
): ShrunkRatesRow {
  return {
    successes,
    trials,
    rate: trials === 0 ? null : successes / trials,
    shrunk,
    lower,
    upper,
  }
}

/** The weighted moment fit (see {@link shrunkRates}); `null` when it gives no Beta prior. */
function fitPrior(
  successes: Float64Array,
  trials: Float64Array,
  pooled: number,
  totalTrials: number,
  k: number,
): ShrunkRatesPrior | null {
  if (k < 2 || pooled === 0 || pooled === 1) return null
  let spread = 0
  let squaresOverTotal = 0
  for (let index = 0; index < trials.length; index++) {
    const n = trials[index] as number
    if (n === 0) continue
    const deviation = (successes[index] as number) / n - pooled
    spread += n * deviation * deviation
    squaresOverTotal += n * (n / totalTrials)
  }
  const denominator = totalTrials - squaresOverTotal - (k - 1)
  // Every nᵢ = 1 makes the denominator 0 (up to rounding): one trial per row says nothing
  // about the spread between rows.
  if (!(denominator > 1e-12 * totalTrials)) return null
  const rho = (spread / (pooled * (1 - pooled)) - (k - 1)) / denominator
  if (!(rho > 0)) return null
  if (rho >= 1) return { alpha: 0, beta: 0 }
  const strength = 1 / rho - 1
  return { alpha: pooled * strength, beta: (1 - pooled) * strength }
}
