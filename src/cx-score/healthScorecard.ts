import { criticalValue } from '../core/criticalValue.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError, requireList, requireOneOf } from '../core/validate.js'
import type { CxComponent, CxDirection } from './CxComponent.js'
import {
  CX_SCORE_MISSING_POLICIES,
  type CxContribution,
  type CxScoreMissingPolicy,
  type CxScoreResult,
  readComponent,
  scoreComponents,
} from './cxScore.js'

/**
 * One component of a scorecard: a metric's scale and weight; each account supplies the value.
 *
 * @category CX score
 */
export interface ScorecardComponent {
  readonly name: string
  readonly range: readonly [number, number]
  readonly weight: number
  readonly direction?: CxDirection
}

/**
 * A band of scores from `min` (inclusive) up to the next band's `min`.
 *
 * @category CX score
 */
export interface ScoreBand {
  readonly name: string
  readonly min: number
}

/**
 * What a scorecard is made of.
 *
 * @category CX score
 */
export interface HealthScorecardDefinition {
  readonly components: readonly ScorecardComponent[]
  /** Default red from 0, yellow from 50, green from 75. */
  readonly bands?: readonly ScoreBand[]
  /** As `cxScore`; default `'renormalize'`. */
  readonly missing?: CxScoreMissingPolicy
}

/**
 * One account's metric values, now and optionally in the previous period.
 *
 * @category CX score
 */
export interface AccountMetrics {
  readonly id: string
  readonly values: Readonly<Record<string, number | null | undefined>>
  readonly previous?: Readonly<Record<string, number | null | undefined>>
}

/**
 * One account's health.
 *
 * @category CX score
 */
export interface AccountHealth {
  readonly id: string
  readonly score: number | null
  /** The band of the score; `null` when unscored. */
  readonly band: string | null
  readonly coverage: number
  readonly contributions: CxContribution[]
  /** Score change against the previous period; `null` without one. */
  readonly change: number | null
  /** The component whose points moved most against the previous period, and by how many. */
  readonly biggestMover: { readonly name: string; readonly pointsChange: number } | null
}

/**
 * The scores of many accounts, with counts per band.
 *
 * @category CX score
 */
export interface HealthScorecardResult {
  readonly accounts: AccountHealth[]
  /** Accounts per band, and `unscored` for accounts with no value at all. */
  readonly counts: Readonly<Record<string, number>>
}

/**
 * The most bands a scorecard takes; more is refused (`INVALID_OPTION`).
 *
 * @category CX score
 */
export const MAX_BANDS = 100_000

const DEFAULT_BANDS: readonly ScoreBand[] = [
  { name: 'red', min: 0 },
  { name: 'yellow', min: 50 },
  { name: 'green', min: 75 },
]

/**
 * An account health scorecard: one composite CX score definition applied to many accounts,
 * each scored 0..100 and put in a band (red < 50 ≤ yellow < 75 ≤ green by default), with the
 * component that moved the score most since the previous period — the question a customer
 * success manager asks first. `scoreAccountHealth` is the builder's verb name;
 * `healthScorecard` (the SPEC name) is the same builder, naming itself in its errors.
 *
 * ```text
 * score(account) = cxScore(components with the account's values)
 * band = the last band whose min ≤ score
 * biggest mover = argmax |points_now − points_previous| over components
 * ```
 *
 * @param definition - `{ components, bands?, missing? }`, checked once here.
 * @returns A function scoring a list of accounts: `{ accounts, counts }`.
 * Bands are checked once and searched by bisection, so scoring costs the same with 3 or
 * 30,000 bands (at most {@link MAX_BANDS}, 100,000).
 *
 * @throws MetricInputError `INVALID_OPTION` for the definition (no components; a component
 *   with a bad name, range, weight or direction, or a repeated name — path
 *   `['components', i, field]`; a `missing` that is not one of
 *   {@link CX_SCORE_MISSING_POLICIES}; bands not ascending, a band name repeated, more than
 *   100,000 bands); from the returned function, for an account's value, `cxScore`'s codes
 *   (`VALUE_OUT_OF_RANGE`, `NOT_FINITE`, `MISSING_VALUE`) naming the builder called, with
 *   path `[accountIndex, 'values' | 'previous', componentName]`, and `VALUE_OUT_OF_RANGE` for
 *   accounts that are not a list of `{ id, values }` objects.
 * @example
 * ```ts
 * const score = scoreAccountHealth({
 *   components: [
 *     { name: 'NPS', range: [-100, 100], weight: 1 },
 *     { name: 'Usage', range: [0, 1], weight: 1 },
 *   ],
 * })
 * const { accounts, counts } = score([
 *   { id: 'acme', values: { NPS: 60, Usage: 0.9 }, previous: { NPS: 20, Usage: 0.9 } },
 *   { id: 'globex', values: { NPS: -40, Usage: 0.3 } },
 * ])
 * accounts.map((a) => [a.id, a.score, a.band, a.biggestMover?.name ?? null]) // => [['acme', 85, 'green', 'NPS'], ['globex', 30, 'red', null]]
 * counts // => { red: 1, yellow: 0, green: 1, unscored: 0 }
 * ```
 * @see cxScore; Gainsight-style health scores (bands and drivers).
 * @category CX score
 */
