import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSheets } from '../../scripts/build-sheets.js'

/** Builds the spreadsheet files once per test file into a temporary folder. */
export async function buildOnce(): Promise<Awaited<ReturnType<typeof buildSheets>>> {
  return buildSheets(join(mkdtempSync(join(tmpdir(), 'cx-sheets-')), 'sheets'))
}
