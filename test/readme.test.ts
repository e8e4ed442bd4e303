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

  it('every block runs without throwing', async () => {
    for (let index = 0; index < blocks.length; index++) {
      await expect(printed(index)).resolves.toBeInstanceOf(Array)
      vi.restoreAllMocks()
    }
  })
})
