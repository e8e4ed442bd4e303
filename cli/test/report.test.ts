import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT, run, sampleCsv, sampleOpportunities, tempFolder, writeFile } from './helpers.js'

const round = (value: number, digits: number) => Number(value.toFixed(digits))

// The sample survey rows a careful reader would accept: a 0–10 integer score and a real
// calendar date (2026-04-31 does not exist). Counted here from the raw CSV, not by the command.
const survey = sampleCsv('survey-responses.csv')
const isValidResponse = (row: Record<string, string>) =>
  /^(10|[0-9])$/.test(row.score ?? '') &&
  !Number.isNaN(Date.parse(row.respondedAt ?? '')) &&
  !row.respondedAt?.startsWith('2026-04-31')
const validResponses = survey.filter(isValidResponse)

function npsOf(rows: readonly Record<string, string>[]): number {
  const promoters = rows.filter((row) => Number(row.score) >= 9).length
  const detractors = rows.filter((row) => Number(row.score) <= 6).length
  return (100 * (promoters - detractors)) / rows.length
}

describe('cx-metrics report on the sample data (--json)', () => {
  let json: {
    asOf: string
    timeZone: string
    files: { file: string; kind: string | null; rows: number; accepted: number; rejected: number }[]
    rejectedRows: { file: string; line: number; kind: string; reason: string }[]
    omitted: unknown[]
    sections: Record<string, Record<string, unknown> | null>
  }
  let stderr = ''
  let status: number | null = null

  beforeAll(() => {
    const result = run(['report', 'examples/data', '--json', '--time-zone', 'America/New_York'])
    status = result.status
    stderr = result.stderr
    json = JSON.parse(result.stdout)
  })

  it('exits 0 and prints exactly one JSON document on stdout', () => {
    expect(status).toBe(0)
    expect(json.timeZone).toBe('America/New_York')
    expect(json.omitted).toEqual([])
  })

  it('reads every sample file by its header and counts every row', () => {
    const kinds = Object.fromEntries(json.files.map((file) => [file.file, file.kind]))
    expect(kinds).toEqual({
      'examples/data/account-revenue.csv': 'revenue',
      'examples/data/accounts.csv': 'accounts',
      'examples/data/activities.csv': 'activities',
      'examples/data/forecast-submissions.csv': 'forecasts',
      'examples/data/leads.csv': 'leads',
      'examples/data/opportunities.json': 'opportunities',
      'examples/data/quotas.csv': 'quotas',
      'examples/data/quotes.csv': 'quotes',
      'examples/data/support-ratings.csv': 'ratings',
      'examples/data/survey-responses.csv': 'survey',
    })
    for (const file of json.files) {
      const name = file.file.replace('examples/data/', '')
      const rows = name.endsWith('.json') ? sampleOpportunities().length : sampleCsv(name).length
      expect(file.rows, name).toBe(rows)
      expect(file.accepted + file.rejected, name).toBe(rows)
    }
  })

  it('lists every rejected row with file, line and reason, on stderr and in the report', () => {
    // Lines of the raw CSV (header = line 1) whose row fails the reader's rules above.
    const badSurveyLines = survey.flatMap((row, index) => (isValidResponse(row) ? [] : [index + 2]))
    expect(badSurveyLines).toHaveLength(3)
    // Activities: a negative duration is not a duration.
    const badActivityLines = sampleCsv('activities.csv').flatMap((row, index) =>
      row.durationMinutes !== '' && Number(row.durationMinutes) < 0 ? [index + 2] : [],
    )
    const listed = json.rejectedRows.map((row) => `${row.file}:${row.line}`)
    expect(listed.sort()).toEqual(
      [
        ...badSurveyLines.map((line) => `examples/data/survey-responses.csv:${line}`),
        ...badActivityLines.map((line) => `examples/data/activities.csv:${line}`),
      ].sort(),
    )
    for (const line of badSurveyLines)
      expect(stderr).toContain(`rejected: examples/data/survey-responses.csv:${line} `)
    expect(stderr).toContain('score: expected an integer from 0 to 10')
    expect(stderr).toContain('"2026-04-31T09:00:00Z"')
  })

  it('reports the NPS of the valid responses, overall and by segment', () => {
    const nps = json.sections.nps as Record<string, unknown>
    expect(nps.responses).toBe(validResponses.length)
    expect(nps.score).toBe(round(npsOf(validResponses), 2))
    const segments = [...new Set(validResponses.map((row) => row.segment!))].sort()
    expect(nps.bySegment).toMatchObject(
      segments.map((segment) => {
        const rows = validResponses.filter((row) => row.segment === segment)
        return { segment, responses: rows.length, score: round(npsOf(rows), 2) }
      }),
    )
    // Monthly trend in New York time: a response at 02:00 UTC on the 1st belongs to the month before.
    const monthOf = (instant: string) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'America/New_York',
        year: 'numeric',
        month: '2-digit',
      })
        .format(new Date(instant))
        .slice(0, 7)
    const perMonth = new Map<string, number>()
    for (const row of validResponses)
      perMonth.set(monthOf(row.respondedAt!), (perMonth.get(monthOf(row.respondedAt!)) ?? 0) + 1)
    expect(
      (nps.trend as { period: string; responses: number }[]).map((row) => [
        row.period,
        row.responses,
      ]),
    ).toEqual([...perMonth.entries()].sort())
  })

  it('reports CSAT (share of 4–5 ratings) and the CES mean of the support ratings', () => {
    const ratings = sampleCsv('support-ratings.csv')
    const satisfied = ratings.filter((row) => Number(row.csat) >= 4).length
    const efforts = ratings.filter((row) => row.ces !== '').map((row) => Number(row.ces))
    const overall = (json.sections.satisfaction as { overall: Record<string, unknown> }).overall
    expect(overall.ratings).toBe(ratings.length)
    expect(overall.csat).toBe(round(satisfied / ratings.length, 4))
    expect(overall.effortRatings).toBe(efforts.length)
    expect(overall.cesMean).toBe(round(efforts.reduce((a, b) => a + b, 0) / efforts.length, 2))
  })

  it('reports win rate = won / (won + lost), overall and by segment', () => {
    const deals = sampleOpportunities() as { status: string; segment?: string }[]
    const count = (list: typeof deals) => ({
      won: list.filter((deal) => deal.status === 'won').length,
      lost: list.filter((deal) => deal.status === 'lost').length,
    })
    const wins = json.sections.winRate as {
      overall: Record<string, number>
      bySegment: Record<string, number | string>[]
    }
    const all = count(deals)
    expect(wins.overall).toMatchObject({ ...all, rate: round(all.won / (all.won + all.lost), 4) })
    for (const row of wins.bySegment) {
      const subset = count(deals.filter((deal) => (deal.segment ?? '(none)') === row.segment))
      expect(row).toMatchObject({
        ...subset,
        rate: round(subset.won / (subset.won + subset.lost), 4),
      })
    }
  })

  it('reports first-to-last-month GRR and NRR from integer cents per account', () => {
    const rows = sampleCsv('account-revenue.csv')
    const cents = (text: string) => Math.round(Number(text) * 100)
    const months = [...new Set(rows.map((row) => row.month!))].sort()
    const at = (month: string) =>
      new Map(
        rows
          .filter((row) => row.month === month)
          .map((row) => [row.accountId!, cents(row.amount!)]),
      )
    const first = at(months[0]!)
    const last = at(months.at(-1)!)
    let start = 0
    let expansion = 0
    let contraction = 0
    let churn = 0
    for (const [account, amount] of first) {
      start += amount
      const end = last.get(account) ?? 0
      if (end === 0) churn += amount
      else if (end < amount) contraction += amount - end
      else expansion += end - amount
    }
    const overall = (json.sections.revenue as { overall: Record<string, unknown> }).overall
    expect(overall.startingRevenue).toBe(start / 100)
    expect(overall.grossRevenueRetention).toBe(round((start - contraction - churn) / start, 4))
    expect(overall.netRevenueRetention).toBe(
      round((start + expansion - contraction - churn) / start, 4),
    )
  })

  it('defaults "now" to the latest instant in the data, never the host clock', () => {
    // The latest timestamp among the sample files' instant columns, read from the raw text.
    const instants: string[] = []
    for (const name of [
      'survey-responses.csv',
      'support-ratings.csv',
      'leads.csv',
      'quotes.csv',
      'activities.csv',
    ])
      for (const row of sampleCsv(name))
        for (const value of Object.values(row))
          if (
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value) &&
            !Number.isNaN(Date.parse(value))
          )
            instants.push(value)
    const text = readFileSync(join(ROOT, 'examples/data/opportunities.json'), 'utf8')
    for (const match of text.matchAll(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"/g))
      instants.push(match[1]!)
    const latest = instants.sort().at(-1)!
    expect(json.asOf >= latest.replace('Z', '.000Z')).toBe(true)
  })
})

