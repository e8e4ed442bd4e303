/**
 * `cx-metrics report` over vendor exports (Salesforce, HubSpot, Stripe, survey tools), read
 * through `cx-metrics/sources`: the BUILT command on a temp folder holding copies of the
 * library's source fixtures (test/sources/**). The KPIs expected here are the ones worked by
 * hand in those fixtures' tests, cited at each assertion; the rejected lines are read off the
 * fixture files (header = line 1), as the comments show.
 */
import { copyFileSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT, run, tempFolder, writeFile } from './helpers.js'

const FIXTURES = join(ROOT, 'test/sources')

/** A temp folder with copies of the given fixture files (paths under test/sources). */
function folderWith(...files: string[]): string {
  const folder = tempFolder()
  for (const file of files) copyFileSync(join(FIXTURES, file), join(folder, basename(file)))
  return folder
}

interface Report {
  files: {
    file: string
    kind: string | null
    source: string | null
    rows: number
    accepted: number
    rejected: number
    problem: string | null
  }[]
  rejectedRows: { file: string; line: number; unit: string; kind: string; reason: string }[]
  sections: Record<string, Record<string, unknown> | null>
}

const SALESFORCE = [
  'fixtures/salesforce/Opportunity.csv',
  'fixtures/salesforce/OpportunityHistory.csv',
  'fixtures/salesforce/Lead.csv',
  'fixtures/salesforce/Task.csv',
  'fixtures/salesforce/Event.csv',
]

// The org's stage list: Salesforce's standard stages, with 'Negotiation/Review' renamed from
// 'Negotiation' (as test/sources/salesforce/fixtures.test.ts passes it).
const STAGES = [
  { name: 'Prospecting', closed: false, won: false, probability: 10 },
  { name: 'Qualification', closed: false, won: false, probability: 10 },
  { name: 'Needs Analysis', closed: false, won: false, probability: 20 },
  { name: 'Value Proposition', closed: false, won: false, probability: 50 },
  { name: 'Id. Decision Makers', closed: false, won: false, probability: 60 },
  { name: 'Perception Analysis', closed: false, won: false, probability: 70 },
  { name: 'Proposal/Price Quote', closed: false, won: false, probability: 75 },
  {
    name: 'Negotiation/Review',
    closed: false,
    won: false,
    probability: 90,
    aliases: ['Negotiation'],
  },
  { name: 'Closed Won', closed: true, won: true, probability: 100 },
  { name: 'Closed Lost', closed: true, won: false, probability: 0 },
]

