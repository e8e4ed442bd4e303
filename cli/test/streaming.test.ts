import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, run, tempFolder, writeFile } from './helpers.js'

/**
 * Flat vendor exports (survey exports, Salesforce Lead/Task/Event, HubSpot contacts) are run
 * through their adapter chunk by chunk (20,000 rows) as the CSV streams in. These files are
 * larger than one chunk, with bad rows in later chunks: the counts and line numbers below
 * follow from how the files are built.
 */

describe('streamed vendor exports (more than one chunk)', () => {
  it('a Qualtrics export of 50,000 responses: header rows and ImportId zone hold in every chunk', () => {
    const fixture = readFileSync(join(ROOT, 'test/sources/surveys/fixtures/qualtrics.csv'), 'utf8')
    // The fixture's header and its two extra header rows (the second names America/Denver).
    const head = fixture.split(/\r?\n/).slice(0, 3).join('\n')
    const lines = [head]
    for (let index = 0; index < 50_000; index++) {
      const score = index === 25_000 || index === 45_000 ? '12' : '10'
      const at = index === 49_999 ? '2026-03-31 23:30:00' : '2026-03-02 09:15:00'
      lines.push(`${at},${at},0,100,300,1,${at},R_${index},${score},3,,West`)
    }
    const file = writeFile(tempFolder(), 'qualtrics.csv', `${lines.join('\n')}\n`)
    const result = run(['nps', file, '--period', 'month', '--time-zone', 'UTC', '--json'])
    expect(result.status, result.stderr).toBe(0)
    const output = JSON.parse(result.stdout)
    // Data row i is on line i + 4 (header, two extra header rows). Rows 25,000 and 45,000
    // (chunks 2 and 3) have score 12: rejected at lines 25,004 and 45,004. The last response,
    // 23:30 on 31 March in Denver (UTC−6 in summer time), is 05:30 UTC on 1 April: read in
    // the export's own zone although it is in the third chunk.
    expect(output.rejectedRows.map((row: { line: number }) => row.line)).toEqual([25_004, 45_004])
    expect(
      output.rows.map(
        (row: { period: { label: string }; n: number; result: { score: number } }) => [
          row.period.label,
          row.n,
          row.result.score,
        ],
      ),
    ).toEqual([
      ['2026-03', 49_997, 100],
      ['2026-04', 1, 100],
    ])
  })

  it('a Salesforce Lead.csv of 45,000 rows: every row is a lead or a listed rejection', () => {
    const lines = [
      'Id,FirstName,LastName,Company,Status,LeadSource,OwnerId,CreatedDate,IsConverted,ConvertedDate,ConvertedOpportunityId,ConvertedAccountId',
    ]
    for (let index = 0; index < 45_000; index++) {
      const created =
        index === 30_000 || index === 44_999 ? 'yesterday' : '2026-01-03T08:30:00.000Z'
      lines.push(`00Q${index},A,B,Co,Working - Contacted,Web,0050001,${created},false,,,`)
    }
    const file = writeFile(tempFolder(), 'Lead.csv', `${lines.join('\n')}\n`)
    const result = run(['report', file, '--json'])
    const output = JSON.parse(result.stdout)
    // Row i is on line i + 2; rows 30,000 and 44,999 have no date.
    expect(output.files).toEqual([
      {
        file,
        kind: 'leads',
        source: 'Salesforce Lead',
        rows: 45_000,
        accepted: 44_998,
        rejected: 2,
        problem: null,
      },
    ])
    expect(output.rejectedRows.map((row: { line: number }) => row.line)).toEqual([30_002, 45_001])
  })
})
