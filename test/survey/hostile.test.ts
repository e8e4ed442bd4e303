/**
 * The hostile-input sweep over every function exported by src/core, src/survey and
 * src/cx-score (read from the family index modules, so a new export is swept without
 * editing this file), and over the functions that aggregator and scorecard factories
 * return. Each call must return a result with no NaN, ±Infinity, −0 or undefined in it, or
 * throw a MetricInputError naming the exported function; it must leave its arguments as
 * they were and finish within the shared hang guard (../hangGuard.ts: a hang or a blow-up
 * fails, a slow machine does not). A getter or Proxy trap that throws is turned into an
 * `INVALID_RECORD` MetricInputError with the caller's error as `cause`.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as core from '../../src/core/index.js'
import * as cxScoreFamily from '../../src/cx-score/index.js'
import * as survey from '../../src/survey/index.js'
import { runWithHangGuard } from '../hangGuard.js'
import { expectMetricError } from '../helpers.js'

type AnyFunction = (...args: unknown[]) => unknown

/** The error a hostile getter or Proxy trap throws. */
const CALLER_ERROR = new Error('thrown by a getter of the caller')

function throwingGetters(): object {
  return Object.defineProperties(
    {},
    Object.fromEntries(
      ['length', 'score', 'respondedAt', 'promoters', 'weight', 'components', 'method', '0'].map(
        (key) => [
          key,
          {
            enumerable: true,
            get() {
              throw CALLER_ERROR
            },
          },
        ],
      ),
    ),
  )
}

function throwingProxy(): object {
  const fail = () => {
    throw CALLER_ERROR
  }
  return new Proxy({}, { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail })
}

const million = new Array<number>(1_000_000).fill(9)
const millionTyped = new Float64Array(1_000_000).fill(4)
const millionResponses = Array.from({ length: 200_000 }, (_, index) => ({
  score: index % 11,
  respondedAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000),
}))

/** Values chosen to break things, each built fresh per call (inputs must not be shared). */
const hostileValues: (() => unknown)[] = [
  () => undefined,
  () => null,
  () => ({}),
  () => [],
  () => '',
  () => 'abc',
  () => '5',
  () => ' 12 ',
  () => '0x10',
  () => '1e9000000000000001',
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => -0,
  () => 1e308,
  () => -1e308,
  () => 5e-324,
  () => 0.9999999999999999,
  () => 2 ** 53,
  () => true,
  () => 7,
  () => 0.5,
  // biome-ignore lint/suspicious/noSparseArray: a sparse array is one of the hostile inputs
  () => [, 1],
  () => [Number.NaN],
  () => [1e308, 1e308, -1e308],
  () => [-0, -0],
  () => [5, 4, 3, 2, 1],
  () => ['9', null, true],
  () => ({ length: -1 }),
  () => ({ length: 2 ** 32 }),
  () => ({ length: 1.5 }),
  () => ({ length: 1e8, 0: 9 }),
  () => ({ promoters: 1e308, passives: 1e308, detractors: 0 }),
  () => ({ promoters: -0, passives: 0, detractors: 0, total: -0 }),
  () => ({ promoters: 1.5, passives: 0, detractors: 0 }),
  () => ({ satisfied: 2, total: 1 }),
  () => ({ score: 1, total: 1 }),
  () => JSON.parse('{"__proto__": {"promoters": 1}, "constructor": 5}'),
  () => ({ confidence: 0.9999999999999999, method: 'wald' }),
  () => ({ timeZone: 'Mars/Base' }),
  () => ({ period: 'week', timeZone: 'Pacific/Apia', unknownOption: 1 }),
  () => ({ scaleMax: 1e308, threshold: -0 }),
  () => new Date(Number.NaN),
  () => new Date(8.64e15),
  () => [{ score: 9, respondedAt: new Date(8.64e15) }],
  () => [{ score: 9, respondedAt: new Date(-8.64e15) }],
  () => [
    { score: 9, respondedAt: new Date(0), weight: 1e300 },
    { score: 1, respondedAt: new Date(0), weight: 5e-324 },
  ],
  () => [{ score: 9, respondedAt: new Date(0), segment: 5 }],
  () => [null, { score: 9, respondedAt: new Date(0) }],
  () => [{ name: 'a', value: 1e308, range: [-1e308, 1e308], weight: 1e308 }],
  () => [{ name: 'a', value: -0, range: [0, 1], weight: 1, standardError: 1e308 }],
  () => ({ components: [{ name: 'x', range: [0, 1], weight: 1 }], bands: [{ name: 'u', min: 0 }] }),
  () => ({ scores: [9, 10], groups: [70000, 1] }),
  () => ({ scores: null, groups: [] }),
  () => throwingGetters(),
  () => throwingProxy(),
  () => () => 5,
  () => million,
  () => millionTyped,
  () => millionResponses,
]

/**
 * An argument as fast-check sees it: the index of a hostile value (built only inside the
 * property, so fast-check never reads a throwing getter) or a plain `fc.anything()` value.
 */
type ArgumentSpec = { readonly hostile: number } | { readonly plain: unknown }

