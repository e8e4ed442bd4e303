/**
 * The Google Sheets file in a bare V8 context (as Apps Script runs it): NPS over a range of
 * 100,000 cells — Sheets allows 30 s per call — against a hand loop over the same 2-D array.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import vm from 'node:vm'
import { buildSheets } from '../scripts/build-sheets.js'
import { type Measurement, measure } from './harness.js'

export async function runSheetsBenchmarks(): Promise<Measurement[][]> {
  const files = await buildSheets(join(mkdtempSync(join(tmpdir(), 'cx-bench-')), 'sheets'))
  const context = vm.createContext({})
  vm.runInContext(readFileSync(files.appsScript, 'utf8'), context)
  vm.runInContext(
    `var range = []; for (var i = 0; i < 100000; i++) range.push([i % 13 === 0 ? '' : i % 11]);
     function handNps(r) { var p = 0, d = 0, n = 0; for (var i = 0; i < r.length; i++) { var s = r[i][0]; if (s === '') continue; n++; if (s >= 9) p++; else if (s <= 6) d++ } return 100 * (p - d) / n }`,
    context,
  )
  const nps = () => vm.runInContext('NPS(range)', context) as number
  const hand = () => vm.runInContext('handNps(range)', context) as number
  if (Math.abs(nps() - hand()) > 1e-9) throw new Error('NPS differs')
  return [
    measure(
      'Google Sheets file in node:vm — NPS over a 100,000-cell range',
      { name: 'hand loop in the same context', run: hand },
      [{ name: 'NPS custom function', run: nps }],
    ),
  ]
}
