import { describe, expect, it } from 'vitest'
import { MetricInputError } from '../src/core/MetricInputError.js'
import { HANG_GUARD_MILLISECONDS, HangGuardError, runWithHangGuard } from './hangGuard.js'

/** A loop that never ends; `spins` keeps it from being an empty block. */
function spinForever(): never {
  let spins = 0
  while (spins >= 0) spins = (spins + 1) % 1_000_000
  throw new Error('unreachable')
}

describe('runWithHangGuard', () => {
  it('interrupts a synchronous endless loop with the guard message (a test timeout cannot)', () => {
    let caught: unknown
    try {
      runWithHangGuard(
        () => {
          while (true) {
            // spins until the watchdog interrupts it
          }
        },
        'an endless loop',
        50,
      )
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(HangGuardError)
    expect((caught as Error).message).toBe(
      'an endless loop ran past the hang guard of 0.05 s: a hang or a blow-up, not a slow machine',
    )
  })

  it('fires inside a called function too, and stays usable afterwards', () => {
    expect(() => runWithHangGuard(spinForever, 'spinForever', 20)).toThrow(
      /^spinForever ran past the hang guard of 0\.02 s: a hang or a blow-up, not a slow machine$/,
    )
    // The one reused context still runs the next task after an interrupted one.
    expect(runWithHangGuard(() => 'after', 'a quick task')).toBe('after')
  })

  it('is not fooled by a task that catches everything: the interrupt cannot be caught', () => {
    expect(() =>
      runWithHangGuard(
        () => {
          try {
            spinForever()
          } catch {
            return 'caught'
          }
        },
        'a swallowing task',
        20,
      ),
    ).toThrow(HangGuardError)
  })

  it('returns what the task returns, the same object', () => {
    const rows = [{ id: 'a' }]
    expect(runWithHangGuard(() => rows, 'identity')).toBe(rows)
    // Hand sum: 1 + 2 + 3 = 6 (the documented example).
    expect(runWithHangGuard(() => [1, 2, 3].reduce((sum, value) => sum + value, 0), 'sum')).toBe(6)
  })

  it('rethrows what the task throws unchanged, so a MetricInputError stays one', () => {
    const refusal = new MetricInputError({
      code: 'NOT_FINITE',
      metric: 'netPromoterScore',
      path: [0],
      message: 'score at [0] is NaN',
    })
    let caught: unknown
    try {
      runWithHangGuard(() => {
        throw refusal
      }, 'a refusal')
    } catch (error) {
      caught = error
    }
    expect(caught).toBe(refusal)
    expect(caught).toBeInstanceOf(MetricInputError)
  })

  it('nests: an inner guard leaves the outer task in place', () => {
    const value = runWithHangGuard(() => {
      const inner = runWithHangGuard(() => 2, 'inner')
      return inner + 1
    }, 'outer')
    // 2 + 1 = 3 by hand.
    expect(value).toBe(3)
    expect(runWithHangGuard(() => 'next', 'next')).toBe('next')
  })

  it('nested, the shorter guard fires and names itself', () => {
    expect(() =>
      runWithHangGuard(() => runWithHangGuard(spinForever, 'inner', 10_000), 'outer', 30),
    ).toThrow(/^outer ran past the hang guard of 0\.03 s/)
    expect(() =>
      runWithHangGuard(() => runWithHangGuard(spinForever, 'inner', 30), 'outer', 10_000),
    ).toThrow(/^inner ran past the hang guard of 0\.03 s/)
  })

  it('guards with ten times the issue 12 budget of 1 s by default', () => {
    expect(HANG_GUARD_MILLISECONDS).toBe(10 * 1000)
  })
})
