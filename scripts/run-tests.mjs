#!/usr/bin/env node
// Runs the vitest suite twice — under TZ=UTC (with coverage thresholds) and under
// TZ=America/Los_Angeles — because no result may depend on the host's time zone. Writes the
// combined counts to .test-results/summary.json and prints `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'

const runs = [
  { timeZone: 'UTC', coverage: true },
  { timeZone: 'America/Los_Angeles', coverage: false },
]
mkdirSync('.test-results', { recursive: true })
let passed = 0
let failed = 0
let exitCode = 0
for (const { timeZone, coverage } of runs) {
  const report = `.test-results/vitest-${timeZone.replace('/', '-')}.json`
  const args = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]
  if (coverage) args.push('--coverage')
  console.log(`\n▶ vitest under TZ=${timeZone}${coverage ? ' with coverage' : ''}`)
  const result = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, TZ: timeZone } })
  if (result.status !== 0) exitCode = result.status ?? 1
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    passed += json.numPassedTests
    failed += json.numFailedTests
    if (json.numTotalTests === 0) exitCode = exitCode || 1
  } catch {
    exitCode = exitCode || 1
    console.error(`no test report from the TZ=${timeZone} run`)
  }
}
writeFileSync('.test-results/summary.json', JSON.stringify({ passed, failed }))
console.log(`\nunit and property tests, two time zones: ${passed} passed, ${failed} failed`)
process.exit(exitCode)
