/**
 * The exact order statistics behind `quantileSql` and the median of `averageDealSizeSql`:
 * an inner query numbers each group's values with `ROW_NUMBER()` and counts them with
 * `COUNT() OVER`, and the outer `GROUP BY` keeps only the few rows at the ranks a quantile
 * needs. Every dialect has these window functions, so every dialect returns the same exact
 * values (no engine percentile function, whose rank arithmetic and NULL handling differ).
 * Internal.
 */
import { alias, quoteIdentifier, type SqlContext } from './sqlBuilder.js'

/** A column of the inner (ranked) query. */
export interface RankedColumn {
  readonly name: string
  readonly sql: string
}

/**
 * `context` with its `from` replaced by a ranked subquery: each table row with its group
 * keys and period start (as `cx_group_i`, `cx_period`) and `columns`, where a column may
 * use the window of its group and period through `window` (`OVER (PARTITION BY …)`). The
 * returned context groups by those output columns, so `buildSqlQuery` on it writes the
 * outer `GROUP BY`.
 */
export function rankedContext(
  context: SqlContext,
  columns: (window: (order: string | null) => string) => readonly RankedColumn[],
): SqlContext {
  const { dialect } = context
  const quote = (name: string) => quoteIdentifier(alias(name), dialect)
  const keys: string[] = context.groupBy.map((group) => group.sql)
  if (context.period !== null) keys.push(context.period.sql)
  const window = (order: string | null) => {
    const parts = [
      ...(keys.length === 0 ? [] : [`PARTITION BY ${keys.join(', ')}`]),
      ...(order === null ? [] : [`ORDER BY ${order}`]),
    ]
    return `OVER (${parts.join(' ')})`
  }
  const select: string[] = []
  context.groupBy.forEach((group, index) => {
    select.push(`${group.sql} AS ${quote(`group_${index}`)}`)
  })
  if (context.period !== null) select.push(`${context.period.sql} AS ${quote('period')}`)
  for (const column of columns(window)) select.push(`${column.sql} AS ${quote(column.name)}`)
  const from = `(\n  SELECT\n    ${select.join(',\n    ')}\n  FROM ${context.from}\n) AS ${quote('ranked')}`
  return {
    ...context,
    from,
    groupBy: context.groupBy.map((group, index) => ({
      key: group.key,
      sql: quote(`group_${index}`),
    })),
    period: context.period === null ? null : { ...context.period, sql: quote('period') },
  }
}
