/**
 * A lead (prospect) as CRMs and marketing tools export it.
 *
 * @category Records
 */
export interface Lead {
  readonly id: string
  /** When the lead was discovered or created. */
  readonly createdAt: Date
  /** First contact by sales. */
  readonly contactedAt?: Date
  /** When it became an opportunity (or customer). */
  readonly convertedAt?: Date
  readonly opportunityId?: string
  readonly ownerId?: string
  /** Channel: inbound, outbound, partner, event, … */
  readonly source?: string
}