describe('cx-metrics report output formats', () => {
  it('prints the dashboard as text with every section by default', () => {
    const result = run(['report', 'examples/data', '--as-of', '2026-11-27'])
    expect(result.status).toBe(0)
    for (const title of [
      'Customer-experience score (0–100)',
      'Net Promoter Score',
      'Revenue retention (monthly MRR movements)',
      'Logo retention by signup quarter',
      'Customer survival',
      'Pipeline funnel',
      'Win rate by segment',
      'Forecast accuracy and bias per rep',
      'Lead to quote (business hours)',
      'Quota attainment and pacing',
      'Account health',
      'Rejected rows (4)',
    ])
      expect(result.stdout).toContain(title)
    expect(result.stdout).toContain(
      `NPS ${round(npsOf(validResponses), 2)} on ${validResponses.length} responses`,
    )
    expect(result.stderr).toContain('4 row(s) rejected.')
  })

  it('prints Markdown tables with --markdown', () => {
    const result = run(['report', 'examples/data', '--markdown'])
    expect(result.status).toBe(0)
    expect(result.stdout.startsWith('# Customer-experience and sales KPI report\n')).toBe(true)
    expect(result.stdout).toContain('## Net Promoter Score')
    expect(result.stdout).toContain('| segment | responses | NPS | 95 % CI lower | 95 % CI upper |')
    expect(result.stdout).toMatch(/\| Enterprise \| \d+ \| /)
  })

  it("keeps a config file's settings and lets the command line win", () => {
    const folder = tempFolder()
    const config = writeFile(
      folder,
      'cx.json',
      JSON.stringify({
        timeZone: 'Europe/Berlin',
        asOf: '2026-06-30',
        cxWeights: { nps: 1, winRate: 0 },
      }),
    )
    const fromConfig = JSON.parse(
      run(['report', 'examples/data', '--config', config, '--json']).stdout,
    )
    expect(fromConfig.timeZone).toBe('Europe/Berlin')
    expect(fromConfig.asOf).toBe('2026-06-30T00:00:00.000Z')
    const names = fromConfig.sections.cxScore.components.map((c: { name: string }) => c.name)
    expect(names).not.toContain('Win rate')
    const overridden = JSON.parse(
      run(['report', 'examples/data', '--config', config, '--time-zone', 'UTC', '--json']).stdout,
    )
    expect(overridden.timeZone).toBe('UTC')
  })

  it("reads renamed columns through the config's column mapping", () => {
    const folder = tempFolder()
    writeFile(
      folder,
      'nps.csv',
      'When,Rating,Tier\n2026-01-05T10:00:00Z,10,A\n2026-01-06T10:00:00Z,3,A\n2026-01-07T10:00:00Z,9,B\n',
    )
    const config = writeFile(
      folder,
      'cx.json',
      JSON.stringify({
        columns: { survey: { score: 'Rating', respondedAt: 'When', segment: 'Tier' } },
      }),
    )
    const result = run(['report', join(folder, 'nps.csv'), '--config', config, '--json'])
    expect(result.status).toBe(0)
    const nps = JSON.parse(result.stdout).sections.nps
    // 2 promoters (10, 9), 1 detractor (3) of 3 → (2 − 1) / 3 × 100 = 33.33.
    expect(nps.score).toBe(33.33)
    expect(nps.bySegment.map((row: { segment: string }) => row.segment)).toEqual(['A', 'B'])
  })

  it('omits the sections it has no data for, with a note', () => {
    const result = run(['report', 'examples/data/survey-responses.csv', '--json'])
    expect(result.status).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.sections.revenue).toBeNull()
    expect(report.omitted.map((entry: { section: string }) => entry.section)).toContain('revenue')
    expect(result.stderr).toContain('note: section revenue omitted')
  })
})