const argument: fc.Arbitrary<ArgumentSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.nat(hostileValues.length - 1).map((hostile) => ({ hostile })) },
  {
    weight: 1,
    arbitrary: fc
      .anything({ withSparseArray: true, withNullPrototype: true })
      .map((plain) => ({ plain })),
  },
)

const build = (spec: ArgumentSpec): unknown =>
  'hostile' in spec ? (hostileValues[spec.hostile] as () => unknown)() : spec.plain

const EXPORTS: [string, AnyFunction][] = (
  [...Object.entries(core), ...Object.entries(survey), ...Object.entries(cxScoreFamily)] as [
    string,
    unknown,
  ][]
).filter(
  (entry): entry is [string, AnyFunction] =>
    typeof entry[1] === 'function' && entry[0] !== 'MetricInputError',
)

/** The path to the first NaN, ±Infinity, −0 or undefined inside `value`; `null` if none. */
function firstBadNumber(value: unknown, path = 'result', seen = new Set<unknown>()): string | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && !Object.is(value, -0) ? null : `${path} = ${value}`
  }
  if (value === undefined) return `${path} is undefined`
  if (typeof value !== 'object' || value === null || seen.has(value)) return null
  seen.add(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? `${path} is Invalid Date` : null
  if (value instanceof core.MetricInputError) return null
  if (typeof (value as { isFinite?: unknown }).isFinite === 'function') {
    return (value as { isFinite(): boolean }).isFinite() ? null : `${path} is a non-finite Decimal`
  }
  if (ArrayBuffer.isView(value)) return null
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'function') continue
    const bad = firstBadNumber(item, `${path}.${key}`, seen)
    if (bad !== null) return bad
  }
  return null
}

/** A comparable picture of an argument; large arrays by length and a few elements. */
function snapshot(value: unknown): string {
  if (value === million || value === millionTyped || value === millionResponses) {
    const list = value as ArrayLike<unknown>
    return `big ${list.length} ${fc.stringify(list[0])} ${fc.stringify(list[list.length - 1])}`
  }
  try {
    return fc.stringify(value)
  } catch {
    return 'unreadable'
  }
}

interface Outcome {
  readonly problem: string | null
}

function callOnce(name: string, fn: AnyFunction, args: unknown[]): Outcome {
  const before = args.map(snapshot)
  let result: unknown
  let thrown: unknown = null
  let threw = false
  try {
    // A hang comes back as a HangGuardError, which the check below reports as a problem.
    result = runWithHangGuard(() => fn(...args), name)
  } catch (error) {
    threw = true
    thrown = error
  }
  const after = args.map(snapshot)
  for (let index = 0; index < args.length; index++) {
    if (before[index] !== after[index] && before[index] !== 'unreadable') {
      return { problem: `${name} changed argument ${index}` }
    }
  }
  if (threw) {
    if (!(thrown instanceof core.MetricInputError)) {
      return { problem: `${name} threw ${String(thrown)}` }
    }
    // The metric is the exported function (a factory's methods report the factory).
    const exported = name.split('(')[0] as string
    if (thrown.metric !== exported) {
      return { problem: `${name} threw an error naming ${thrown.metric}` }
    }
    return { problem: null }
  }
  const bad = firstBadNumber(result)
  return { problem: bad === null ? null : `${name}: ${bad}` }
}

/** Functions made by factories: each aggregator method, the scorecard's scorer. */
function madeFunctions(): [string, AnyFunction][] {
  const made: [string, AnyFunction][] = []
  for (const factory of ['netPromoterScoreAggregator', 'csatAggregator'] as const) {
    const aggregator = (factory === 'netPromoterScoreAggregator'
      ? survey.netPromoterScoreAggregator()
      : survey.csatAggregator()) as unknown as Record<string, AnyFunction>
    for (const [method, fn] of Object.entries(aggregator)) {
      made.push([`${factory}().${method}`, fn])
    }
  }
  const scorer = cxScoreFamily.healthScorecard({
    components: [
      { name: 'NPS', range: [-100, 100], weight: 1 },
      { name: 'CSAT', range: [0, 1], weight: 2 },
    ],
  }) as AnyFunction
  made.push(['healthScorecard(…)', scorer])
  return made
}

const runs: { calls: number; problems: Set<string> } = { calls: 0, problems: new Set() }

describe('hostile input sweep over core, survey and cx-score', () => {
  it('reads at least the known exports from the family modules', () => {
    const names = EXPORTS.map(([name]) => name)
    for (const expected of ['quantile', 'sumMoney', 'netPromoterScore', 'npsTrend', 'cxScore']) {
      expect(names).toContain(expected)
    }
  })

  for (const [name, fn] of [...EXPORTS, ...madeFunctions()]) {
    it(`${name}: returns clean numbers or throws MetricInputError, without a hang or mutating`, () => {
      fc.assert(
        fc.property(fc.array(argument, { minLength: 0, maxLength: 3 }), (specs) => {
          runs.calls++
          const { problem } = callOnce(name, fn, specs.map(build))
          if (problem !== null) {
            runs.problems.add(problem)
            throw new Error(problem)
          }
        }),
        { numRuns: 150, seed: 20261129 },
      )
    })
  }

  it('ran every sweep', () => {
    expect(runs.calls).toBeGreaterThan(0)
  })
})

