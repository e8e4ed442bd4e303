/**
 * The three "from your CRM" examples (issue 15, Done means) run on the vendor fixtures and
 * print the KPIs the fixture tests work out by hand, and every refused row.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.restoreAllMocks()
})

/** The lines an example prints. */
async function printed(path: string): Promise<string> {
  const lines: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    lines.push(parts.map(String).join(' '))
  })
  await import(path)
  return lines.join('\n')
}

describe('examples from vendor exports', () => {
  it('examples/salesforce.ts: every row a record or a reason, then win rate and funnel', async () => {
    const out = await printed('../examples/salesforce.js')
    // test/sources/salesforce/fixtures.test.ts works these out by hand: of 11 opportunity rows
    // 4 are refused; 2 won and 1 lost (the reopened deal is open): 66.7 %; the funnel's
    // next-step rates 0.8, 1, 1, 1.
    expect(out).toContain('Opportunity: 7 records, 4 rejected')
    expect(out).toContain('row 6 Amount: expected an amount written in locale')
    expect(out).toContain('Win rate 66.7 % (2 won, 1 lost)')
    expect(out).toContain('Prospecting: reached 6, next step 0.8')
    expect(out).toContain('history row 17: no opportunity row has Id 0069999')
  })

  it('examples/hubspot.ts: deals, contacts, engagements and a Qualtrics survey', async () => {
    const out = await printed('../examples/hubspot.js')
    // test/sources/hubspot and test/sources/surveys, worked by hand: win rate 2/3; the
    // funnel 0.75, 1, 1; lead conversion 1/2; Qualtrics NPS (2 promoters, 1 detractor, 1
    // passive of 4) = 25.
    expect(out).toContain('Win rate 66.7 % (2 won, 1 lost)')
    expect(out).toContain('Appointment Scheduled: reached 5, next step 0.75')
    expect(out).toContain('Lead conversion 0.5')
    expect(out).toContain('NPS 25 from 4 responses')
    expect(out).toContain('surveys row 7: Q1: the score 12 is outside the 0–10 scale')
  })

  it('examples/stripe.ts: month-end MRR in New York and its movements', async () => {
    const out = await printed('../examples/stripe.js')
    // Refused: the malformed object, the customer paying in two currencies (both of its
    // subscriptions) and the tiered price — test/sources/stripe/stripeMrr.test.ts.
    expect(out).toMatch(/23 subscriptions: \d+ customer-month rows, 4 refused/)
    expect(out).toContain('is tiered')
    // One row per month after the January baseline (the MRR figures themselves are worked by
    // hand in test/sources/stripe/stripeMrr.test.ts).
    expect(out.match(/^2026-0[2-6] /gm)).toEqual([
      '2026-02 ',
      '2026-03 ',
      '2026-04 ',
      '2026-05 ',
      '2026-06 ',
    ])
  })
})