describe('cx-metrics report on broken inputs', () => {
  it('exits 1 for a missing file (nothing readable)', () => {
    const result = run(['report', 'no/such/folder'])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('no/such/folder: no such file or folder')
    expect(result.stderr).toContain('nothing readable')
    expect(result.stdout).toBe('')
  })

  it('exits 1 for an empty file', () => {
    const path = writeFile(tempFolder(), 'empty.csv', '')
    const result = run(['report', path])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('empty.csv: is empty (no header row)')
  })

  it('exits 1 for JSON that is not an array of records and for a CSV with an unclosed quote', () => {
    const folder = tempFolder()
    const object = writeFile(folder, 'deals.json', '{"deals": 3}')
    const broken = writeFile(folder, 'survey.csv', 'respondedAt,score\n"2026-01-05T10:00:00Z,10\n')
    const result = run(['report', object, broken])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('deals.json: cannot be read: expected a JSON array of records')
    expect(result.stderr).toMatch(/survey\.csv: cannot be read: .*[Qq]uote/)
  })

  it('exits 1 for a file whose header it does not recognise, naming what it expects', () => {
    const path = writeFile(tempFolder(), 'odd.csv', 'foo,bar\n1,2\n')
    const result = run(['report', path])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('odd.csv: header not recognised (foo, bar)')
    expect(result.stderr).toContain('survey responses [score, respondedAt]')
  })

  it('lists bad rows with their lines, keeps the good ones, and exits 1 only under --strict', () => {
    const folder = tempFolder()
    const path = writeFile(
      folder,
      'survey.csv',
      'respondedAt,score,segment\n2026-01-05T10:00:00Z,10,A\n2026-01-06T10:00:00Z,11,A\nnot a date,9,B\n2026-01-07T10:00:00Z,7,B\n',
    )
    const lenient = run(['report', path, '--json'])
    expect(lenient.status).toBe(0)
    const report = JSON.parse(lenient.stdout)
    expect(report.sections.nps.responses).toBe(2)
    expect(report.rejectedRows.map((row: { line: number }) => row.line)).toEqual([3, 4])
    expect(lenient.stderr).toContain(`rejected: ${path}:3 (line 3, survey): score:`)
    expect(lenient.stderr).toContain(`rejected: ${path}:4 (line 4, survey): respondedAt:`)
    const strict = run(['report', path, '--strict'])
    expect(strict.status).toBe(1)
    expect(strict.stderr).toContain('2 row(s) rejected.')
  })

  it('counts the lines of quoted multi-line fields when it names a rejected row', () => {
    const path = writeFile(
      tempFolder(),
      'survey.csv',
      'respondedAt,score,segment\n2026-01-05T10:00:00Z,10,"two\nlines"\n2026-01-06T10:00:00Z,x,A\n',
    )
    const result = run(['report', path, '--json'])
    // Header line 1, the first record spans lines 2–3, the bad record is line 4.
    expect(JSON.parse(result.stdout).rejectedRows[0].line).toBe(4)
  })

  it('exits 2 for an unknown option, a missing path or an unknown command', () => {
    const unknown = run(['report', 'examples/data', '--colour'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain("Unknown option '--colour'")
    expect(run(['report']).status).toBe(2)
    const command = run(['dashboard'])
    expect(command.status).toBe(2)
    expect(command.stderr).toContain('unknown command "dashboard"')
    expect(run([]).status).toBe(2)
  })

  it('exits 2 for a bad --time-zone or --as-of', () => {
    const zone = run(['report', 'examples/data', '--time-zone', 'Mars/Olympus'])
    expect(zone.status).toBe(2)
    expect(zone.stderr).toContain('--time-zone Mars/Olympus')
    const asOf = run(['report', 'examples/data', '--as-of', 'yesterday'])
    expect(asOf.status).toBe(2)
    expect(asOf.stderr).toContain('--as-of yesterday')
  })

  it('exits 2 for a config file with a wrong key, naming each one', () => {
    const folder = tempFolder()
    const config = writeFile(
      folder,
      'cx.json',
      JSON.stringify({ timezone: 'UTC', cxWeights: { nps: 'high', speed: 1 }, slaTargetHours: -4 }),
    )
    const result = run(['report', 'examples/data', '--config', config])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('has 4 error(s)')
    expect(result.stderr).toContain('timezone: unknown key')
    expect(result.stderr).toContain('cxWeights.speed: unknown key')
    expect(result.stderr).toMatch(/cxWeights\.nps: .*number/)
    expect(result.stderr).toContain('slaTargetHours: the SLA target is a positive number')
    const notJson = writeFile(folder, 'broken.json', '{ timeZone: ')
    const broken = run(['report', 'examples/data', '--config', notJson])
    expect(broken.status).toBe(2)
    expect(broken.stderr).toContain('is not JSON')
  })

  it('prints help for every command with exit 0', () => {
    for (const command of [
      ['--help'],
      ['report', '--help'],
      ['nps', '--help'],
      ['csat', '-h'],
      ['ces', '--help'],
      ['winrate', '--help'],
      ['wape', '--help'],
    ]) {
      const result = run(command)
      expect(result.status, command.join(' ')).toBe(0)
      expect(result.stdout, command.join(' ')).toContain('Usage')
    }
  })
})
