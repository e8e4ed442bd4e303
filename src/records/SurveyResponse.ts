/**
 * One answer to a recommend (NPS) survey, as exported by survey tools and CRMs.
 *
 * @category Records
 */
export interface SurveyResponse {
  /** The 0–10 likelihood-to-recommend answer. */
  readonly score: number
  /** When the respondent answered (an instant; calendar logic uses an explicit time zone). */
  readonly respondedAt: Date
  /** Optional grouping such as plan, region or customer tier. */
  readonly segment?: string
  /**
   * Optional survey weight: 0, or from 1e−100 to 1e100 (so sums of weights and their squares
   * stay finite); responses without one weigh 1.
   */
  readonly weight?: number
}
