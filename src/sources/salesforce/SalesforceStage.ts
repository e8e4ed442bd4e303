/**
 * One stage of an org's opportunity stage list (Setup → Opportunity Stages; the
 * `OpportunityStage` object): its name, whether it closes the deal and as won, its default
 * probability in percent (0–100, as Salesforce writes it), and earlier names it had — a
 * stage renamed mid-year keeps its old name in `OpportunityHistory`.
 *
 * @category Sources
 */
export interface SalesforceStage {
  /** The stage name as `StageName` holds it, e.g. `'Negotiation/Review'`. */
  readonly name: string
  /** `IsClosed` of the stage. */
  readonly closed: boolean
  /** `IsWon` of the stage (only a closed stage can be won). */
  readonly won: boolean
  /** `DefaultProbability` in percent, 0–100. */
  readonly probability?: number
  /** Names the stage had before it was renamed; history rows with them map to `name`. */
  readonly aliases?: readonly string[]
}

/**
 * The stages a new Salesforce org ships with, in their sort order, with their closed/won
 * flags and default probabilities (percent): the default for the `stages` option of
 * {@link salesforceOpportunities}.
 *
 * ```text
 * Prospecting 10 · Qualification 10 · Needs Analysis 20 · Value Proposition 50 ·
 * Id. Decision Makers 60 · Perception Analysis 70 · Proposal/Price Quote 75 ·
 * Negotiation/Review 90 · Closed Won 100 (closed, won) · Closed Lost 0 (closed)
 * ```
 *
 * @example
 * ```ts
 * SALESFORCE_STANDARD_STAGES.map((stage) => stage.name).slice(-2) // => ['Closed Won', 'Closed Lost']
 * ```
 * @see https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-opportunitystage.html
 * @category Sources
 */
export const SALESFORCE_STANDARD_STAGES: readonly SalesforceStage[] = [
  { name: 'Prospecting', closed: false, won: false, probability: 10 },
  { name: 'Qualification', closed: false, won: false, probability: 10 },
  { name: 'Needs Analysis', closed: false, won: false, probability: 20 },
  { name: 'Value Proposition', closed: false, won: false, probability: 50 },
  { name: 'Id. Decision Makers', closed: false, won: false, probability: 60 },
  { name: 'Perception Analysis', closed: false, won: false, probability: 70 },
  { name: 'Proposal/Price Quote', closed: false, won: false, probability: 75 },
  { name: 'Negotiation/Review', closed: false, won: false, probability: 90 },
  { name: 'Closed Won', closed: true, won: true, probability: 100 },
  { name: 'Closed Lost', closed: true, won: false, probability: 0 },
]
