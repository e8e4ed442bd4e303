/**
 * Every `ts` block of the README compiles as written (strict, against the package's own
 * entry points) and runs; the values the blocks print are checked against hand counts.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'

const readme = readFileSync('README.md', 'utf8')
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string)
const folder = resolve('.test-results/readme-blocks')
rmSync(folder, { recursive: true, force: true })
mkdirSync(folder, { recursive: true })
const files = blocks.map((block, index) => {
  const file = join(folder, `block-${index + 1}.ts`)
  // `export {}` makes each block its own module, as it is in a user's file.
  writeFileSync(file, `${block}\nexport {}\n`)
  return file
})

afterEach(() => {
  vi.restoreAllMocks()
})

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

/** Runs a block and returns what it printed, one string per `console.log` call. */
async function printed(index: number): Promise<string[]> {
  const lines: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    lines.push(
      parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '),
    )
  })
  await import(/* @vite-ignore */ `${files[index]}?run=${Date.now()}`)
  return lines
}

describe('README code blocks', () => {
  it('has the blocks this test knows about', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3)
  })

  it('every ts block type-checks, strict, against the package entry points', () => {
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      types: ['node'],
      paths: {
        'cx-metrics': [resolve('src/index.ts')],
        'cx-metrics/schemas': [resolve('src/schemas/index.ts')],
        'cx-metrics/sources': [resolve('src/sources/index.ts')],
        'cx-metrics/sql': [resolve('src/sql/index.ts')],
      },
    })
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter(
        (diagnostic) =>
          diagnostic.file === undefined || files.includes(resolve(diagnostic.file.fileName)),
      )
      .map((diagnostic) => {
        const where = diagnostic.file
          ? `${diagnostic.file.fileName.split('/').pop()}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
          : ''
        return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
      })
    expect(diagnostics).toEqual([])
  }, 60_000)

  it('the schema block reports the off-scale row and prints the monthly NPS', async () => {
    const index = blocks.findIndex((block) => block.includes('parseRecords(SurveyResponseSchema'))
    // Row 1 has score 11 (rejected). March (New York) holds the 9 → NPS 100; April the 6 → −100.
    expect(await printed(index)).toEqual(['[1]', '[100,-100]'])
  })

  it('the scaling-out block merges shard states into the one-shot NPS', async () => {
    const index = blocks.findIndex((block) => block.includes('const shards'))
    // Scores 10, 9, 3, 7, 10, 0: promoters 3, detractors 2, n 6 → 100 · 1/6.
    expect(await printed(index)).toEqual([String((100 * (3 - 2)) / 6)])
  })

  it('the grouping block prints NPS per segment and month', async () => {
    const index = blocks.findIndex((block) => block.includes('groupMetric(responses'))
    // enterprise: March [10] → 100, April [9] → 100 (7 April 15:00 UTC is 11:00 in New York);
    // smb: March [3] → −100. Groups in order of first appearance, then months.
    expect(await printed(index)).toEqual([
      JSON.stringify(['enterprise 2026-03 100', 'enterprise 2026-04 100', 'smb 2026-03 -100']),
    ])
  })

  it('the pipeline hygiene block prints the score, o2 flags and the per-owner shares', async () => {
    const index = blocks.findIndex((block) => block.includes('pipelineHygiene(deals'))
    // Hand-worked: open amount 12,000 (o1) + 8,000 (o2) = 20,000 (o3 has none); only o1 is
    // clean → 12,000 / 20,000 = 0.6. o2: close date 2026-10-31 is before asOf 2026-11-29; its
    // only activity window (14 days) holds no activity of o2; the close date moved later twice
    // (09-30 → 10-15 → 10-31). ana: o1 clean, o2 flagged → 1/2; ben: o3 flagged → 0.
    expect(await printed(index)).toEqual([
      '0.6',
      JSON.stringify(['close-date-passed', 'no-recent-activity', 'close-date-pushed']),
      'close date pushed 2 times: 2026-09-30 → 2026-10-15 → 2026-10-31',
      JSON.stringify([
        ['ana', 0.5],
        ['ben', 0],
      ]),
    ])
  })

  it('the bookings mix block prints the expansion share per month', async () => {
    const index = blocks.findIndex((block) => block.includes('bookingsMix('))
    // Hand-worked: January holds acme's first win only → 0 expansion. February: acme 500 is
    // expansion (acme first won in January), globex 1,500 is new → 500 / 2,000 = 0.25.
    expect(await printed(index)).toEqual([
      JSON.stringify([
        ['2026-01', 0],
        ['2026-02', 0.25],
      ]),
    ])
  })

  it('the scorecards block prints shrunk win rates, ranks and the scores', async () => {
    const index = blocks.findIndex((block) => block.includes('repScorecard('))
    // Shrunk rates of the team 2/2, 40/60, 10/40, 20/40, 8/20 from
    // test/reference/shrunk_rates.py (TEAM): 0.615, 0.650, 0.283, 0.499, 0.423; ranks by them.
    // Scores (equal weights): ana (1.3/1.5 + 0.6154)/2 = 74.1, ben (0.9/1.5 + 0.6500)/2 = 62.5;
    // the others on the win rate alone. Bands: red < 50 ≤ yellow < 75.
    expect(await printed(index)).toEqual([
      'ana 1 0.615 2',
      'ben 0.6666666666666666 0.650 1',
      'cy 0.25 0.283 5',
      'dee 0.5 0.499 3',
      'eve 0.4 0.423 4',
      JSON.stringify([
        ['ana', '74.1', 'yellow'],
        ['ben', '62.5', 'yellow'],
        ['cy', '28.3', 'red'],
        ['dee', '49.9', 'red'],
        ['eve', '42.3', 'red'],
      ]),
    ])
  })

  it('the Salesforce block rejects the German amount and prints the records and win rate', async () => {
    const index = blocks.findIndex((block) => block.includes('salesforceOpportunities(\n'))
    const lines = await printed(index)
    // Row 3 writes 9.500,00 (German grouping) in an 'en' export: refused at its own column.
    expect(lines[0]).toMatch(/^3 Amount .*"9\.500,00"/)
    // Amounts keep their digits as exact text without the grouping commas; the blank amount
    // of the open deal 0063 stays absent. Closed 2026-02-10 in New York (EST, UTC−5) begins
    // at 05:00 UTC. Win rate: 0061 won, 0062 lost → 1 / 2.
    expect(lines.slice(1)).toEqual([
      JSON.stringify(['0061 won 48000.00', '0062 lost 12500', '0063 open —']),
      '2026-02-10T05:00:00.000Z',
      '0.5',
    ])
  })

  it('the sourceChunks block streams the leads in chunks and counts indexes in the stream', async () => {
    const index = blocks.findIndex((block) => block.includes('sourceChunks(salesforceLeads'))
    const lines = await printed(index)
    // L-3 (index 2 of the stream, first row of the second chunk) says converted but has no
    // date. Berlin is UTC+1 in January and February: 09:30 → 08:30Z, 14:00 → 13:00Z,
    // 11:15 → 10:15Z. Conversion: L-1 and L-4 converted of the 3 leads read → 2/3.
    expect(lines[0]).toMatch(/^2 \["Converted Date: /)
    expect(lines.slice(1)).toEqual([
      JSON.stringify([
        'L-1 2026-01-05T08:30:00.000Z',
        'L-2 2026-01-06T13:00:00.000Z',
        'L-4 2026-02-12T10:15:00.000Z',
      ]),
      String(2 / 3),
    ])
  })

  it('the Stripe block prints month-end MRR per customer and refuses the tiered price', async () => {
    const index = blocks.findIndex((block) => block.includes('stripeMrr(subscriptions'))
    // Hand-worked, New York month ends: cus_1 3 × 120.00 a year / 12 = 30 USD from January
    // (it started 31 December 19:00 in New York); cus_2 from 15 February 49.00 less 20 % =
    // 39.2 USD; cus_3 5000 JPY (zero-decimal) in January only, ended 10 February; cus_4's
    // tiered price is refused at items.data.0.price. Rows in month, then customer order.
    expect(await printed(index)).toEqual([
      '3 items.data.0.price',
      JSON.stringify([
        '2026-01 cus_1 30 USD',
        '2026-01 cus_3 5000 JPY',
        '2026-02 cus_1 30 USD',
        '2026-02 cus_2 39.2 USD',
        '2026-03 cus_1 30 USD',
        '2026-03 cus_2 39.2 USD',
      ]),
    ])
  })

  it('the warehouse block runs the NPS twin in DuckDB and finishes it', async () => {
    const index = blocks.findIndex((block) => block.includes('netPromoterScoreSql({'))
    // New York months: enterprise March holds 10, 6 and the 9 of 1 April 02:00 UTC (31 March
    // 22:00 EDT) → 2 promoters, 1 detractor of 3 → 100/3 = 33.3; smb March [3] → −100,
    // April [9] → 100. Rows ordered by segment, then period.
    expect(await printed(index)).toEqual([
      'enterprise 2026-03 33.3 3',
      'smb 2026-03 -100.0 1',
      'smb 2026-04 100.0 1',
    ])
  }, 30_000)

  it('the Stripe events block values the months before the upgrade at 3 seats', async () => {
    const index = blocks.findIndex((block) =>
      block.includes('stripeMrr([subscription], { months, events })'),
    )
    // Hand-worked, UTC month ends: the 14 March upgrade event says 3 seats before it
    // (previous_attributes), 5 after. January and February ends are before the event:
    // 3 × 20.00 = 60; the March end is after it: 5 × 20.00 = 100. Without events every month
    // is valued at today's 5 seats = 100. The one event is used, so none is rejected.
    expect(await printed(index)).toEqual([
      '2026-01 60, 2026-02 60, 2026-03 100',
      '100, 100, 100',
      '0',
    ])
  })

  it('the revenue movements block runs the twin in DuckDB and prints GRR and NRR', async () => {
    const index = blocks.findIndex((block) => block.includes('revenueMovementsSql({'))
    // Hand-worked: January a 100 + b 50 = S 150. February: a 100 → 120 expansion 20, b 50 → 0
    // churn 50, c new 30. GRR = (150 − 0 − 50) / 150 = 2/3; NRR = (150 + 20 − 0 − 50) / 150
    // = 0.8. January is the baseline (no row).
    expect(await printed(index)).toEqual([`2026-02 ${2 / 3} ${120 / 150}`])
  }, 30_000)

  it('every block runs without throwing', async () => {
    for (let index = 0; index < blocks.length; index++) {
      await expect(printed(index)).resolves.toBeInstanceOf(Array)
      vi.restoreAllMocks()
    }
  })
})
