/**
 * A minimal benchmark harness: runs each candidate on the same data, interleaved, several
 * rounds, and reports the median time and the ratio to the baseline (a hand-written loop).
 * Benchmarks are measurements, never tests: nothing here asserts a time.
 */
import { performance } from 'node:perf_hooks'

export interface Candidate {
  readonly name: string
  readonly run: () => unknown
}

export interface Measurement {
  readonly name: string
  readonly medianMilliseconds: number
  readonly ratio: number
}

/** Sink so the engine cannot drop a result as unused. */
let sink: unknown
export function consume(value: unknown): void {
  sink = value
}

export function measure(
  title: string,
  baseline: Candidate,
  others: readonly Candidate[],
  rounds = 15,
): Measurement[] {
  const all = [baseline, ...others]
  for (const candidate of all) for (let warm = 0; warm < 3; warm++) consume(candidate.run())
  const times = all.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    all.forEach((candidate, index) => {
      const start = performance.now()
      consume(candidate.run())
      times[index]!.push(performance.now() - start)
    })
  }
  const medians = times.map((list) => {
    const sorted = [...list].sort((a, b) => a - b)
    return sorted[Math.floor(sorted.length / 2)]!
  })
  const results = all.map((candidate, index) => ({
    name: candidate.name,
    medianMilliseconds: medians[index]!,
    ratio: medians[index]! / medians[0]!,
  }))
  console.log(`\n${title}`)
  for (const result of results) {
    console.log(
      `  ${result.name.padEnd(44)} ${result.medianMilliseconds.toFixed(2).padStart(9)} ms   ${result.ratio.toFixed(2)}× the baseline`,
    )
  }
  return results
}

/** The median time of `repeats` runs of `run` after one warm-up run, in milliseconds. */
export function medianMilliseconds(run: () => unknown, repeats = 5): number {
  consume(run())
  const times: number[] = []
  for (let repeat = 0; repeat < repeats; repeat++) {
    const start = performance.now()
    consume(run())
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[repeats >> 1] as number
}

/** The last value written to the sink, for tools that want to check a run happened. */
export function lastConsumed(): unknown {
  return sink
}
