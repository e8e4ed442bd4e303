import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { wilsonInterval } from '../../src/core/wilsonInterval.js'
import { expectMetricError } from '../helpers.js'

describe('wilsonInterval', () => {
  it('matches R prop.test(5, 10, correct = FALSE): 0.2365931 0.7634069', () => {
    const interval = wilsonInterval(5, 10)
    expect(interval?.lower).toBeCloseTo(0.2365931, 7)
    expect(interval?.upper).toBeCloseTo(0.7634069, 7)
  })

  it('matches R prop.test(0, 10, correct = FALSE): 0.0000000 0.2775328, with an exact 0', () => {
    const interval = wilsonInterval(0, 10)
    expect(interval?.lower).toBe(0)
    expect(interval?.upper).toBeCloseTo(0.2775328, 7)
  })

  it('mirrors at all successes, with an exact 1', () => {
    const interval = wilsonInterval(10, 10)
    expect(interval?.upper).toBe(1)
    expect(interval?.lower).toBeCloseTo(1 - 0.2775328, 7)
  })

  it('matches the formula worked by hand for 56/70 and for 3/5 at 90 %', () => {
    // centre = (p + z²/2n)/(1 + z²/n), half = z·sqrt(p(1−p)/n + z²/4n²)/(1 + z²/n), with
    // z = qnorm(0.975) and qnorm(0.95), evaluated independently in Python (test/reference/wilson.py).
    expect(wilsonInterval(56, 70)?.lower).toBeCloseTo(0.6918335550374695, 12)
    expect(wilsonInterval(56, 70)?.upper).toBeCloseTo(0.8769526075163705, 12)
    expect(wilsonInterval(3, 5, { confidence: 0.9 })?.lower).toBeCloseTo(0.2724831718661929, 12)
    expect(wilsonInterval(3, 5, { confidence: 0.9 })?.upper).toBeCloseTo(0.857293527980787, 12)
  })

  it('is null when there are no trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull()
  })

  it('refuses impossible counts and options', () => {
    expectMetricError(() => wilsonInterval(-1, 5), 'NEGATIVE_VALUE', { path: ['successes'] })
    expectMetricError(() => wilsonInterval(1, Number.POSITIVE_INFINITY), 'NOT_FINITE', {
      path: ['trials'],
    })
    expectMetricError(() => wilsonInterval(6, 5), 'SUCCESSES_EXCEED_TRIALS', {
      path: ['successes'],
    })
    expectMetricError(() => wilsonInterval(1, 5, { confidence: 1.5 }), 'INVALID_OPTION', {
      path: ['confidence'],
    })
  })

  it('handles huge counts without overflow', () => {
    const interval = wilsonInterval(4e12, 1e13)
    expect(interval?.lower).toBeCloseTo(0.4, 5)
    expect(interval?.upper).toBeCloseTo(0.4, 5)
  })

  it('always contains the observed share and stays within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (trials, share) => {
          const successes = Math.floor(share * trials)
          const interval = wilsonInterval(successes, trials)
          expect(interval).not.toBeNull()
          const { lower, upper } = interval!
          expect(lower).toBeGreaterThanOrEqual(0)
          expect(upper).toBeLessThanOrEqual(1)
          expect(lower).toBeLessThanOrEqual(successes / trials + 1e-12)
          expect(upper).toBeGreaterThanOrEqual(successes / trials - 1e-12)
        },
      ),
    )
  })

  it('narrows when every count is scaled up', () => {
    const small = wilsonInterval(3, 10)!
    const large = wilsonInterval(300, 1000)!
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower)
  })

  it('matches the documented example', () => {
    const interval = wilsonInterval(5, 10)
    expect(interval?.lower).toBeCloseTo(0.2365931, 7)
    expect(interval?.upper).toBeCloseTo(0.7634069, 7)
  })
})

describe('wilsonInterval at the edges of a double', () => {
  it('stays finite at a confidence of 0.9999999999999999 (scipy: z = 8.292361075813597)', () => {
    // scipy.stats.norm.isf(5.551115123125783e-17) = 8.292361075813597. By hand for 5/10:
    // centre 0.5; half = z·sqrt(0.025 + z²/400)/(1 + z²/10) = 0.4671823…
    const result = wilsonInterval(5, 10, { confidence: 0.9999999999999999 })
    expect(result?.lower).toBeCloseTo(0.0328177, 6)
    expect(result?.upper).toBeCloseTo(0.9671823, 6)
  })

  it('gives the whole [0, 1] for a vanishing number of trials and stays finite at 1e308', () => {
    // n → 0: centre → (z²/2)/z² = ½, half → ½; n = 1e308 with p = ½: both bounds ½.
    expect(wilsonInterval(5e-324, 5e-324)).toEqual({ lower: 0, upper: 1 })
    expect(wilsonInterval(0, 5e-324)).toEqual({ lower: 0, upper: 1 })
    const huge = wilsonInterval(5e307, 1e308)
    expect(huge?.lower).toBeCloseTo(0.5, 12)
    expect(huge?.upper).toBeCloseTo(0.5, 12)
  })

  it('refuses options that are not an object', () => {
    expectMetricError(() => wilsonInterval(1, 2, null as never), 'INVALID_OPTION', {
      metric: 'wilsonInterval',
    })
  })
})
