/**
 * networkDays over 1,000,000 date pairs against a hand-written O(1) epoch-day formula on
 * the same Dates (target ≤ 3×), and businessHoursBetween over 100,000 pairs spanning up to
 * 90 days in Europe/Berlin, reported per pair.
 */
import { type BusinessCalendar, businessHoursBetween, networkDays } from '../src/index.js'
import { type Measurement, measure } from './harness.js'

const DAY = 86_400_000

export function runTimeBenchmarks(): Measurement[][] {
  const pairs = 1_000_000
  const starts: Date[] = []
  const ends: Date[] = []
  let state = 777
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
  const origin = Date.UTC(2024, 0, 1)
  for (let index = 0; index < pairs; index++) {
    const start = origin + Math.floor(next() * 700) * DAY
    starts.push(new Date(start))
    ends.push(new Date(start + Math.floor(next() * 120) * DAY))
  }
  /** What a careful analyst writes: whole weeks × 5 plus the remainder, Saturday/Sunday weekend. */
  const handNetworkDays = (start: Date, end: Date) => {
    const first = Math.floor(start.getTime() / DAY)
    const last = Math.floor(end.getTime() / DAY)
    const span = last - first + 1
    let count = Math.floor(span / 7) * 5
    for (let day = first + Math.floor(span / 7) * 7; day <= last; day++) {
      const weekday = (((day + 4) % 7) + 7) % 7
      if (weekday !== 0 && weekday !== 6) count++
    }
    return count
  }
  let check = 0
  for (let index = 0; index < 1000; index++)
    check +=
      networkDays(starts[index]!, ends[index]!) - handNetworkDays(starts[index]!, ends[index]!)
  if (check !== 0) throw new Error('networkDays differs from the hand formula')

  const results = [
    measure(
      'networkDays — 1,000,000 date pairs (UTC, Saturday/Sunday weekend, no holidays)',
      {
        name: 'hand O(1) epoch-day formula',
        run: () => {
          let total = 0
          for (let index = 0; index < pairs; index++)
            total += handNetworkDays(starts[index]!, ends[index]!)
          return total
        },
      },
      [
        {
          name: 'networkDays (validates every date)',
          run: () => {
            let total = 0
            for (let index = 0; index < pairs; index++)
              total += networkDays(starts[index]!, ends[index]!)
            return total
          },
        },
      ],
      7,
    ),
  ]

  const calendar: BusinessCalendar = {
    timeZone: 'Europe/Berlin',
    week: Object.fromEntries(
      (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).map((day) => [
        day,
        [{ start: '09:00', end: '17:00' }],
      ]),
    ),
    holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25'],
  }
  const count = 100_000
  const spanStarts = new Float64Array(count)
  const spanEnds = new Float64Array(count)
  for (let index = 0; index < count; index++) {
    spanStarts[index] = Date.UTC(2026, 0, 1) + next() * 300 * DAY
    spanEnds[index] = spanStarts[index]! + next() * 90 * DAY
  }
  const started = performance.now()
  let hours = 0
  for (let index = 0; index < count; index++) {
    hours += businessHoursBetween(
      new Date(spanStarts[index]!),
      new Date(spanEnds[index]!),
      calendar,
    )
  }
  const elapsed = performance.now() - started
  console.log(
    `\nbusinessHoursBetween — ${count.toLocaleString('en-US')} pairs spanning up to 90 days (Europe/Berlin, holidays)\n` +
      `  ${elapsed.toFixed(0)} ms in all, ${((1000 * elapsed) / count).toFixed(1)} µs per pair (${(hours / count).toFixed(1)} business hours on average)`,
  )
  return results
}
