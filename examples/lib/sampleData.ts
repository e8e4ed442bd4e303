import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCsv } from './csv.js'

const dataFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'data')

/** The path of a file of the sample data set. */
export function sampleDataPath(name: string): string {
  return join(dataFolder, name)
}

/** The rows of one CSV file of the sample data set, as string-valued objects. */
export function readSampleCsv(name: string): Record<string, string>[] {
  return parseCsv(readFileSync(join(dataFolder, name), 'utf8'))
}

/** The time zone the sample company reports in. */
export const COMPANY_TIME_ZONE = 'America/New_York'
