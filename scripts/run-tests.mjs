#!/usr/bin/env node
// Runs the vitest suite twice — under TZ=UTC (with coverage thresholds) and under
// TZ=America/Los_Angeles — because no result may depend on the host's time zone; then the CLI's
// own suite (cli/test: the built `cx-metrics` command end to end and the HTML report in headless
// Chromium; it needs `npm run build` first) under TZ=America/Los_Angeles. Writes the combined
// counts to .test-results/summary.json and prints `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

const runs = [
  { timeZone: 'UTC', coverage: true, cwd: '.', label: 'library' },
  { timeZone: 'America/Los_Angeles', coverage: false, cwd: '.', label: 'library' },
  { timeZone: 'America/Los_Angeles', coverage: false, cwd: 'cli', label: 'cli' },
]
mkdirSync('.test-results', { recursive: true })
let passed = 0
let failed = 0
let exitCode = 0
const counts = {}
for (const { timeZone, coverage, cwd, label } of runs) {
  const report = resolve(
    `.test-results/vitest-${label === 'cli' ? 'cli-' : ''}${timeZone.replace('/', '-')}.json`,
  )
  const args = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]
  if (coverage) args.push('--coverage')
  console.log(`\n▶ ${label} vitest under TZ=${timeZone}${coverage ? ' with coverage' : ''}`)
  const result = spawnSync('npx', args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, TZ: timeZone },
  })
  if (result.status !== 0) exitCode = result.status ?? 1
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    passed += json.numPassedTests
    failed += json.numFailedTests
    const entry = counts[label] ?? { passed: 0, failed: 0 }
    entry.passed += json.numPassedTests
    entry.failed += json.numFailedTests
    counts[label] = entry
    if (json.numTotalTests === 0) exitCode = exitCode || 1
  } catch {
    exitCode = exitCode || 1
    console.error(`no test report from the TZ=${timeZone} run`)
  }
}
writeFileSync('.test-results/summary.json', JSON.stringify({ passed, failed, ...counts }))
const library = counts.library ?? { passed: 0, failed: 0 }
const cli = counts.cli ?? { passed: 0, failed: 0 }
console.log(
  `\nunit and property tests, two time zones: ${library.passed} passed, ${library.failed} failed`,
)
console.log(`CLI end-to-end and browser tests: ${cli.passed} passed, ${cli.failed} failed`)
console.log(`total: ${passed} passed, ${failed} failed`)
process.exit(exitCode)
