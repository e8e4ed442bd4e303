import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { run, tempFolder, writeFile } from './helpers.js'

/**
 * `--engine duckdb` end to end on the built command. The default engine (csv-parse + the
 * library's zod schemas + groupMetric) is the reference: both engines must print the same
 * bytes on stdout (text and --json), list the same rejected rows and exit with the same
 * code. The hand-worked cases below check the figures themselves.
 */

const both = (args: readonly string[]) => {
  const byDefault = run(args)
  const byDuckDb = run([...args, '--engine', 'duckdb'])
  return { byDefault, byDuckDb }
}

/** The stderr lines that list rejected rows (the engines' notes may differ). */
const rejectedLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('rejected:') || / row\(s\) rejected/.test(line))

const expectSame = (args: readonly string[]) => {
  const { byDefault, byDuckDb } = both(args)
  expect(byDuckDb.stderr).not.toMatch(/note: --engine duckdb/)
  expect(byDuckDb.stdout).toBe(byDefault.stdout)
  expect(rejectedLines(byDuckDb.stderr)).toEqual(rejectedLines(byDefault.stderr))
  expect(byDuckDb.status).toBe(byDefault.status)
  return { byDefault, byDuckDb }
}

describe('cx-metrics <metric> --engine duckdb: same output as the default engine', () => {
  const sample = [
    ['nps', 'examples/data/survey-responses.csv'],
    ['nps', 'examples/data/survey-responses.csv', '--by', 'segment'],
    ['nps', 'examples/data/survey-responses.csv', '--by', 'region', '--period', 'month'],
    [
      'nps',
      'examples/data/survey-responses.csv',
      '--by',
      'segment',
      '--period',
      'quarter',
      '--time-zone',
      'America/New_York',
    ],
    ['nps', 'examples/data/survey-responses.csv', '--period', 'week', '--time-zone', 'Asia/Tokyo'],
    ['csat', 'examples/data/support-ratings.csv', '--by', 'segment', '--period', 'month'],
    ['csat', 'examples/data/support-ratings.csv', '--period', 'year'],
    ['ces', 'examples/data/support-ratings.csv', '--by', 'segment'],
    ['ces', 'examples/data/support-ratings.csv', '--by', 'accountId', '--period', 'quarter'],
  ]
  for (const args of sample)
    it(`${args.join(' ')} (text and --json)`, () => {
      const { byDuckDb } = expectSame([...args, '--json'])
      expect(byDuckDb.status).toBe(0)
      expect(JSON.parse(byDuckDb.stdout).rows.length).toBeGreaterThan(0)
      expectSame(args)
    })

  it('reports the sample file’s bad rows with the same lines and reasons, and --strict exits 1', () => {
    const args = ['nps', 'examples/data/survey-responses.csv', '--by', 'segment', '--strict']
    const { byDuckDb } = expectSame(args)
    // The sample has 3 bad survey rows (cli/test/metric.test.ts counts them from the raw CSV).
    expect(rejectedLines(byDuckDb.stderr)).toHaveLength(4)
    expect(byDuckDb.status).toBe(1)
  })
})

