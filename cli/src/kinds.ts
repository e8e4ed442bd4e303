import {
  ActivitySchema,
  CsvNumberSchema,
  csvIntegerSchema,
  ForecastSubmissionSchema,
  InstantSchema,
  LeadSchema,
  MoneySchema,
  OpportunitySchema,
  OptionalCurrencySchema,
  OptionalInstantSchema,
  OptionalTextSchema,
  QuotaSchema,
  QuoteSchema,
  SurveyResponseSchema,
} from 'cx-metrics/schemas'
import * as z from 'zod'

/** The kinds of export the report reads, in the order their headers are tried. */
export const KIND_NAMES = [
  'survey',
  'ratings',
  'revenue',
  'opportunities',
  'quotes',
  'leads',
  'forecasts',
  'quotas',
  'activities',
  'accounts',
  'series',
] as const

/** One kind of export. */
export type Kind = (typeof KIND_NAMES)[number]

/**
 * Support-ticket ratings: CSAT on 1–5 and, when asked, CES 2.0 on 1–7 (an empty `ces` cell
 * means the question was not asked). The library has no record for these; the columns are
 * the sample data's.
 */
export const SupportRatingSchema = z.object({
  accountId: OptionalTextSchema,
  segment: OptionalTextSchema,
  ratedAt: InstantSchema,
  csat: csvIntegerSchema(1, 5),
  ces: z.union([z.literal(''), z.undefined(), csvIntegerSchema(1, 7)]),
})

/** A monthly MRR snapshot row: the account's revenue in the month starting at `month`. */
export const MonthlyRevenueSchema = z.object({
  accountId: z.string().trim().min(1, 'expected an account id'),
  month: InstantSchema,
  amount: MoneySchema,
  currency: OptionalCurrencySchema,
})

/** A forecast series row (the `wape` command): actual and forecast of one period. */
export const ForecastSeriesRowSchema = z.object({
  actual: CsvNumberSchema,
  forecast: CsvNumberSchema,
  date: OptionalInstantSchema,
})

/** An account of the CRM's account list: its segment labels the accounts most at risk. */
export const AccountSchema = z.object({
  id: z.string().trim().min(1, 'expected an account id'),
  segment: OptionalTextSchema,
  region: OptionalTextSchema,
  ownerId: OptionalTextSchema,
})

/** What the report knows about one kind: the label it prints, the columns that identify it. */
export interface KindDefinition {
  readonly kind: Kind
  readonly label: string
  /** Columns (library field names) that must all be in the header. */
  readonly required: readonly string[]
  /** Columns that must NOT be in the header (to tell quotas from forecast calls). */
  readonly absent?: readonly string[]
  readonly schema: z.ZodType
}

/** The kinds, in detection order (more specific headers first). */
export const KINDS: readonly KindDefinition[] = [
  {
    kind: 'survey',
    label: 'survey responses',
    required: ['score', 'respondedAt'],
    schema: SurveyResponseSchema,
  },
  {
    kind: 'ratings',
    label: 'support ratings',
    required: ['ratedAt', 'csat'],
    schema: SupportRatingSchema,
  },
  {
    kind: 'revenue',
    label: 'account revenue (monthly MRR)',
    required: ['accountId', 'month', 'amount'],
    schema: MonthlyRevenueSchema,
  },
  {
    kind: 'opportunities',
    label: 'opportunities',
    required: ['id', 'createdAt', 'status'],
    schema: OpportunitySchema,
  },
  {
    kind: 'quotes',
    label: 'quotes',
    required: ['id', 'leadId', 'createdAt'],
    schema: QuoteSchema,
  },
  {
    kind: 'leads',
    label: 'leads',
    required: ['id', 'createdAt'],
    absent: ['status', 'leadId'],
    schema: LeadSchema,
  },
  {
    kind: 'forecasts',
    label: 'forecast submissions',
    required: ['ownerId', 'periodStart', 'periodEnd', 'category', 'amount', 'submittedAt'],
    schema: ForecastSubmissionSchema,
  },
  {
    kind: 'quotas',
    label: 'quotas',
    required: ['ownerId', 'periodStart', 'periodEnd', 'amount'],
    absent: ['category'],
    schema: QuotaSchema,
  },
  {
    kind: 'activities',
    label: 'activities',
    required: ['id', 'ownerId', 'type', 'at'],
    schema: ActivitySchema,
  },
  {
    kind: 'accounts',
    label: 'accounts (reference list)',
    required: ['id', 'segment'],
    absent: ['createdAt', 'score', 'ratedAt'],
    schema: AccountSchema,
  },
  {
    kind: 'series',
    label: 'forecast series (actual, forecast)',
    required: ['actual', 'forecast'],
    schema: ForecastSeriesRowSchema,
  },
]

/**
 * The kind whose columns (after the config's mapping) are all in `header`, or `undefined`.
 * `columns[kind][field]` names the export's column for a library field.
 */
export function detectKind(
  header: readonly string[],
  columns: (kind: Kind) => Readonly<Record<string, string>>,
): KindDefinition | undefined {
  const present = new Set(header)
  for (const definition of KINDS) {
    const mapping = columns(definition.kind)
    const has = (field: string) =>
      present.has(Object.hasOwn(mapping, field) ? (mapping[field] as string) : field)
    if (!definition.required.every(has)) continue
    if (definition.absent?.some(has)) continue
    return definition
  }
  return undefined
}
