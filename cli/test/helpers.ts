import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'

/** The repository root (the CLI tests run the command from there, as a user would). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The BUILT command: these tests never import the sources. */
export const CLI = join(ROOT, 'cli/dist/cli.js')

if (!existsSync(CLI))
  throw new Error(`${CLI} is missing: run "npm run build" at the repository root first`)

/** What one run of the command printed and returned. */
export interface Run {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node cli/dist/cli.js …args` in the repository root. */
export function run(args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A fresh temporary folder. */
export function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'cx-metrics-cli-'))
}

/** Writes a file into a folder and returns its path. */
export function writeFile(folder: string, name: string, text: string): string {
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}

/** The rows of a sample CSV, read with csv-parse's sync API (independent of the command's reader). */
export function sampleCsv(name: string): Record<string, string>[] {
  return parse(readFileSync(join(ROOT, 'examples/data', name), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[]
}

/** The sample opportunities, as raw JSON. */
export function sampleOpportunities(): Record<string, unknown>[] {
  return JSON.parse(readFileSync(join(ROOT, 'examples/data/opportunities.json'), 'utf8'))
}

/** The value at a dotted path of a JSON document (`sections.nps.trend.0.score`). */
export function at(document: unknown, path: string): unknown {
  let value: unknown = document
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}
