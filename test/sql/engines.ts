/**
 * The two real engines the SQL twins run on in the tests: DuckDB (`@duckdb/node-api`) and
 * PostgreSQL (PGlite, Postgres compiled to WebAssembly, in-process). Each test file opens
 * both once (`openEngines` in `beforeAll`, PGlite takes seconds to start on a loaded machine)
 * and loads its tables from typed column lists, so no test splices untyped text into SQL.
 */
import { DuckDBInstance } from '@duckdb/node-api'
import { PGlite } from '@electric-sql/pglite'

/** A column of a test table: its SQL type per engine and its values. */
export interface TestColumn {
  readonly name: string
  readonly type: 'integer' | 'double' | 'text' | 'timestamptz' | 'decimal'
  readonly values: readonly (number | string | Date | null)[]
}

export interface Engine {
  readonly name: 'duckdb' | 'postgres'
  /** Runs `sql` and returns the rows as the driver gives them (objects keyed by column). */
  readonly query: (sql: string) => Promise<Record<string, unknown>[]>
  /** Creates `table` from the columns (dropping an older one). */
  readonly load: (table: string, columns: readonly TestColumn[]) => Promise<void>
  readonly close: () => Promise<void>
}

const TYPES = {
  duckdb: {
    integer: 'INTEGER',
    double: 'DOUBLE',
    text: 'VARCHAR',
    timestamptz: 'TIMESTAMPTZ',
    decimal: 'DECIMAL(24, 6)',
  },
  postgres: {
    integer: 'INTEGER',
    double: 'DOUBLE PRECISION',
    text: 'TEXT',
    timestamptz: 'TIMESTAMPTZ',
    decimal: 'NUMERIC(24, 6)',
  },
} as const

/** A literal for a test value: numbers via String (finite only), text from a safe alphabet. */
function literal(value: number | string | Date | null, type: TestColumn['type']): string {
  if (value === null) return 'NULL'
  if (value instanceof Date) return `'${value.toISOString()}'::TIMESTAMPTZ`
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`test value ${value} is not finite`)
    return type === 'decimal' ? `'${value}'::NUMERIC` : String(value)
  }
  if (!/^[A-Za-z0-9 ._:-]*$/.test(value))
    throw new Error(`test text ${value} is outside the safe alphabet`)
  return type === 'decimal' ? `CAST('${value}' AS DECIMAL(24, 6))` : `'${value}'`
}

async function loadTable(
  run: (sql: string) => Promise<unknown>,
  engine: 'duckdb' | 'postgres',
  table: string,
  columns: readonly TestColumn[],
): Promise<void> {
  await run(`DROP TABLE IF EXISTS ${table}`)
  await run(
    `CREATE TABLE ${table} (${columns.map((column) => `"${column.name}" ${TYPES[engine][column.type]}`).join(', ')})`,
  )
  const length = columns[0]?.values.length ?? 0
  const batch = 500
  for (let start = 0; start < length; start += batch) {
    const rows: string[] = []
    for (let index = start; index < Math.min(length, start + batch); index++) {
      rows.push(
        `(${columns.map((column) => `CAST(${literal(column.values[index] ?? null, column.type)} AS ${TYPES[engine][column.type]})`).join(', ')})`,
      )
    }
    await run(`INSERT INTO ${table} VALUES ${rows.join(', ')}`)
  }
}

export async function openEngines(): Promise<Engine[]> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  const duckQuery = async (sql: string) => {
    const reader = await connection.runAndReadAll(sql)
    return reader.getRowObjects() as Record<string, unknown>[]
  }
  const pg = await PGlite.create()
  const pgQuery = async (sql: string) => (await pg.query<Record<string, unknown>>(sql)).rows
  return [
    {
      name: 'duckdb',
      query: duckQuery,
      load: (table, columns) => loadTable(duckQuery, 'duckdb', table, columns),
      close: async () => {
        connection.closeSync()
        instance.closeSync()
      },
    },
    {
      name: 'postgres',
      query: pgQuery,
      load: (table, columns) => loadTable(pgQuery, 'postgres', table, columns),
      close: () => pg.close(),
    },
  ]
}

/** Instants around the 2026 daylight-saving changes of America/New_York (8 March, 1 November) and month/quarter/year ends. */
export const EDGE_INSTANTS: readonly string[] = [
  '2026-03-08T04:59:59.000Z', // 7 Mar 23:59:59 EST
  '2026-03-08T05:00:00.000Z', // 8 Mar 00:00 EST (Sunday)
  '2026-03-08T07:30:00.000Z', // 8 Mar 03:30 EDT
  '2026-03-09T03:59:59.000Z', // 8 Mar 23:59:59 EDT
  '2026-03-09T04:00:00.000Z', // 9 Mar 00:00 EDT (Monday)
  '2026-11-01T03:59:59.000Z', // 31 Oct 23:59:59 EDT
  '2026-11-01T04:00:00.000Z', // 1 Nov 00:00 EDT (Sunday)
  '2026-11-01T06:30:00.000Z', // 1 Nov 01:30 EST (second 01:30)
  '2026-11-02T04:59:59.000Z', // 1 Nov 23:59:59 EST
  '2026-11-02T05:00:00.000Z', // 2 Nov 00:00 EST
  '2026-01-01T04:59:59.000Z', // 31 Dec 2025 in New York, 1 Jan 2026 in UTC
  '2026-01-01T05:00:00.000Z',
  '2026-04-01T03:59:59.000Z', // 31 Mar in New York
  '2026-04-01T04:00:00.000Z',
  '2025-12-29T12:00:00.000Z', // ISO week 2026-W01 (Monday)
  '2027-01-03T12:00:00.000Z', // Sunday, ISO week 2026-W53
]
