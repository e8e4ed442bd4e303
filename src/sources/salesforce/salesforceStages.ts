import { describeValue } from '../../core/describeValue.js'
import { invalidOption, optionOf } from '../read/options.js'
import { SALESFORCE_STANDARD_STAGES, type SalesforceStage } from './SalesforceStage.js'

/** A stage list checked and indexed by name and alias (trimmed, case-insensitive). Internal. */
export interface StageVocabulary {
  /** The stage a `StageName` (or an earlier name) stands for, or `undefined` when unknown. */
  find(name: string): SalesforceStage | undefined
}

const key = (name: string) => name.trim().toLowerCase()

/** Checks the `stages` option of `metric` (default: Salesforce's standard stages). */
export function readStageVocabulary(options: object, metric: string): StageVocabulary {
  const given = optionOf(options, 'stages', metric) ?? SALESFORCE_STANDARD_STAGES
  if (!Array.isArray(given) || given.length === 0 || given.length > 1000)
    throw invalidOption(
      metric,
      ['stages'],
      `option stages is ${describeValue(given)}; it must be a non-empty list of { name, closed, won, probability?, aliases? }`,
    )
  const byName = new Map<string, SalesforceStage>()
  for (let index = 0; index < given.length; index++) {
    const stage = given[index] as unknown
    const path = ['stages', index]
    const bad = (field: string, why: string) =>
      invalidOption(metric, [...path, field], `option stages[${index}].${field} ${why}`)
    if (typeof stage !== 'object' || stage === null)
      throw invalidOption(
        metric,
        path,
        `option stages[${index}] is ${describeValue(stage)}; it must be an object`,
      )
    const { name, closed, won, probability, aliases } = stage as Record<string, unknown>
    if (typeof name !== 'string' || name.trim() === '' || name.length > 255)
      throw bad('name', `is ${describeValue(name)}; it must be a stage name`)
    if (typeof closed !== 'boolean')
      throw bad('closed', `is ${describeValue(closed)}; it must be true or false`)
    if (typeof won !== 'boolean')
      throw bad('won', `is ${describeValue(won)}; it must be true or false`)
    if (won && !closed) throw bad('won', 'is true for a stage that is not closed')
    if (
      probability !== undefined &&
      !(typeof probability === 'number' && probability >= 0 && probability <= 100)
    )
      throw bad(
        'probability',
        `is ${describeValue(probability)}; it must be a percentage from 0 to 100`,
      )
    if (aliases !== undefined && !(Array.isArray(aliases) && aliases.length <= 100))
      throw bad('aliases', `is ${describeValue(aliases)}; it must be a list of earlier stage names`)
    const checked: SalesforceStage = {
      name: name.trim(),
      closed,
      won,
      ...(probability === undefined ? {} : { probability }),
    }
    const names = [name, ...((aliases as unknown[] | undefined) ?? [])]
    for (let alias = 0; alias < names.length; alias++) {
      const text = names[alias]
      if (typeof text !== 'string' || text.trim() === '' || text.length > 255)
        throw bad('aliases', `holds ${describeValue(text)}; each alias must be a stage name`)
      if (byName.has(key(text)))
        throw invalidOption(metric, path, `option stages names ${describeValue(text)} twice`)
      byName.set(key(text), checked)
    }
  }
  // Exports repeat a few stage names on every row: each text is looked up once (trimmed and
  // lower-cased once), then found by the text itself. Bounded: cleared past 10,000 texts.
  const seen = new Map<string, SalesforceStage | undefined>()
  return {
    find(name) {
      const known = seen.get(name)
      if (known !== undefined || seen.has(name)) return known
      const stage = byName.get(key(name))
      if (seen.size >= 10_000) seen.clear()
      seen.set(name, stage)
      return stage
    },
  }
}
