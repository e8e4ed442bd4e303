import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'
import {
  readStageConversionOptions,
  type StageConversionOptions,
  type StageConversionResult,
} from '../pipeline/stageConversion.js'
import {
  type StageConversionAggregatorState,
  stageConversionAggregator,
} from '../pipeline/stageConversionAggregator.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlGroupValue, SqlOptions, SqlQuery, SqlResultRow } from './SqlQuery.js'
import {
  aggregatorFor,
  buildPerKeyQuery,
  countWhere,
  type PerKeyCell,
  type PerKeyRow,
  perKeyCells,
  readSqlOptions,
  type SqlRowCheck,
} from './sqlBuilder.js'

/**
 * The columns of {@link stageConversionSql}, one row per deal: `status` (`'open'`, `'won'`,
 * `'lost'`) and `stage`, the furthest stage of `stages` the deal entered (NULL when it
 * entered none; a stage outside `stages` counts as none, as in `stageConversion`).
 *
 * @category SQL
 */
export interface StageConversionSqlColumns {
  readonly status: SqlName
  readonly stage: SqlName
}

/**
 * Options of {@link stageConversionSql}: the SQL options plus `stageConversion`'s `stages`
 * (required), `mode`, `open` and `confidence` — applied in `finish`, never written into SQL.
 *
 * @category SQL
 */
export type StageConversionSqlOptions = SqlOptions<StageConversionSqlColumns> &
  StageConversionOptions

/** The key of the internal stage group: a control character, never a safe column name. */
const STAGE_KEY = '\u0000stage'

/**
 * A sales funnel computed where the data lives: one query that counts the deals per
 * furthest stage (`GROUP BY` the groups, the stage and the period) — all, won and open —
 * and a `finish` that places each stage by its position in `stages` and accumulates the
 * counts into `stageConversionAggregator`'s state (checked by the aggregator's `merge`),
 * finished with its own rows (next-step or cumulative rates, Wilson bounds).
 *
 * ```text
 * per stage:  deals = COUNT(*);  won = COUNT(status = 'won');  open = COUNT(status = 'open')
 * finish:     a won deal is at the end of the funnel (whatever its stage); another deal at
 *             its stage's position; reached[k] = deals at k or beyond; advanced[k] = deals
 *             beyond k; open[k] = open deals at k
 * ```
 * The input is one row per deal with its furthest stage already chosen (a stage history
 * needs a per-deal step before the funnel, for example `MAX` of the stage position in a
 * subquery); the history's time-order check of `stageConversion` does not apply. The query
 * returns one row per group, stage and period (the stage in `cx_group_<k>` after the
 * `groupBy` columns). A status other than open/won/lost is counted and makes `finish`
 * throw; a stage that is not text is refused by `finish`. Finished rows come ordered by
 * `groupBy` (NULLs last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { status, stage }`, `groupBy`, `period`,
 *   `stages`, `mode` (`'next-step'`), `open` (`'exclude'`), `confidence` (0.95).
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option (`['stages']` when missing) or
 *   an unsafe name; from `finish`, `VALUE_OUT_OF_RANGE` for a bad status and
 *   `INVALID_RECORD` for a row that is not this query's.
 * @example
 * ```ts
 * const query = stageConversionSql({ dialect: 'snowflake', from: 'crm.deals', columns: { status: 'STATUS', stage: 'FURTHEST_STAGE' }, stages: ['A', 'B'] })
 * // One deal won; one lost at A; one lost at B.
 * const rows = query.finish([
 *   { cx_group_0: 'A', cx_n: 1, cx_won: 0, cx_open: 0, cx_badStatus: 0 },
 *   { cx_group_0: 'B', cx_n: 2, cx_won: 1, cx_open: 0, cx_badStatus: 0 },
 * ])
 * rows[0]?.result.map((row) => [row.stage, row.reached, row.rate])
 * // => [['A', 3, 0.6666666666666666], ['B', 2, 0.5]]
 * ```
 * @see stageConversionAggregator, the state it computes.
 * @category SQL
 */