export function scoreAccountHealth(
  definition: HealthScorecardDefinition,
): (accounts: readonly AccountMetrics[]) => HealthScorecardResult {
  return buildScorecard(definition, 'scoreAccountHealth')
}

/**
 * The SPEC name of {@link scoreAccountHealth}: the same builder with the same results; its
 * errors name `healthScorecard`.
 *
 * @param definition - `{ components, bands?, missing? }`.
 * @returns A function scoring a list of accounts: `{ accounts, counts }`.
 * @throws MetricInputError as {@link scoreAccountHealth}, naming `healthScorecard`, e.g.
 *   `VALUE_OUT_OF_RANGE` with path `[0, 'values', 'NPS']` for an NPS of 150 in account 0.
 * @example
 * ```ts
 * const score = healthScorecard({ components: [{ name: 'NPS', range: [-100, 100], weight: 1 }] })
 * score([{ id: 'acme', values: { NPS: 50 } }]).accounts[0]?.band // => 'green'
 * ```
 * @category CX score
 */
export function healthScorecard(
  definition: HealthScorecardDefinition,
): (accounts: readonly AccountMetrics[]) => HealthScorecardResult {
  return buildScorecard(definition, 'healthScorecard')
}

function buildScorecard(
  definition: HealthScorecardDefinition,
  metric: string,
): (accounts: readonly AccountMetrics[]) => HealthScorecardResult {
  try {
    const invalid = (path: (string | number)[], message: string) =>
      new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path,
        message: `${metric}: ${message}`,
      })
    if (typeof definition !== 'object' || definition === null) {
      throw invalid(
        [],
        `definition is ${describeValue(definition)}; it must be { components, bands? }`,
      )
    }
    const components = definition.components
    if (!Array.isArray(components) || components.length === 0)
      throw invalid(['components'], 'a scorecard needs a list of at least one component')
    // The definition is checked once, as options: each component without a value yet.
    const names = new Set<string>()
    for (let index = 0; index < components.length; index++) {
      try {
        readComponent({ ...components[index], value: null } as CxComponent, index, metric, names)
      } catch (error) {
        if (!(error instanceof MetricInputError)) throw error
        throw invalid(['components', ...(error.path ?? [])], error.message.replace(/^[^:]*: /, ''))
      }
    }
    const missing = requireOneOf(
      definition.missing ?? 'renormalize',
      CX_SCORE_MISSING_POLICIES,
      metric,
      'missing',
    )
    const z = criticalValue(0.95, metric)
    const given = definition.bands ?? DEFAULT_BANDS
    if (!Array.isArray(given) || given.length > MAX_BANDS) {
      throw invalid(
        ['bands'],
        `bands must be a list of at most ${MAX_BANDS} bands; got ${Array.isArray(given) ? `${given.length} bands` : describeValue(given)}`,
      )
    }
    const bands: ScoreBand[] = []
    const bandNames = new Set<string>(['unscored'])
    for (let index = 0; index < given.length; index++) {
      const band = given[index] as ScoreBand
      if (typeof band !== 'object' || band === null) {
        throw invalid(
          ['bands', index],
          `band ${index} is ${describeValue(band)}; it must be { name, min }`,
        )
      }
      const { name, min } = band
      if (
        typeof min !== 'number' ||
        !Number.isFinite(min) ||
        (index > 0 && min <= (bands[index - 1] as ScoreBand).min)
      ) {
        throw invalid(
          ['bands', index, 'min'],
          `band ${describeValue(name)} must start above the previous band (mins ascending)`,
        )
      }
      if (typeof name !== 'string' || bandNames.has(name)) {
        throw invalid(
          ['bands', index, 'name'],
          `band name ${describeValue(name)} is repeated or reserved`,
        )
      }
      bandNames.add(name)
      bands.push({ name, min: min + 0 })
    }
    const mins = Float64Array.from(bands, (band) => band.min)
    const componentsOf = (
      values: AccountMetrics['values'],
      index: number,
      field: 'values' | 'previous',
    ): CxComponent[] => {
      if (typeof values !== 'object' || values === null) {
        throw new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric,
          path: [index, field],
          message: `${metric}: ${field} of the account at index ${index} is ${describeValue(values)}; it must be an object of metric values by component name`,
        })
      }
      return components.map((component) => ({
        ...component,
        value: Object.hasOwn(values, component.name) ? (values[component.name] ?? null) : null,
      }))
    }
    // The last band whose min ≤ score, by binary search over the ascending mins.
    const bandOf = (score: number | null) => {
      if (score === null) return null
      let low = 0
      let high = mins.length
      while (low < high) {
        const middle = (low + high) >>> 1
        if ((mins[middle] as number) <= score) low = middle + 1
        else high = middle
      }
      return low === 0 ? null : (bands[low - 1] as ScoreBand).name
    }
    const scoreOf = (
      account: AccountMetrics,
      index: number,
      field: 'values' | 'previous',
    ): CxScoreResult => {
      const values = field === 'values' ? account.values : account.previous
      const forAccount = componentsOf(values as AccountMetrics['values'], index, field)
      // Errors name the builder and the account's value: [account, 'values', component name].
      const nameOf = (component: number) => (components[component] as ScorecardComponent).name
      return scoreComponents(
        forAccount,
        missing,
        z,
        metric,
        (component) => [index, field, nameOf(component)],
        (component) => `account ${index}, ${field}.${nameOf(component)}:`,
      )
    }
    return (accounts) => {
      try {
        return scoreAccounts(accounts)
      } catch (error) {
        throw asMetricInputError(error, metric)
      }
    }
    function scoreAccounts(accounts: readonly AccountMetrics[]): HealthScorecardResult {
      requireList(accounts, metric, [], 'accounts', true)
      const counts: Record<string, number> = Object.fromEntries([
        ...bands.map((band) => [band.name, 0]),
        ['unscored', 0],
      ])
      const scored: AccountHealth[] = []
      for (let index = 0; index < accounts.length; index++) {
        const account = accounts[index] as AccountMetrics
        if (typeof account !== 'object' || account === null) {
          throw new MetricInputError({
            code: 'VALUE_OUT_OF_RANGE',
            metric,
            path: [index],
            message: `${metric}: account at index ${index} is ${describeValue(account)}; it must be { id, values, previous? }`,
          })
        }
        const now = scoreOf(account, index, 'values')
        const before = account.previous === undefined ? null : scoreOf(account, index, 'previous')
        const band = bandOf(now.score)
        counts[band ?? 'unscored'] = (counts[band ?? 'unscored'] ?? 0) + 1
        let biggestMover: AccountHealth['biggestMover'] = null
        if (before !== null) {
          for (const [index, contribution] of now.contributions.entries()) {
            const pointsChange = contribution.points - (before.contributions[index]?.points ?? 0)
            if (
              pointsChange !== 0 &&
              (biggestMover === null ||
                Math.abs(pointsChange) > Math.abs(biggestMover.pointsChange))
            ) {
              biggestMover = { name: contribution.name, pointsChange }
            }
          }
        }
        scored.push({
          id: account.id,
          score: now.score,
          band,
          coverage: now.coverage,
          contributions: now.contributions,
          change:
            now.score === null || before?.score === null || before === null
              ? null
              : now.score - (before.score as number),
          biggestMover,
        })
      }
      return { accounts: scored, counts }
    }
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
