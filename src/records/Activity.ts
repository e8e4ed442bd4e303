/**
 * The common activity types CRMs log (Salesforce Task/Event subtypes, HubSpot engagements).
 * `Activity.type` is an open string: these are the ones cx-metrics names, others are kept.
 *
 * @category Records
 */
export const ACTIVITY_TYPES = [
  'call',
  'email',
  'meeting',
  'visit',
  'demo',
  'proposal-sent',
] as const
/**
 * One of {@link ACTIVITY_TYPES}.
 *
 * @category Records
 */
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

/**
 * One logged customer interaction: a call, an email, a meeting, a visit, a demo, a proposal
 * sent — the record behind "visits", "proposals sent" and "time with customers".
 *
 * @category Records
 */
export interface Activity {
  readonly id: string
  /** The rep who did it. */
  readonly ownerId: string
  /** One of {@link ACTIVITY_TYPES}, or another type the CRM logs (kept as given). */
  readonly type: ActivityType | (string & {})
  /** When it happened (for a meeting, its start). */
  readonly at: Date
  /** Length in minutes, ≥ 0 (calls, meetings, visits). */
  readonly durationMinutes?: number
  readonly accountId?: string
  readonly leadId?: string
  readonly opportunityId?: string
}
