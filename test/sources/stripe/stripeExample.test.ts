/**
 * examples/stripe.ts, its history part: the event fixtures turned into month-end MRR and
 * movements. (test/sourcesExamples.test.ts checks the first part.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('examples/stripe.ts with events', () => {
  it('prints the movements worked by hand in stripeMrrEvents.test.ts, and the unused events', async () => {
    const lines: string[] = []
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
      lines.push(parts.map(String).join(' '))
    })
    await import('../../../examples/stripe.js')
    const out = lines.join('\n')
    // 5 current subscriptions; rows: up 5 + down 6 + switch 6 + coupon 6 + cancel 4 = 27;
    // not used: the invoice event, the unknown subscription, three repeated deliveries.
    expect(out).toContain(
      '5 subscriptions with 16 events: 27 customer-month rows, 5 events not used',
    )
    expect(out).toContain('type is "invoice.paid"')
    // Feb: 419 (new 60, expansion 55, contraction 20); Mar 459 (+40); Apr 429 (+20 −50);
    // May 339 (churn 90) — the sums in stripeMrrEvents.test.ts.
    expect(out).toMatch(/ 2026-02 +419\.00 +60\.00 +55\.00 +20\.00 +0\.00/)
    expect(out).toMatch(/ 2026-03 +459\.00 +0\.00 +40\.00 +0\.00 +0\.00/)
    expect(out).toMatch(/ 2026-04 +429\.00 +0\.00 +20\.00 +50\.00 +0\.00/)
    expect(out).toMatch(/ 2026-05 +339\.00 +0\.00 +0\.00 +0\.00 +90\.00/)
  })
})