describe('cx-metrics report on a Salesforce Data Export and a Qualtrics survey (--json)', () => {
  let folder = ''
  let status: number | null = null
  let stderr = ''
  let json: Report

  beforeAll(() => {
    folder = folderWith(...SALESFORCE, 'surveys/fixtures/qualtrics.csv')
    const config = writeFile(
      tempFolder(),
      'cx-metrics.json',
      JSON.stringify({ sources: { stages: STAGES } }),
    )
    const result = run(['report', folder, '--json', '--config', config])
    status = result.status
    stderr = result.stderr
    json = JSON.parse(result.stdout)
  })

  it('recognises every vendor file by its name and header and counts every row', () => {
    expect(status).toBe(0)
    const seen = Object.fromEntries(
      json.files.map((file) => [basename(file.file), [file.kind, file.source, file.problem]]),
    )
    expect(seen).toEqual({
      'Event.csv': ['activities', 'Salesforce Event', null],
      'Lead.csv': ['leads', 'Salesforce Lead', null],
      'Opportunity.csv': ['opportunities', 'Salesforce Opportunity', null],
      'OpportunityHistory.csv': ['opportunities', 'Salesforce OpportunityHistory', null],
      'Task.csv': ['activities', 'Salesforce Task', null],
      'qualtrics.csv': ['survey', 'Qualtrics survey', null],
    })
    // Data rows of each file (lines after the header; Qualtrics' two extra header rows are
    // neither responses nor errors): 11 opportunities, 19 history rows, 6 leads, 5 tasks,
    // 4 events, 7 responses.
    const rows = Object.fromEntries(json.files.map((file) => [basename(file.file), file.rows]))
    expect(rows).toEqual({
      'Event.csv': 4,
      'Lead.csv': 6,
      'Opportunity.csv': 11,
      'OpportunityHistory.csv': 19,
      'Task.csv': 5,
      'qualtrics.csv': 7,
    })
    for (const file of json.files) expect(file.accepted + file.rejected, file.file).toBe(file.rows)
  })

  it('reports the win rate worked by hand for the Salesforce fixture: 2 / 3', () => {
    // test/sources/salesforce/fixtures.test.ts "gives the win rate worked by hand": closed
    // deals 0060001 won, 0060006 won, 0060002 lost (0060005 lost, then reopened: open) →
    // 2 / (2 + 1); rounded to 0.0001 in the JSON.
    const overall = (json.sections.winRate as { overall: Record<string, unknown> }).overall
    expect(overall).toMatchObject({ won: 2, lost: 1, rate: 0.6667 })
  })

  it('reports the NPS worked by hand for the Qualtrics fixture: 25', () => {
    // test/sources/surveys/surveyResponses.test.ts "reads a Qualtrics export": scores 10, 7,
    // 3, 9 → 2 promoters, 1 detractor of 4 → (2 − 1) / 4 × 100 = 25.
    const nps = json.sections.nps as Record<string, unknown>
    expect(nps.score).toBe(25)
    expect(nps.responses).toBe(4)
  })

  it('lists every rejected row with file, line and reason, in the JSON and on stderr', () => {
    const listed = json.rejectedRows.map((row) => `${basename(row.file)}:${row.line}`).sort()
    expect(listed).toEqual(
      [
        'Opportunity.csv:8', // 0060007: amount "48.000,00" in an 'en' export
        'Opportunity.csv:9', // 0060008: Closed Won without a CloseDate
        'Opportunity.csv:10', // 0060009: Probability 135
        'Opportunity.csv:12', // 0060011: its history row (OpportunityHistory.csv line 20) has 31/02/2026
        'OpportunityHistory.csv:19', // 0080018: OpportunityId 0069999 is no exported deal
        'Lead.csv:5', // 00Q0004: converted without a ConvertedDate
        'Lead.csv:6', // 00Q0005: CreatedDate "yesterday"
        'Task.csv:4', // 00T0003: Not Started (open task)
        'Task.csv:6', // 00T0005: CallDurationInSeconds -60
        'Event.csv:5', // 00U0004: StartDateTime 2026-02-30
        'qualtrics.csv:7', // R_4jJkKlL: blank score
        'qualtrics.csv:8', // R_5mMnNoO: score 9 but NPS group 2 (passive)
        'qualtrics.csv:9', // R_6pPqQrR: score 12
      ].sort(),
    )
    const reasons = Object.fromEntries(
      json.rejectedRows.map((row) => [`${basename(row.file)}:${row.line}`, row.reason]),
    )
    expect(reasons['Opportunity.csv:8']).toContain('Amount: ')
    expect(reasons['Opportunity.csv:8']).toContain('"48.000,00"')
    expect(reasons['Opportunity.csv:10']).toContain('Probability: ')
    expect(reasons['Opportunity.csv:12']).toContain('OpportunityHistory.csv line 20 CreatedDate')
    expect(reasons['OpportunityHistory.csv:19']).toContain('0069999')
    expect(reasons['qualtrics.csv:9']).toContain('12')
    for (const row of json.rejectedRows)
      expect(stderr).toContain(
        `rejected: ${row.file}:${row.line} (line ${row.line}, ${row.kind}): `,
      )
    expect(stderr).toContain('13 row(s) rejected.')
  })

  it('exits 1 under --strict because rows were rejected', () => {
    expect(run(['report', folder, '--json', '--strict']).status).toBe(1)
  })

  it('lists the rows in the text report too', () => {
    const text = run(['report', folder])
    expect(text.status).toBe(0)
    expect(text.stdout).toContain('Opportunity.csv')
    expect(text.stdout).toContain('Qualtrics')
  })
})

