import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { CALENDAR_PERIODS, type CalendarPeriod } from 'cx-metrics'
import { chartDefinitions, renderCharts } from './charts.js'
import { type Config, isTimeZone, readConfig } from './config.js'
import { buildDashboard } from './dashboard.js'
import { ENGINES, type Engine, hasDuckDbPlan, runDuckDb } from './duckdb.js'
import { InputError, UsageError } from './errors.js'
import { renderHtml } from './html.js'
import {
  computeMetric,
  METRIC_COMMANDS,
  METRIC_KIND,
  type MetricCommand,
  type MetricRow,
  metricTable,
} from './metric.js'
import { reportSections } from './model.js'
import { type DataSet, readInputs } from './read.js'
import { renderMarkdown, renderText } from './text.js'

/** Exit codes (SPEC "Additions for 0.2", CLI). */
export const EXIT = { ok: 0, input: 1, usage: 2 } as const

const VERSION = '0.2.0'
const TITLE = 'Customer-experience and sales KPI report'

const MAIN_HELP = `cx-metrics ${VERSION} — sales and customer-experience KPIs from your exports

Usage:
  cx-metrics report <folder or files…> [options]   the whole dashboard
  cx-metrics <metric> <file> [options]              one metric over one file
  cx-metrics <command> --help                       help for a command

Metrics: ${METRIC_COMMANDS.join(', ')}

Exit codes: 0 ok · 1 invalid rows under --strict, or nothing readable · 2 usage (bad option,
bad config). With --json, stdout holds one JSON document; everything else goes to stderr.

Start: npx cx-metrics report examples/data --html report.html
`

const REPORT_HELP = `Usage: cx-metrics report <folder or files…> [options]

Reads every .csv/.json export in the folders and files given, recognises each by its header
(survey responses, support ratings, account revenue, opportunities, leads, quotes, forecast
submissions, quotas, activities), or by vendor file name and header through cx-metrics/sources
(Salesforce Opportunity.csv + OpportunityHistory.csv, Lead.csv, Task.csv, Event.csv; HubSpot
deal and contact exports with the pipelines JSON, engagements JSON; Stripe subscriptions JSON;
Qualtrics, SurveyMonkey, Typeform and Delighted survey exports), validates every row, and
prints the dashboard. Sections without data are left out with a note; rejected rows are
listed with file, line and reason.

Options:
  --config <file>      JSON config: timeZone, asOf, columns, cxWeights, slaTargetHours,
                       holidays, workingHours, sources (vendor exports: timeZone, locale,
                       dateOrder, stages, vendor, surveyColumns, months); unknown keys are errors
  --as-of <date>       "now" for ages and pacing (YYYY-MM-DD or ISO instant); default:
                       config asOf, else the latest date in the data
  --time-zone <zone>   IANA zone for months, quarters and business hours (default UTC)
  --html <file>        also write the self-contained HTML report (charts, no scripts)
  --json               print the report as one JSON document on stdout
  --markdown           print the report as Markdown on stdout
  --strict             exit 1 when any row is rejected or any file cannot be read
  -h, --help           this help
`

const metricHelp = (command: MetricCommand) => `Usage: cx-metrics ${command} <file> [options]

${
  {
    nps: 'Net Promoter Score (−100…100) with its 95 % adjusted-Wald interval, from a survey export (score, respondedAt).',
    csat: 'CSAT (top-2-box share on 1–5) with its 95 % Wilson interval, from support ratings (ratedAt, csat).',
    ces: 'Customer Effort Score (mean on 1–7) from support ratings with a ces column (empty cells skipped).',
    winrate: 'Win rate (won / closed) with its 95 % Wilson interval, from an opportunities export.',
    wape: 'WAPE (Σ|F − A| / Σ|A|) and bias from a CSV with actual, forecast (and date for --period).',
  }[command]
}

Options:
  --by <column>        one row per value of this column (e.g. segment, region, ownerId)
  --period <unit>      one row per calendar ${CALENDAR_PERIODS.join(' | ')}
  --time-zone <zone>   IANA zone of the periods (default UTC)
  --config <file>      the report's config file (column mappings, time zone)
  --engine <engine>    default | duckdb: ${
    hasDuckDbPlan(command)
      ? `duckdb reads the CSV file with DuckDB (the optional
                       @duckdb/node-api package) and runs the cx-metrics/sql twin of the metric
                       there; cx-metrics finishes it. Same output and rejected rows as the
                       default engine, for files of tens of millions of rows`
      : `${command} has no DuckDB plan: --engine duckdb reads the file
                       with the default engine (and says so)`
  }
  --json               one JSON document on stdout
  --strict             exit 1 when any row is rejected
  -h, --help           this help
`

