import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI, ROOT, run, sampleCsv, sampleOpportunities, tempFolder, writeFile } from './helpers.js'

interface MetricOutput {
  metric: string
  rows: {
    group: string | null
    period: { start: string; end: string; label: string } | null
    n: number
    result: Record<string, number | null>
  }[]
  rejectedRows: { line: number }[]
}

const json = (args: string[]): MetricOutput => {
  const result = run([...args, '--json'])
  expect(result.status, result.stderr).toBe(0)
  return JSON.parse(result.stdout)
}

// Valid sample responses, by the rules a reader applies to the raw CSV (see report.test.ts).
const responses = sampleCsv('survey-responses.csv').filter(
  (row) =>
    /^(10|[0-9])$/.test(row.score ?? '') &&
    !Number.isNaN(Date.parse(row.respondedAt ?? '')) &&
    !row.respondedAt?.startsWith('2026-04-31'),
)
const npsOf = (rows: readonly Record<string, string>[]) =>
  (100 *
    (rows.filter((row) => Number(row.score) >= 9).length -
      rows.filter((row) => Number(row.score) <= 6).length)) /
  rows.length

describe('cx-metrics nps', () => {
  it('computes NPS over a survey file with the rows of groupMetric (group and period null)', () => {
    const output = json(['nps', 'examples/data/survey-responses.csv'])
    expect(output.rows).toHaveLength(1)
    const [row] = output.rows
    expect(row?.group).toBeNull()
    expect(row?.period).toBeNull()
    expect(row?.n).toBe(responses.length)
    expect(row?.result.score).toBeCloseTo(npsOf(responses), 10)
    expect(output.rejectedRows.map((r) => r.line)).toHaveLength(3)
  })

  it('groups by any column with --by', () => {
    const output = json(['nps', 'examples/data/survey-responses.csv', '--by', 'region'])
    const regions = [...new Set(responses.map((row) => row.region!))].sort()
    expect(output.rows.map((row) => row.group).sort()).toEqual(regions)
    for (const row of output.rows) {
      const subset = responses.filter((r) => r.region === row.group)
      expect(row.n).toBe(subset.length)
      expect(row.result.score).toBeCloseTo(npsOf(subset), 10)
    }
  })

  it('splits by calendar month in the given time zone with --period', () => {
    const output = json([
      'nps',
      'examples/data/survey-responses.csv',
      '--period',
      'month',
      '--time-zone',
      'UTC',
    ])
    const months = new Map<string, number>()
    for (const row of responses)
      months.set(row.respondedAt!.slice(0, 7), (months.get(row.respondedAt!.slice(0, 7)) ?? 0) + 1)
    expect(output.rows.map((row) => [row.period?.label, row.n])).toEqual(
      [...months.entries()].sort(),
    )
    expect(output.rows[0]?.period?.start).toBe(`${[...months.keys()].sort()[0]}-01T00:00:00.000Z`)
  })

  it('prints a table without --json', () => {
    const result = run(['nps', 'examples/data/survey-responses.csv', '--by', 'segment'])
    expect(result.status).toBe(0)
    expect(result.stdout.split('\n')[0]).toMatch(/^group\s+period\s+n\s+score\s+lower\s+upper/)
    expect(result.stdout).toMatch(/\nEnterprise\s+\(all\)\s+\d+\s+/)
  })

  it('exits 2 for a --by column the file does not have, and for a bad --period', () => {
    const by = run(['nps', 'examples/data/survey-responses.csv', '--by', 'country'])
    expect(by.status).toBe(2)
    expect(by.stderr).toContain('the file has no column "country"')
    const period = run(['nps', 'examples/data/survey-responses.csv', '--period', 'fortnight'])
    expect(period.status).toBe(2)
    expect(period.stderr).toContain(
      '--period fortnight: expected one of week, month, quarter, year',
    )
  })

  it('exits 1 for a file of another kind (nothing readable for nps) and under --strict with bad rows', () => {
    const other = run(['nps', 'examples/data/quotes.csv'])
    expect(other.status).toBe(1)
    expect(other.stderr).toContain('not used by this command (quotes)')
    const strict = run(['nps', 'examples/data/survey-responses.csv', '--strict'])
    expect(strict.status).toBe(1)
    expect(strict.stderr).toContain('3 row(s) rejected.')
  })
})

