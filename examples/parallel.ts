/**
 * Splits a big NPS computation across worker threads and merges the aggregator states:
 * each worker generates (or would read) its share of 100,000,000 scores, counts them with
 * `netPromoterScoreAggregator().addAll`, and posts back a tiny JSON state; the main thread
 * merges the states — in any order — into exactly the one-thread result.
 *
 *   npx tsx examples/parallel.ts [total scores, default 100000000] [workers, default 2]
 */
import { cpus } from 'node:os'
import { Worker } from 'node:worker_threads'
import { type NpsAggregatorState, netPromoterScoreAggregator } from 'cx-metrics'

const CHUNK = 10_000_000

/** Counts the scores at positions [first, first + count): the same data however it is split. */
export function countPart(first: number, count: number): NpsAggregatorState {
  const nps = netPromoterScoreAggregator()
  let state = nps.initial()
  const buffer = new Uint8Array(Math.min(CHUNK, count))
  for (let offset = 0; offset < count; offset += buffer.length) {
    const length = Math.min(buffer.length, count - offset)
    for (let index = 0; index < length; index++) {
      // A per-position hash, so every split sees the same score at the same position.
      let x = (first + offset + index) ^ 0x5bd1e995
      x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d)
      x = Math.imul(x ^ (x >>> 12), 0x297a2d39)
      buffer[index] = ((x ^ (x >>> 15)) >>> 0) % 11
    }
    state = nps.addAll(state, length === buffer.length ? buffer : buffer.subarray(0, length))
  }
  return state
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file://').href) {
  const total = Number(process.argv[2] ?? 100_000_000)
  const workers = Number(process.argv[3] ?? Math.min(2, cpus().length))
  const nps = netPromoterScoreAggregator()

  let started = performance.now()
  const single = nps.result(countPart(0, total))
  const oneThread = performance.now() - started

  // Start the workers and wait until each has loaded, so the timing is of the counting alone.
  const loading = performance.now()
  const share = Math.ceil(total / workers)
  const threads = await Promise.all(
    Array.from({ length: workers }, (_, part) => {
      const first = part * share
      const count = Math.max(0, Math.min(share, total - first))
      const worker = new Worker(new URL('./parallel-worker.mjs', import.meta.url), {
        workerData: { first, count },
      })
      return new Promise<Worker>((resolve, reject) => {
        worker.once('message', () => resolve(worker))
        worker.once('error', reject)
      })
    }),
  )
  const startup = performance.now() - loading
  started = performance.now()
  const states = await Promise.all(
    threads.map(
      (worker) =>
        new Promise<NpsAggregatorState>((resolve, reject) => {
          worker.once('message', (message: string) => {
            resolve(JSON.parse(message))
            void worker.terminate()
          })
          worker.once('error', reject)
          worker.postMessage('go')
        }),
    ),
  )
  const merged = nps.result(states.reverse().reduce((a, b) => nps.merge(a, b), nps.initial()))
  const parallel = performance.now() - started

  console.log(
    `NPS of ${total.toLocaleString('en-US')} scores: ${merged.score?.toFixed(6)} (${merged.total.toLocaleString('en-US')} responses)`,
  )
  console.log(
    `one thread ${oneThread.toFixed(0)} ms; ${workers} workers ${parallel.toFixed(0)} ms — ${(oneThread / parallel).toFixed(2)}× faster (plus ${startup.toFixed(0)} ms to start them, once)`,
  )
  if (merged.score !== single.score || merged.total !== single.total)
    throw new Error('the merged result differs from one thread')
  console.log('merged states equal the one-thread result exactly.')
}