/** Output streams and a TTY flag, injectable for tests of the module itself. */
interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly errIsTty: boolean
}

const stdio: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTty: process.stderr.isTTY === true,
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  try {
    const [command, ...rest] = argv
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      ;(command === undefined ? io.err : io.out)(MAIN_HELP)
      return command === undefined ? EXIT.usage : EXIT.ok
    }
    if (command === '--version' || command === '-v') {
      io.out(`${VERSION}\n`)
      return EXIT.ok
    }
    if (command === 'report') return await report(rest, io)
    if ((METRIC_COMMANDS as readonly string[]).includes(command))
      return await metric(command as MetricCommand, rest, io)
    throw new UsageError(`unknown command "${command}"`)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(
        `cx-metrics: ${error.message}\nRun "cx-metrics --help" or "cx-metrics <command> --help".\n`,
      )
      return EXIT.usage
    }
    if (error instanceof InputError) {
      io.err(`cx-metrics: ${error.message}\n`)
      return EXIT.input
    }
    throw error
  }
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>

function parse<T extends OptionSpec>(args: readonly string[], options: T) {
  try {
    return parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function settingsOf(values: { config?: string; 'time-zone'?: string; 'as-of'?: string }) {
  const config: Config = values.config === undefined ? {} : readConfig(values.config)
  const timeZone = values['time-zone'] ?? config.timeZone ?? 'UTC'
  if (!isTimeZone(timeZone))
    throw new UsageError(
      `--time-zone ${timeZone}: not an IANA time zone name (e.g. America/New_York)`,
    )
  const asOfText = values['as-of'] ?? config.asOf
  let asOf: Date | undefined
  if (asOfText !== undefined) {
    asOf = new Date(/^\d{4}-\d{2}-\d{2}$/.test(asOfText) ? `${asOfText}T00:00:00Z` : asOfText)
    if (Number.isNaN(asOf.getTime()))
      throw new UsageError(`--as-of ${asOfText}: not a date (use YYYY-MM-DD or an ISO instant)`)
  }
  return { config, timeZone, asOf }
}

function progressOf(io: Io) {
  if (!io.errIsTty) return undefined
  return (line: string) => io.err(`\r${line}\u001b[K`)
}

function listProblems(data: DataSet, io: Io): void {
  if (io.errIsTty) io.err('\r\u001b[K')
  for (const file of data.files)
    if (file.problem !== null) io.err(`cx-metrics: ${file.file}: ${file.problem}\n`)
  for (const row of data.rejected)
    io.err(
      `rejected: ${row.file}:${row.line} (${row.unit} ${row.line}, ${row.kind}): ${row.reason}\n`,
    )
  if (data.rejected.length > 0) io.err(`${data.rejected.length} row(s) rejected.\n`)
}

function exitFor(data: DataSet, strict: boolean): number {
  const read = data.files.some((file) => file.kind !== null && file.problem === null)
  if (!read) return EXIT.input
  if (
    strict &&
    (data.rejected.length > 0 || data.files.some((f) => f.problem !== null && f.kind === null))
  )
    return EXIT.input
  return EXIT.ok
}

/** The latest instant found in the records (the default "now"): never the host clock. */
function latestInstant(data: DataSet): Date | undefined {
  let latest = Number.NEGATIVE_INFINITY
  for (const entry of Object.values(data.byKind))
    for (const record of entry?.records ?? [])
      for (const value of Object.values(record as Record<string, unknown>))
        if (value instanceof Date && value.getTime() > latest) latest = value.getTime()
  return Number.isFinite(latest) ? new Date(latest) : undefined
}

async function report(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    config: { type: 'string' },
    'as-of': { type: 'string' },
    'time-zone': { type: 'string' },
    html: { type: 'string' },
    json: { type: 'boolean' },
    markdown: { type: 'boolean' },
    strict: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help === true) {
    io.out(REPORT_HELP)
    return EXIT.ok
  }
  if (positionals.length === 0) throw new UsageError('report needs at least one folder or file')
  if (values.json === true && values.markdown === true)
    throw new UsageError('--json and --markdown both print to stdout; choose one')
  const settings = settingsOf(values)
  const started = Date.now()
  const data = await readInputs(positionals, {
    config: settings.config,
    progress: progressOf(io),
    keepColumns: ['accountId'],
    timeZone: settings.timeZone,
  })
  listProblems(data, io)
  const code = exitFor(data, values.strict === true)
  if (!data.files.some((file) => file.kind !== null && file.problem === null)) {
    io.err('cx-metrics: nothing readable: no file with a recognised header.\n')
    return EXIT.input
  }
  const asOf = settings.asOf ?? latestInstant(data) ?? new Date(0)
  const dashboard = buildDashboard(data, {
    asOf,
    timeZone: settings.timeZone,
    config: settings.config,
  })
  const sections = reportSections(dashboard)
  if (values.html !== undefined) {
    const charts = await renderCharts(chartDefinitions(dashboard))
    writeFileSync(values.html, renderHtml(TITLE, dashboard, sections, charts))
    io.err(`HTML report written to ${values.html} (${charts.length} charts).\n`)
  }
  if (values.json === true) io.out(`${JSON.stringify(dashboard, null, 2)}\n`)
  else if (values.markdown === true) io.out(renderMarkdown(TITLE, sections))
  else io.out(renderText(TITLE, sections))
  for (const entry of dashboard.omitted)
    io.err(`note: section ${entry.section} omitted — ${entry.reason}.\n`)
  io.err(`done in ${Date.now() - started} ms.\n`)
  return code
}

async function metric(command: MetricCommand, args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    by: { type: 'string' },
    period: { type: 'string' },
    'time-zone': { type: 'string' },
    config: { type: 'string' },
    engine: { type: 'string' },
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help === true) {
    io.out(metricHelp(command))
    return EXIT.ok
  }
  if (positionals.length !== 1) throw new UsageError(`${command} takes exactly one file`)
  if (
    values.period !== undefined &&
    !(CALENDAR_PERIODS as readonly string[]).includes(values.period)
  )
    throw new UsageError(
      `--period ${values.period}: expected one of ${CALENDAR_PERIODS.join(', ')}`,
    )
  const engine = (values.engine ?? 'default') as Engine
  if (!(ENGINES as readonly string[]).includes(engine))
    throw new UsageError(`--engine ${values.engine}: expected one of ${ENGINES.join(', ')}`)
  const settings = settingsOf(values)
  const file = positionals[0] as string
  const period = values.period as CalendarPeriod | undefined
  if (engine === 'duckdb') {
    const outcome = await runDuckDb(command, file, {
      config: settings.config,
      by: values.by,
      period,
      timeZone: settings.timeZone,
    })
    if (outcome.engine === 'duckdb') {
      listProblems(outcome.data, io)
      if (outcome.error !== undefined) throw outcome.error
      printMetric(command, file, settings.timeZone, outcome.rows, outcome.data, values.json, io)
      return exitFor(outcome.data, values.strict === true)
    }
    io.err(`note: --engine duckdb: ${outcome.reason}; the default engine reads ${file}.\n`)
  }
  const kind = METRIC_KIND[command]
  const data = await readInputs(positionals, {
    config: settings.config,
    progress: progressOf(io),
    only: [kind],
    keepColumns: values.by === undefined ? [] : [values.by],
    timeZone: settings.timeZone,
  })
  listProblems(data, io)
  const records = data.byKind[kind]
  if (records === undefined) {
    io.err(`cx-metrics: nothing readable for ${command} in ${positionals[0]}.\n`)
    return EXIT.input
  }
  const rows = computeMetric(command, records, {
    by: values.by,
    period,
    timeZone: settings.timeZone,
  })
  printMetric(command, file, settings.timeZone, rows, data, values.json, io)
  return exitFor(data, values.strict === true)
}

/** Prints a one-metric command's rows (the same for every engine). */
function printMetric(
  command: MetricCommand,
  file: string,
  timeZone: string,
  rows: readonly MetricRow[],
  data: DataSet,
  json: boolean | undefined,
  io: Io,
): void {
  if (json === true)
    io.out(
      `${JSON.stringify(
        { metric: command, file, timeZone, rows, rejectedRows: data.rejected },
        null,
        2,
      )}\n`,
    )
  else io.out(`${metricTable(command, rows)}\n`)
}

const code = await main(process.argv.slice(2))
process.exitCode = code
