/**
 * A quote (proposal) sent for a lead.
 *
 * @category Records
 */
export interface Quote {
  readonly id: string
  readonly leadId: string
  /** When the quote was created or sent. */
  readonly createdAt: Date
}