describe('cx-metrics report on HubSpot, Stripe and survey-tool exports', () => {
  it('reads HubSpot deals with the pipelines JSON: win rate 2 / 3, rejected rows listed', () => {
    const folder = folderWith(
      'hubspot/fixtures/deals.csv',
      'hubspot/fixtures/pipelines.json',
      'hubspot/fixtures/contacts.csv',
      'hubspot/fixtures/engagements.json',
    )
    const result = run(['report', folder, '--json'])
    expect(result.status).toBe(0)
    const json: Report = JSON.parse(result.stdout)
    const sources = Object.fromEntries(json.files.map((f) => [basename(f.file), f.source]))
    expect(sources).toEqual({
      'contacts.csv': 'HubSpot contacts',
      'deals.csv': 'HubSpot deals',
      'engagements.json': 'HubSpot engagements',
      'pipelines.json': 'HubSpot deal pipelines',
    })
    // test/sources/hubspot/hubspotDeals.test.ts "gives the win rate worked by hand":
    // closed 9001 won, 9009 won (Renewed, Is Closed Won), 9002 lost → 2 / 3.
    const overall = (json.sections.winRate as { overall: Record<string, unknown> }).overall
    expect(overall).toMatchObject({ won: 2, lost: 1, rate: 0.6667 })
    const deals = json.rejectedRows
      .filter((row) => basename(row.file) === 'deals.csv')
      .map((row) => row.line)
    // Lines of deals.csv: 7 = 9006 "20.000,00", 8 = 9007 stage "Negotiating", 9 = 9008
    // closed won without a close date.
    expect(deals).toEqual([7, 8, 9])
    // Engagements are JSON items, numbered from 1.
    expect(json.rejectedRows.find((row) => basename(row.file) === 'engagements.json')?.unit).toBe(
      'item',
    )
  })

  it('names the missing pipelines JSON instead of guessing HubSpot stage names', () => {
    const folder = folderWith('hubspot/fixtures/deals.csv')
    const result = run(['report', folder, '--json'])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('HubSpot deals need the pipelines JSON')
  })

  it('names the missing Opportunity.csv of an opportunity history', () => {
    const folder = folderWith('fixtures/salesforce/OpportunityHistory.csv')
    const result = run(['report', folder])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('needs its Opportunity.csv')
  })

  it('reads Stripe subscriptions as monthly revenue and lists the refused ones by item', () => {
    const folder = folderWith(
      'stripe/fixtures/monthly.json',
      'stripe/fixtures/annual.json',
      'stripe/fixtures/tiered.json',
    )
    const result = run(['report', folder, '--json'])
    expect(result.status).toBe(0)
    const json: Report = JSON.parse(result.stdout)
    for (const file of json.files) expect(file.source).toBe('Stripe subscriptions')
    // tiered.json holds one subscription whose price is tiered: refused, never guessed.
    expect(json.rejectedRows).toHaveLength(1)
    expect(json.rejectedRows[0]).toMatchObject({ line: 1, unit: 'item', kind: 'revenue' })
    expect(json.rejectedRows[0]?.reason).toContain('tiered')
    expect(json.sections.revenue).not.toBeNull()
  })

  it('recognises SurveyMonkey, Typeform and Delighted exports', () => {
    const folder = folderWith(
      'surveys/fixtures/surveymonkey.csv',
      'surveys/fixtures/typeform.csv',
      'surveys/fixtures/delighted.json',
    )
    const result = run(['report', folder, '--json'])
    expect(result.status).toBe(0)
    const json: Report = JSON.parse(result.stdout)
    const sources = Object.fromEntries(json.files.map((f) => [basename(f.file), f.source]))
    expect(sources).toEqual({
      'delighted.json': 'Delighted survey',
      'surveymonkey.csv': 'SurveyMonkey survey',
      'typeform.csv': 'Typeform survey',
    })
    // typeform.csv line 5 has a blank score (a question not answered is not a response).
    expect(json.rejectedRows.map((row) => `${basename(row.file)}:${row.line}`)).toContain(
      'typeform.csv:5',
    )
  })

  it("reads a generic survey table with the config's vendor, columns and date order", () => {
    // generic.csv: c-1 10, c-2 6, c-3 9, c-4 −1 (outside 0–10, line 5), c-5 7 on "31/03/2026"
    // (line 6). Day-month order: 10, 6, 9, 7 → 2 promoters, 1 detractor of 4 → NPS 25.
    // Month-day order (the default): 31/03 is no date, so 10, 6, 9 → (2 − 1) / 3 → 33.33.
    const folder = folderWith('surveys/fixtures/generic.csv')
    const configOf = (dateOrder?: string) =>
      writeFile(
        tempFolder(),
        'cx-metrics.json',
        JSON.stringify({
          sources: {
            vendor: 'generic',
            surveyColumns: { score: 'NPS', respondedAt: 'Answered on', segment: 'Plan' },
            timeZone: 'UTC',
            ...(dateOrder === undefined ? {} : { dateOrder }),
          },
        }),
      )
    const dmy: Report = JSON.parse(
      run(['report', folder, '--json', '--config', configOf('dmy')]).stdout,
    )
    expect((dmy.sections.nps as Record<string, unknown>).score).toBe(25)
    expect(dmy.rejectedRows.map((row) => row.line)).toEqual([5])
    const mdy: Report = JSON.parse(run(['report', folder, '--json', '--config', configOf()]).stdout)
    expect((mdy.sections.nps as Record<string, unknown>).score).toBe(33.33)
    expect(mdy.rejectedRows.map((row) => row.line)).toEqual([5, 6])
  })

  it('runs the single-metric commands on one vendor file', () => {
    // Opportunity.csv alone (no history): closed by IsClosed/IsWon are 0060001 won, 0060002
    // lost, 0060006 won (0060008 is refused: closed without a CloseDate) → 2 / 3, as in
    // test/sources/salesforce/fixtures.test.ts.
    const winrate = run([
      'winrate',
      join(FIXTURES, 'fixtures/salesforce/Opportunity.csv'),
      '--json',
    ])
    expect(winrate.status).toBe(0)
    const rows = JSON.parse(winrate.stdout).rows
    expect(rows).toHaveLength(1)
    expect(rows[0].result).toMatchObject({ won: 2, lost: 1 })
    expect(rows[0].result.rate).toBeCloseTo(2 / 3, 12)
    // The Qualtrics export: NPS 25 of 4 responses (test/sources/surveys/surveyResponses.test.ts),
    // and its refused lines 7, 8, 9.
    const nps = run(['nps', join(FIXTURES, 'surveys/fixtures/qualtrics.csv'), '--json'])
    expect(nps.status).toBe(0)
    const npsJson = JSON.parse(nps.stdout)
    expect(npsJson.rows[0]).toMatchObject({ group: null, n: 4, result: { score: 25 } })
    expect(npsJson.rejectedRows.map((row: { line: number }) => row.line)).toEqual([7, 8, 9])
    // A vendor file of another kind is not used by the command (and not an error of its rows).
    const other = run(['nps', join(FIXTURES, 'fixtures/salesforce/Lead.csv')])
    expect(other.status).toBe(1)
    expect(other.stderr).toContain('not used by this command (Salesforce Lead)')
  })

  it("accepts the README's example config, sources keys included", () => {
    const readme = readFileSync(join(ROOT, 'cli/README.md'), 'utf8')
    const block = /```json\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toContain('"sources"')
    const config = writeFile(tempFolder(), 'cx-metrics.json', block ?? '')
    const result = run([
      'report',
      folderWith('fixtures/salesforce/Opportunity.csv'),
      '--json',
      '--config',
      config,
    ])
    expect(result.stderr).not.toContain('config file')
    expect(result.status).toBe(0)
    // The example's locale is "de" (comma = decimal mark): "48,000.00" on line 2 (0060001) is
    // not a German number, so it is refused, never guessed — the key took effect.
    const lines = JSON.parse(result.stdout).rejectedRows.map((row: { line: number }) => row.line)
    expect(lines).toContain(2)
  })

  it('exits 2 for wrong sources keys in the config, naming each one', () => {
    const config = writeFile(
      tempFolder(),
      'cx-metrics.json',
      JSON.stringify({
        sources: {
          locale: 'en-US',
          dateOrder: 'dd/mm',
          timeZone: 'Mars/Olympus',
          vendor: 'surveygizmo',
          stages: [{ name: 'Won', closed: true }],
          months: ['2026-13'],
          currency: 'USD',
        },
      }),
    )
    const result = run(['report', folderWith('surveys/fixtures/qualtrics.csv'), '--config', config])
    expect(result.status).toBe(2)
    for (const key of [
      'sources.locale',
      'sources.dateOrder',
      'sources.timeZone',
      'sources.vendor',
      'sources.stages.0.won',
      'sources.months.0',
      'sources.currency: unknown key',
    ])
      expect(result.stderr).toContain(key)
  })
})
