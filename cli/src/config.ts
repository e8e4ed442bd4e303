import { readFileSync } from 'node:fs'
import { DATE_ORDERS, NUMBER_LOCALES, SURVEY_VENDORS } from 'cx-metrics/sources'
import * as z from 'zod'
import { UsageError } from './errors.js'
import { KIND_NAMES, type Kind } from './kinds.js'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** A valid IANA time zone name, checked with the host's Intl (never guessed). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

const timeZoneSchema = z
  .string()
  .refine(isTimeZone, 'not an IANA time zone name (e.g. "America/New_York")')

/** The fields of a survey record a column mapping of a survey export may name. */
const SURVEY_FIELDS = ['score', 'respondedAt', 'segment', 'responseId'] as const
/** The keys of `sources` (for the "known keys" line of an error). */
const SOURCE_KEYS = 'timeZone, locale, dateOrder, stages, vendor, surveyColumns, months'

/** How vendor exports are read (`cx-metrics/sources` options). */
export const SourcesConfigSchema = z
  .strictObject({
    timeZone: timeZoneSchema,
    locale: z.enum(NUMBER_LOCALES),
    dateOrder: z.enum(DATE_ORDERS),
    stages: z
      .array(
        z.strictObject({
          name: z.string().min(1, 'a stage name is not empty'),
          closed: z.boolean(),
          won: z.boolean(),
          probability: z
            .number()
            .min(0)
            .max(100, 'a default probability is 0–100 (percent)')
            .optional(),
          aliases: z.array(z.string().min(1, 'an alias is not empty')).optional(),
        }),
      )
      .min(1, 'list at least one stage'),
    vendor: z.enum(SURVEY_VENDORS),
    surveyColumns: z.partialRecord(
      z.enum(SURVEY_FIELDS),
      z.string().min(1, 'a column name is not empty'),
    ),
    months: z
      .array(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month is 'YYYY-MM'"))
      .min(1, 'list at least one month')
      .max(1200, 'at most 1,200 months'),
  })
  .partial()

const weight = z.number().min(0, 'a weight is 0 or more')

/** The config file: every key optional, unknown keys refused (a typo must not pass silently). */
export const ConfigSchema = z
  .strictObject({
    timeZone: timeZoneSchema,
    asOf: z
      .string()
      .refine(
        (text) => !Number.isNaN(Date.parse(text)),
        'not a date (use YYYY-MM-DD or an ISO instant)',
      ),
    columns: z.partialRecord(
      z.enum(KIND_NAMES),
      z.record(z.string(), z.string().min(1, 'a column name is not empty')),
    ),
    cxWeights: z
      .strictObject({
        nps: weight,
        csat: weight,
        ces: weight,
        grossRevenueRetention: weight,
        winRate: weight,
        quoteSla: weight,
      })
      .partial(),
    slaTargetHours: z.number().positive('the SLA target is a positive number of business hours'),
    holidays: z.array(z.string().regex(DATE, 'a holiday is a YYYY-MM-DD date')),
    sources: SourcesConfigSchema,
    workingHours: z.strictObject({
      start: z.string().regex(TIME, 'a time of day as HH:MM'),
      end: z.string().regex(TIME, 'a time of day as HH:MM'),
    }),
  })
  .partial()

/** The validated config. */
export type Config = z.output<typeof ConfigSchema>

/** The column mapping of one kind of export: library field → the export's column. */
export function columnsOf(config: Config, kind: Kind): Readonly<Record<string, string>> {
  return config.columns?.[kind] ?? {}
}

/**
 * Reads and validates a config file; a `UsageError` lists one line per wrong key
 * (`cxWeights.nps: expected number, received string`).
 */
export function readConfig(path: string): Config {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`config file ${path} cannot be read: ${(error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`config file ${path} is not JSON: ${(error as Error).message}`)
  }
  const parsed = ConfigSchema.safeParse(json)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues.map((issue) => {
    const at = issue.path.map(String).join('.') || '(top level)'
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => (at === '(top level)' ? key : `${at}.${key}`))
      return `  ${keys.join(', ')}: unknown key (known: ${knownKeys(issue.path)})`
    }
    return `  ${at}: ${issue.message}`
  })
  throw new UsageError(`config file ${path} has ${lines.length} error(s):\n${lines.join('\n')}`)
}

function knownKeys(path: readonly PropertyKey[]): string {
  if (path.length === 0) return Object.keys(ConfigSchema.shape).join(', ')
  if (path[0] === 'cxWeights') return 'nps, csat, ces, grossRevenueRetention, winRate, quoteSla'
  if (path[0] === 'workingHours') return 'start, end'
  if (path[0] === 'sources' && path.length === 1) return SOURCE_KEYS
  if (path[0] === 'sources' && path[1] === 'stages')
    return 'name, closed, won, probability, aliases'
  if (path[0] === 'sources' && path[1] === 'surveyColumns') return SURVEY_FIELDS.join(', ')
  return KIND_NAMES.join(', ')
}