describe('cx-metrics csat, ces, winrate, wape', () => {
  it('csat: the share of 4–5 ratings per segment', () => {
    const ratings = sampleCsv('support-ratings.csv')
    const output = json(['csat', 'examples/data/support-ratings.csv', '--by', 'segment'])
    for (const row of output.rows) {
      const subset = ratings.filter((r) => r.segment === row.group)
      const satisfied = subset.filter((r) => Number(r.csat) >= 4).length
      expect(row.result).toMatchObject({ satisfied, total: subset.length })
      expect(row.result.score).toBeCloseTo(satisfied / subset.length, 12)
      expect(row.result.lower).toBeLessThan(row.result.score!)
    }
  })

  it('ces: the mean of the answered effort ratings (empty cells skipped)', () => {
    const efforts = sampleCsv('support-ratings.csv')
      .filter((row) => row.ces !== '')
      .map((row) => Number(row.ces))
    const [row] = json(['ces', 'examples/data/support-ratings.csv']).rows
    expect(row?.n).toBe(efforts.length)
    expect(row?.result.score).toBeCloseTo(efforts.reduce((a, b) => a + b, 0) / efforts.length, 12)
  })

  it('winrate: won / (won + lost) per owner from the opportunities JSON', () => {
    const deals = sampleOpportunities() as { status: string; ownerId?: string }[]
    const output = json(['winrate', 'examples/data/opportunities.json', '--by', 'ownerId'])
    expect(output.rows.length).toBe(new Set(deals.map((deal) => deal.ownerId)).size)
    for (const row of output.rows) {
      const subset = deals.filter((deal) => deal.ownerId === row.group)
      const won = subset.filter((deal) => deal.status === 'won').length
      const lost = subset.filter((deal) => deal.status === 'lost').length
      expect(row.result).toMatchObject({ won, lost })
      expect(row.result.rate).toBeCloseTo(won / (won + lost), 12)
    }
  })

  it('wape: Σ|F − A| / Σ|A| over a series file, overall and by month', () => {
    const folder = tempFolder()
    const path = writeFile(
      folder,
      'series.csv',
      'date,actual,forecast\n2026-01-10,100,110\n2026-01-20,200,180\n2026-02-10,300,330\n2026-02-11,50,x\n',
    )
    const result = run(['wape', path, '--json'])
    expect(result.status).toBe(0)
    const output: MetricOutput = JSON.parse(result.stdout)
    // |110 − 100| + |180 − 200| + |330 − 300| = 60 over 600 actual = 0.1;
    // bias (forecast − actual, over-forecast positive): (10 − 20 + 30) / 600 = 1/30.
    expect(output.rows[0]?.result.weightedAbsolutePercentageError).toBeCloseTo(0.1, 12)
    expect(output.rows[0]?.result.forecastBias).toBeCloseTo(1 / 30, 12)
    expect(output.rejectedRows.map((row) => row.line)).toEqual([5])
    expect(result.stderr).toContain(`rejected: ${path}:5`)
    const months = JSON.parse(
      run(['wape', path, '--period', 'month', '--json']).stdout,
    ) as MetricOutput
    // January: (10 + 20) / 300 = 0.1; February: 30 / 300 = 0.1 — and the counts 2 and 1.
    expect(months.rows.map((row) => [row.period?.label, row.n])).toEqual([
      ['2026-01', 2],
      ['2026-02', 1],
    ])
    expect(months.rows[0]?.result.weightedAbsolutePercentageError).toBeCloseTo(30 / 300, 12)
    expect(months.rows[1]?.result.weightedAbsolutePercentageError).toBeCloseTo(30 / 300, 12)
  })

  it('wape: exits 1 for an empty file and names it', () => {
    const path = writeFile(tempFolder(), 'empty.csv', '')
    const result = run(['wape', path])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`${join(path)}: is empty (no header row)`)
  })

  it('takes exactly one file', () => {
    const result = run(['csat', 'examples/data/support-ratings.csv', 'examples/data/leads.csv'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('csat takes exactly one file')
  })
})

describe('progress on stderr', () => {
  // 150,000 rows: past the 100,000-row progress step. A survey export written here.
  const folder = tempFolder()
  const lines = ['respondedAt,score']
  for (let index = 0; index < 150_000; index++) lines.push(`2026-03-01T10:00:00Z,${index % 11}`)
  const path = writeFile(folder, 'big.csv', `${lines.join('\n')}\n`)

  it('prints no progress line when stderr is not a terminal', () => {
    const result = run(['nps', path, '--json'])
    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
    // Promoters are the scores 9 and 10, counted from the lines written above.
    const promoters = lines.slice(1).filter((line) => Number(line.split(',')[1]) >= 9).length
    expect(JSON.parse(result.stdout).rows[0].result.promoters).toBe(promoters)
  })

  it('prints a progress line when stderr is a terminal (through script(1) when present)', () => {
    if (!existsSync('/usr/bin/script')) {
      expect(existsSync('/usr/bin/script')).toBe(false)
      return
    }
    const log = join(folder, 'tty.txt')
    const result = spawnSync(
      '/usr/bin/script',
      ['-qc', `"${process.execPath}" "${CLI}" nps "${path}" > /dev/null`, log],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    )
    expect(result.status).toBe(0)
    expect(readFileSync(log, 'utf8')).toContain('big.csv: 100,000 rows, ')
  })
})