describe('the hostile calls reported in issue 12', () => {
  it('tallyNps({}) and csat(5) refuse instead of returning NaN', () => {
    expectMetricError(() => survey.tallyNps({} as never), 'VALUE_OUT_OF_RANGE', {
      metric: 'tallyNps',
      path: [],
    })
    expectMetricError(() => survey.csat(5 as never), 'VALUE_OUT_OF_RANGE', {
      metric: 'csat',
      path: [],
    })
  })

  it('netPromoterScore({ length: -1 }) refuses instead of scoring −100 with total −1', () => {
    expectMetricError(
      () => survey.netPromoterScore({ length: -1 } as never),
      'VALUE_OUT_OF_RANGE',
      {
        metric: 'netPromoterScore',
        path: [],
      },
    )
  })

  it('csat([5], null), npsBySegment(rows, null) and quantile({ length: -1 }, 0.5) throw MetricInputError', () => {
    expectMetricError(() => survey.csat([5], null as never), 'INVALID_OPTION', { metric: 'csat' })
    const rows = [{ score: 9, respondedAt: new Date(0), segment: 'A' }]
    expectMetricError(() => survey.npsBySegment(rows, null as never), 'INVALID_OPTION', {
      metric: 'npsBySegment',
      path: ['keyOf'],
    })
    expectMetricError(() => core.quantile({ length: -1 } as never, 0.5), 'VALUE_OUT_OF_RANGE', {
      metric: 'quantile',
    })
  })

  it('npsTrend(true) and a response at new Date(8.64e15) refuse at once instead of hanging', () => {
    expectMetricError(() => survey.npsTrend(true as never), 'VALUE_OUT_OF_RANGE', {
      metric: 'npsTrend',
      path: [],
    })
    expectMetricError(
      () => survey.npsTrend([{ score: 9, respondedAt: new Date(8.64e15) }]),
      'VALUE_OUT_OF_RANGE',
      { metric: 'npsTrend' },
    )
  })

  it('netPromoterScoreAggregator().result(null) and foreign or tampered states throw INVALID_STATE', () => {
    const nps = survey.netPromoterScoreAggregator()
    expectMetricError(() => nps.result(null as never), 'INVALID_STATE', {
      metric: 'netPromoterScoreAggregator',
    })
    // A CSAT state is not an NPS state: missing keys.
    expectMetricError(
      () => nps.merge(nps.initial(), { satisfied: 1, total: 2 } as never),
      'INVALID_STATE',
      { path: ['b', 'promoters'] },
    )
    expectMetricError(
      () => nps.result({ promoters: 1.5, passives: 0, detractors: 0 }),
      'INVALID_STATE',
      { path: ['promoters'] },
    )
    expectMetricError(
      () => nps.merge({ promoters: -1, passives: 0, detractors: 0 }, nps.initial()),
      'NEGATIVE_VALUE',
      { path: ['a', 'promoters'] },
    )
    const csat = survey.csatAggregator()
    expectMetricError(() => csat.result(nps.initial() as never), 'INVALID_STATE', {
      metric: 'csatAggregator',
    })
    expectMetricError(
      () => csat.merge(csat.initial(), { satisfied: 1, total: 2, extra: 0 } as never),
      'INVALID_STATE',
      { path: ['b', 'extra'] },
    )
    expectMetricError(() => csat.result({ satisfied: 3, total: 2 }), 'SUCCESSES_EXCEED_TRIALS', {
      path: ['satisfied'],
    })
  })

  it('normalQuantile(5e-324) is answered by normalQuantile, not refused by normalCdf', () => {
    expect(Number.isFinite(core.normalQuantile(5e-324))).toBe(true)
  })

  it('a getter or Proxy of the caller that throws becomes INVALID_RECORD with the cause', () => {
    const error = expectMetricError(
      () => survey.netPromoterScore(throwingProxy() as never),
      'INVALID_RECORD',
      { metric: 'netPromoterScore' },
    )
    expect(error.cause).toBe(CALLER_ERROR)
    const nps = survey.netPromoterScoreAggregator()
    expectMetricError(() => nps.merge(throwingProxy() as never, nps.initial()), 'INVALID_RECORD', {
      metric: 'netPromoterScoreAggregator',
    })
    expectMetricError(() => survey.npsTrend([throwingGetters()] as never), 'INVALID_RECORD', {
      metric: 'npsTrend',
    })
  })

  it('a score given as an object with no prototype is refused, not a TypeError', () => {
    expectMetricError(() => survey.classifyNps(Object.create(null)), 'SCORE_OUT_OF_RANGE', {
      metric: 'classifyNps',
    })
    expectMetricError(() => survey.tallyNps([Object.create(null)]), 'SCORE_OUT_OF_RANGE', {
      path: [0],
    })
  })
})