describe('--engine duckdb on hand-made files', () => {
  it('computes NPS by segment and month from a hand-worked file with bad, odd and multi-line rows', () => {
    const folder = tempFolder()
    // line 1 header; 2 A promoter (Jan); 3 blank (skipped); 4–5 a quoted line break in the
    // score (rejected, reported at line 5 as csv-parse counts); 6 A detractor written ' 3'
    // (accepted by the schema: trimmed); 7 B passive '8.0' (accepted); 8 score 11 (rejected);
    // 9 short row without segment (group null, promoter, Feb); 10 B promoter with an offset
    // that moves it to February in UTC; 11 date 2026-02-30 (rejected); 12 A with an extra cell.
    const file = writeFile(
      folder,
      'survey.csv',
      [
        'score,respondedAt,segment',
        '10,2026-01-05T10:00:00Z,A',
        '',
        '"1',
        '0",2026-01-06,A',
        ' 3,2026-01-07,A',
        '8.0,2026-01-08T00:00:00.123Z,B',
        '11,2026-01-09,B',
        '9,2026-02-01',
        '9,2026-01-31T23:30:00-01:00,B',
        '7,2026-02-30,A',
        '0,2026-01-10,A,extra',
        '',
      ].join('\n'),
    )
    const { byDuckDb } = expectSame(['nps', file, '--by', 'segment', '--period', 'month', '--json'])
    const output = JSON.parse(byDuckDb.stdout)
    // By hand: A/2026-01 = {10, 3, 0}: 1 promoter, 2 detractors → (1 − 2)/3 = −33.33…;
    // B/2026-01 = {8}: 0; B/2026-02 = {9 at 00:30Z on Feb 1}: 100; null/2026-02 = {9}: 100.
    // Groups in order of first appearance (A line 2, B line 7, null line 9), months in order.
    expect(
      output.rows.map((row: { group: string | null; period: { label: string }; n: number }) => [
        row.group,
        row.period.label,
        row.n,
      ]),
    ).toEqual([
      ['A', '2026-01', 3],
      ['B', '2026-01', 1],
      ['B', '2026-02', 1],
      [null, '2026-02', 1],
    ])
    expect(output.rows[0].result.score).toBeCloseTo(-100 / 3, 12)
    expect(
      output.rows.map((row: { result: { score: number } }) => row.result.score).slice(1),
    ).toEqual([0, 100, 100])
    expect(output.rejectedRows.map((row: { line: number }) => row.line)).toEqual([5, 8, 11])
  })

  it('exits 1 under --strict and 0 without it, as the default engine does', () => {
    const folder = tempFolder()
    const file = writeFile(folder, 'r.csv', 'ratedAt,csat,ces\n2026-03-01,5,\n2026-03-02,6,2\n')
    const lenient = expectSame(['csat', file])
    expect(lenient.byDuckDb.status).toBe(0)
    const strict = expectSame(['csat', file, '--strict'])
    expect(strict.byDuckDb.status).toBe(1)
    expect(rejectedLines(strict.byDuckDb.stderr)[0]).toMatch(
      /r\.csv:3 .*csat: expected an integer from 1 to 5/,
    )
  })

  it('groups by a column named like an Object property (constructor), and refuses --by toString when there is no such column', () => {
    // Hand-worked: scores 9 (a), 10 and 3 (b) → group a: 1 promoter of 1, NPS 100; group b:
    // 1 promoter and 1 detractor of 2, NPS 0. A column named "constructor" is a column like
    // any other, not Object.prototype.constructor.
    const folder = tempFolder()
    const file = writeFile(
      folder,
      'p.csv',
      'score,respondedAt,constructor\n9,2026-03-01,a\n10,2026-03-02,b\n3,2026-03-03,b\n',
    )
    const { byDuckDb } = expectSame(['nps', file, '--by', 'constructor', '--json'])
    expect(byDuckDb.status).toBe(0)
    const rows = (JSON.parse(byDuckDb.stdout) as { rows: { group: unknown; n: number }[] }).rows
    expect(rows.map((row) => [row.group, row.n])).toEqual([
      ['a', 1],
      ['b', 2],
    ])
    // "toString" is no column of this file: a usage error (exit 2) from both engines.
    const missing = both(['nps', file, '--by', 'toString'])
    expect(missing.byDefault.status).toBe(2)
    expect(missing.byDuckDb.status).toBe(2)
    expect(missing.byDefault.stderr).toMatch(/no column "toString"/)
  })

  it('reads a file whose name has a quote, and refuses a name DuckDB would expand as a glob', () => {
    const folder = tempFolder()
    const quoted = writeFile(
      folder,
      "o'brien.csv",
      'score,respondedAt\n9,2026-03-01\n6,2026-03-02\n',
    )
    const { byDuckDb } = expectSame(['nps', quoted, '--json'])
    // By hand: 1 promoter, 1 detractor of 2 → 0.
    expect(JSON.parse(byDuckDb.stdout).rows[0].result.score).toBe(0)
    const glob = writeFile(folder, 'survey[1].csv', 'score,respondedAt\n9,2026-03-01\n')
    const refused = run(['nps', glob, '--engine', 'duckdb'])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/glob character/)
  })

  it('follows the config’s column mapping', () => {
    const folder = tempFolder()
    const config = writeFile(
      folder,
      'cx.json',
      JSON.stringify({
        columns: { survey: { score: 'NPS', respondedAt: 'When', segment: 'Tier' } },
      }),
    )
    const file = writeFile(
      folder,
      's.csv',
      'When,NPS,Tier\n2026-03-01,10,Gold\n2026-03-02,x,Gold\n2026-03-03,2,Gold\n',
    )
    const { byDuckDb } = expectSame(['nps', file, '--config', config, '--by', 'segment', '--json'])
    const output = JSON.parse(byDuckDb.stdout)
    // By hand: Gold = {10, 2} → (1 − 1)/2 = 0; the 'x' row is rejected at line 3, column NPS.
    expect(output.rows).toMatchObject([{ group: 'Gold', n: 2, result: { score: 0 } }])
    expect(output.rejectedRows).toMatchObject([
      { line: 3, reason: expect.stringMatching(/^NPS: /) },
    ])
  })

  it('reads other files with the default engine and says so', () => {
    const result = run(['winrate', 'examples/data/opportunities.json', '--engine', 'duckdb'])
    expect(result.status).toBe(0)
    expect(result.stderr).toMatch(/note: --engine duckdb: winrate has no DuckDB plan/)
    expect(result.stdout).toBe(run(['winrate', 'examples/data/opportunities.json']).stdout)
    const json = run(['nps', 'examples/data/support-ratings.csv', '--engine', 'duckdb'])
    expect(json.stderr).toMatch(/note: --engine duckdb: the header is not/)
    expect(json.status).toBe(run(['nps', 'examples/data/support-ratings.csv']).status)
  })

  it('refuses an unknown engine with exit code 2, and --help documents the option', () => {
    const bad = run(['nps', 'examples/data/survey-responses.csv', '--engine', 'spark'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/--engine spark: expected one of default, duckdb/)
    const help = run(['nps', '--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/--engine <engine>\s+default \| duckdb/)
  })
})

describe('--engine duckdb on generated files (fast-check)', () => {
  // Cells the two engines must read alike: canonical ones (DuckDB counts them) and every
  // kind of odd or bad spelling (validated by the schema in JavaScript).
  const score = fc.oneof(
    fc.integer({ min: 0, max: 10 }).map(String),
    fc.constantFrom(
      ' 9',
      '9 ',
      '+7',
      '07',
      '9.0',
      '1e1',
      '',
      '11',
      '-1',
      '-0',
      '5.5',
      'x',
      'NaN',
      '"6"',
    ),
  )
  const instant = fc.oneof(
    fc
      .date({
        min: new Date('2024-01-01T00:00:00Z'),
        max: new Date('2026-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString()),
    fc
      .date({
        min: new Date('2024-01-01T00:00:00Z'),
        max: new Date('2026-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 10)),
    fc
      .date({
        min: new Date('2024-01-01T00:00:00Z'),
        max: new Date('2026-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((date) => `${date.toISOString().slice(0, 19)}+05:30`),
    fc.constantFrom(
      '2026-03-29T01:30:00Z',
      '2026-10-25T00:59:59.999Z',
      '2026-11-01T05:00:00-04:00',
      '2026-02-30',
      '2025-02-29',
      '2024-02-29T12:00:00Z',
      '2026-03-01 10:00',
      '2026-03-01T10:00:00.1234Z',
      '2026-03-01T10:00z',
      '2026-03-01T24:00:00Z',
      '2026-13-01',
      '',
      'yesterday',
    ),
  )
  const segment = fc.oneof(
    fc.constantFrom('A', 'B', 'Enterprise', '', ' A', 'a,b', 'x"y', 'two\nlines'),
    fc.constant(undefined),
  )
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)
  const row = fc.record({
    score,
    instant,
    segment,
    weight: fc.constantFrom('', '1', '0.5', '-2', ' '),
  })
  const file = fc.array(
    fc.oneof({ weight: 12, arbitrary: row }, { weight: 1, arbitrary: fc.constant(null) }),
    {
      minLength: 1,
      maxLength: 60,
    },
  )

  it('nps --by segment --period month --json: same bytes, same rejected rows, same exit code', () => {
    const folder = tempFolder()
    let count = 0
    fc.assert(
      fc.property(
        file,
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles'),
        (rows, zone) => {
          const lines = ['score,respondedAt,weight,segment']
          for (const r of rows)
            lines.push(
              r === null
                ? ''
                : [r.score, r.instant, r.weight, ...(r.segment === undefined ? [] : [r.segment])]
                    .map(quote)
                    .join(','),
            )
          const path = writeFile(folder, `g${count++}.csv`, `${lines.join('\n')}\n`)
          const args = [
            'nps',
            path,
            '--by',
            'segment',
            '--period',
            'month',
            '--time-zone',
            zone,
            '--json',
          ]
          const { byDefault, byDuckDb } = both(args)
          if (rows.some((r) => r !== null)) expect(byDuckDb.stderr).not.toMatch(/note: --engine/)
          expect(byDuckDb.stdout).toBe(byDefault.stdout)
          expect(rejectedLines(byDuckDb.stderr)).toEqual(rejectedLines(byDefault.stderr))
          expect(byDuckDb.status).toBe(byDefault.status)
        },
      ),
      { numRuns: 10 },
    )
  })

  it('ces --by segment: same bytes on generated ratings', () => {
    const folder = tempFolder()
    let count = 0
    const rating = fc.record({
      csat: fc.oneof(
        fc.integer({ min: 1, max: 5 }).map(String),
        fc.constantFrom('0', '6', ' 4', ''),
      ),
      ces: fc.oneof(
        fc.integer({ min: 1, max: 7 }).map(String),
        fc.constantFrom('', ' ', '8', '3.0'),
      ),
      instant,
      segment,
    })
    fc.assert(
      fc.property(fc.array(rating, { minLength: 1, maxLength: 40 }), (rows) => {
        const lines = ['ratedAt,csat,ces,segment']
        for (const r of rows)
          lines.push(
            [r.instant, r.csat, r.ces, ...(r.segment === undefined ? [] : [r.segment])]
              .map(quote)
              .join(','),
          )
        const path = writeFile(folder, `r${count++}.csv`, `${lines.join('\n')}\n`)
        const { byDefault, byDuckDb } = both(['ces', path, '--by', 'segment', '--json'])
        expect(byDuckDb.stderr).not.toMatch(/note: --engine/)
        expect(byDuckDb.stdout).toBe(byDefault.stdout)
        expect(rejectedLines(byDuckDb.stderr)).toEqual(rejectedLines(byDefault.stderr))
        expect(byDuckDb.status).toBe(byDefault.status)
      }),
      { numRuns: 6 },
    )
    expect(readFileSync(`${folder}/r0.csv`, 'utf8')).toMatch(/^ratedAt,csat,ces,segment\n/)
  })
})