export function stageConversionSql(
  options: StageConversionSqlOptions,
): SqlQuery<StageConversionAggregatorState, StageConversionResult> {
  const metric = 'stageConversionSql'
  try {
    const outer = readSqlOptions(options, metric, [
      { field: 'status', required: true },
      { field: 'stage', required: true },
    ])
    const aggregatorOptions = outer.aggregatorOptions as unknown as StageConversionOptions
    const aggregator = aggregatorFor(metric, () => stageConversionAggregator(aggregatorOptions))
    const { stageIndex } = aggregatorFor(metric, () =>
      readStageConversionOptions(aggregatorOptions, metric),
    )
    const status = outer.columns.status as string
    const stage = outer.columns.stage as string
    const checks: SqlRowCheck[] = [
      {
        name: 'badStatus',
        condition: `${status} IS NULL OR ${status} NOT IN ('open', 'won', 'lost')`,
        code: 'VALUE_OUT_OF_RANGE',
        problem: "a status that is NULL or not 'open', 'won' or 'lost'",
      },
    ]
    const inner = buildPerKeyQuery({
      context: outer,
      key: { key: STAGE_KEY, sql: stage },
      stateColumns: [
        { name: 'won', sql: countWhere(outer.dialect, `${status} = 'won'`), kind: 'count' },
        { name: 'open', sql: countWhere(outer.dialect, `${status} = 'open'`), kind: 'count' },
      ],
      checks,
    })
    const stageColumn = `cx_group_${outer.groupBy.length}`
    return {
      sql: inner.sql,
      finish: (rows) => {
        try {
          return foldStages(inner.finish(rows), aggregator, stageIndex, stageColumn, metric)
        } catch (error) {
          throw asMetricInputError(error, metric)
        }
      },
    }
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}

/** The per-stage rows as funnel counts per group and period, checked by the aggregator. */
function foldStages(
  rows: readonly PerKeyRow[],
  aggregator: ReturnType<typeof stageConversionAggregator>,
  stageIndex: ReadonlyMap<string, number>,
  stageColumn: string,
  metric: string,
): SqlResultRow<StageConversionAggregatorState, StageConversionResult>[] {
  const stageCount = stageIndex.size
  const { cells, cellOfRow } = perKeyCells(rows, (key) => key === STAGE_KEY)
  /** Deals per cell whose furthest stage is k (k = stageCount: won), open deals at k, all deals. */
  const atFurthest = cells.map(() => new Array<number>(stageCount + 1).fill(0))
  const openAt = cells.map(() => new Array<number>(stageCount).fill(0))
  const deals = new Array<number>(cells.length).fill(0)
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as PerKeyRow
    const stage = (row.group as Record<string, SqlGroupValue>)[STAGE_KEY]
    if (stage !== null && typeof stage !== 'string') {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric,
        path: [index, stageColumn],
        message: `${metric}: row ${index} column ${stageColumn} is ${describeValue(stage)}; a stage must be text or NULL`,
      })
    }
    const won = row.state.won as number
    const open = row.state.open as number
    if (won + open > row.n) {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric,
        path: [index],
        message: `${metric}: row ${index} counts more won and open deals than deals; pass the rows of this query unchanged`,
      })
    }
    const cell = cellOfRow[index] as number
    const furthest = atFurthest[cell] as number[]
    deals[cell] = (deals[cell] as number) + row.n
    furthest[stageCount] = (furthest[stageCount] as number) + won
    const position = stage === null ? undefined : stageIndex.get(stage)
    if (position !== undefined) {
      const opens = openAt[cell] as number[]
      furthest[position] = (furthest[position] as number) + row.n - won
      opens[position] = (opens[position] as number) + open
    }
  }
  const out: SqlResultRow<StageConversionAggregatorState, StageConversionResult>[] = new Array(
    cells.length,
  )
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index] as PerKeyCell
    const furthest = atFurthest[index] as number[]
    const reached = new Array<number>(stageCount)
    const advanced = new Array<number>(stageCount)
    let beyond = furthest[stageCount] as number
    for (let stage = stageCount - 1; stage >= 0; stage--) {
      const here = beyond + (furthest[stage] as number)
      reached[stage] = here
      advanced[stage] = beyond
      beyond = here
    }
    let state: StageConversionAggregatorState
    try {
      state = aggregator.merge(aggregator.initial(), {
        reached,
        advanced,
        open: openAt[index] as number[],
      })
    } catch (error) {
      if (!(error instanceof MetricInputError)) throw error
      throw new MetricInputError({
        code: error.code,
        metric,
        path: [cell.firstRow],
        message: `${metric}: row ${cell.firstRow} does not make a state of ${error.metric}: ${error.message}`,
        cause: error,
      })
    }
    out[index] = {
      group: cell.group,
      period: cell.period,
      state,
      result: aggregator.result(state),
      n: deals[index] as number,
    }
  }
  return out
}
