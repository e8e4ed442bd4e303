/**
 * The hang guard: how a test checks that a call does not hang, without asserting a time.
 *
 * Issue 12 asks that no export hangs or takes seconds on ≤ 1 MB of hostile input. A test that
 * asserts an elapsed time (`expect(performance.now() - started).toBeLessThan(200)`) flakes on
 * a loaded CI machine and under coverage instrumentation, so the project never asserts a time
 * in a test: measured figures belong in `bench/` and BENCHMARKS.md. What a test can check
 * reliably is the failure that matters — a hang, or a quadratic blow-up that turns a second
 * into minutes — by running the call under a guard ten times the 1 s budget, which
 * only a hang or a blow-up trips, never a slow machine.
 *
 * A vitest timeout cannot do this: it is a timer on the event loop, and a synchronous loop
 * never yields to it. The vm watchdog runs on its own thread and interrupts the loop.
 */

import { createContext, runInContext } from 'node:vm'

/** Ten times the 1 s budget: only a hang or a blow-up runs past it. */
export const HANG_GUARD_MILLISECONDS = 10_000

/** The failure the guard reports; never a `MetricInputError`, so sweeps report it as a problem. */
export class HangGuardError extends Error {
  override readonly name = 'HangGuardError'
}

/**
 * With `HANG_GUARD_REPORT=1` in the environment each guarded call prints its label and
 * elapsed time (never asserted): how the figures in the tests' comments were measured, e.g.
 * `HANG_GUARD_REPORT=1 npx vitest run test/time/defects.test.ts`.
 */
const report = process.env.HANG_GUARD_REPORT === '1'

/** One vm context, reused for every guarded call: its only binding is the task to run. */
const watchdog = createContext({ task: (): unknown => undefined })

/** Node's error when the vm watchdog interrupts a script. */
function isWatchdogTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
  )
}

/**
 * Runs the synchronous `task` and returns what it returns, or rethrows what it throws
 * unchanged (a `MetricInputError` stays one). When `task` runs past `milliseconds` the vm
 * watchdog interrupts it and this throws a {@link HangGuardError}: "`label` ran past the hang
 * guard of 10 s: a hang or a blow-up, not a slow machine".
 *
 * Only synchronous work is guarded: a promise the task returns is returned unawaited.
 * `milliseconds` is for the guard's own test; every other test keeps the default.
 *
 * @example
 * const total = runWithHangGuard(() => [1, 2, 3].reduce((sum, value) => sum + value, 0), 'sum')
 * // total === 6
 */
export function runWithHangGuard<T>(
  task: () => T,
  label: string,
  milliseconds: number = HANG_GUARD_MILLISECONDS,
): T {
  // Restored afterwards, so a guard nested inside a guarded task leaves the outer one intact.
  const outer = watchdog.task
  watchdog.task = task
  const started = report ? performance.now() : 0
  try {
    return runInContext('task()', watchdog, { timeout: milliseconds }) as T
  } catch (error) {
    if (isWatchdogTimeout(error)) {
      throw new HangGuardError(
        `${label} ran past the hang guard of ${milliseconds / 1000} s: a hang or a blow-up, not a slow machine`,
      )
    }
    throw error
  } finally {
    watchdog.task = outer
    if (report) console.log(`hang guard: ${label}: ${(performance.now() - started).toFixed(1)} ms`)
  }
}
