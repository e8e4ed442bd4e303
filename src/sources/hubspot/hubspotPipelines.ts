import { describeValue } from '../../core/describeValue.js'
import { MetricInputError } from '../../core/MetricInputError.js'
import { isRow, type SourceRow } from '../read/cells.js'
import { optionOf } from '../read/options.js'

/**
 * One deal stage as HubSpot's Pipelines API returns it (`GET /crm/v3/pipelines/deals`,
 * `results[].stages[]`): its id (`dealstage` holds it), label, display order and metadata —
 * `isClosed` and the win `probability` (0–1; a closed stage with probability 1 is closed
 * won, 0 closed lost). The API writes the metadata as text (`"true"`, `"0.2"`); numbers and
 * booleans are accepted too. `aliases` (not HubSpot's) lists earlier labels of a renamed
 * stage, for exports that hold labels.
 *
 * @category Sources
 */
export interface HubspotStage {
  readonly id: string
  readonly label: string
  readonly displayOrder?: number
  readonly metadata?: {
    readonly isClosed?: boolean | string
    readonly probability?: number | string
  }
  readonly aliases?: readonly string[]
}

/**
 * One deal pipeline as the Pipelines API returns it: `{ id, label, stages }`.
 *
 * @category Sources
 */
export interface HubspotPipeline {
  readonly id: string
  readonly label: string
  readonly displayOrder?: number
  readonly stages: readonly HubspotStage[]
}

/** A stage checked: where it sits, whether it closes and wins, its probability 0–1. */
export interface CheckedStage {
  readonly id: string
  readonly label: string
  readonly pipelineId: string
  readonly pipelineLabel: string
  /** Pipeline order, then stage display order: the tie-break of equal entry times. */
  readonly order: number
  readonly closed: boolean
  readonly won: boolean
  readonly probability?: number
}

/** The stage list indexed by id and by label (with aliases), both case-insensitive. */
export interface StageIndex {
  /** Stages whose id or label (or alias) is `text`, optionally within a pipeline id or label. */
  find(text: string, pipeline?: string): CheckedStage[]
  /** A stage of the `Date entered "<stage> (<pipeline>)"` export header. */
  findLabelled(text: string): CheckedStage[]
}

const key = (text: string) => text.trim().toLowerCase()

function bad(metric: string, path: (string | number)[], message: string): MetricInputError {
  return new MetricInputError({
    code: 'INVALID_RECORD',
    metric,
    path,
    message: `${metric}: ${path.join('.')} ${message}`,
  })
}

/**
 * Checks the `stages` input of `metric`: the Pipelines API response `{ results }`, a list of
 * pipelines, or a flat list of stages (one pipeline `'default'`). Throws `INVALID_RECORD` at
 * `['stages', …]` for anything else.
 */
export function readStageIndex(input: unknown, metric: string): StageIndex {
  let pipelines: unknown = input
  if (isRow(input)) pipelines = optionOf(input, 'results', metric)
  if (!Array.isArray(pipelines) || pipelines.length === 0 || pipelines.length > 1000)
    throw bad(
      metric,
      ['stages'],
      `is ${describeValue(input)}; it must be the Pipelines API response, a list of pipelines { id, label, stages } or a list of stages { id, label, metadata }`,
    )
  const first = pipelines[0] as unknown
  const nested = isRow(first) && optionOf(first, 'stages', metric) !== undefined
  const list: { id: string; label: string; stages: unknown[]; path: (string | number)[] }[] = []
  if (nested) {
    for (let index = 0; index < pipelines.length; index++) {
      const pipeline = pipelines[index] as unknown
      const path = ['stages', index]
      if (!isRow(pipeline))
        throw bad(metric, path, `is ${describeValue(pipeline)}; it must be a pipeline`)
      const id = textField(pipeline, ['id', 'pipelineId'], [...path, 'id'], metric)
      const label = textField(pipeline, ['label'], [...path, 'label'], metric)
      const stages = optionOf(pipeline, 'stages', metric)
      if (!Array.isArray(stages) || stages.length > 1000)
        throw bad(
          metric,
          [...path, 'stages'],
          `is ${describeValue(stages)}; it must be a list of stages`,
        )
      list.push({ id, label, stages, path: [...path, 'stages'] })
    }
  } else {
    list.push({ id: 'default', label: 'Sales Pipeline', stages: pipelines, path: ['stages'] })
  }
  const all: CheckedStage[] = []
  const byName = new Map<string, CheckedStage[]>()
  const byLabelled = new Map<string, CheckedStage[]>()
  const file = (map: Map<string, CheckedStage[]>, name: string, stage: CheckedStage) => {
    const found = map.get(key(name))
    if (found === undefined) map.set(key(name), [stage])
    else if (!found.includes(stage)) found.push(stage)
  }
  for (let pipelineIndex = 0; pipelineIndex < list.length; pipelineIndex++) {
    const pipeline = list[pipelineIndex] as (typeof list)[number]
    for (let index = 0; index < pipeline.stages.length; index++) {
      const stage = pipeline.stages[index] as unknown
      const path = [...pipeline.path, index]
      if (!isRow(stage)) throw bad(metric, path, `is ${describeValue(stage)}; it must be a stage`)
      const id = textField(stage, ['id', 'stageId'], [...path, 'id'], metric)
      const label = textField(stage, ['label'], [...path, 'label'], metric)
      const displayOrder = optionOf(stage, 'displayOrder', metric) ?? index
      if (typeof displayOrder !== 'number' || !Number.isFinite(displayOrder))
        throw bad(
          metric,
          [...path, 'displayOrder'],
          `is ${describeValue(displayOrder)}; it must be a number`,
        )
      const metadata = optionOf(stage, 'metadata', metric) ?? {}
      if (!isRow(metadata))
        throw bad(
          metric,
          [...path, 'metadata'],
          `is ${describeValue(metadata)}; it must be an object`,
        )
      const closed = flag(
        optionOf(metadata, 'isClosed', metric),
        [...path, 'metadata', 'isClosed'],
        metric,
      )
      const probability = share(
        optionOf(metadata, 'probability', metric),
        [...path, 'metadata', 'probability'],
        metric,
      )
      if (closed && probability !== 0 && probability !== 1)
        throw bad(
          metric,
          [...path, 'metadata', 'probability'],
          `is ${describeValue(probability)}; a closed stage has probability 1 (won) or 0 (lost)`,
        )
      const checked: CheckedStage = {
        id,
        label,
        pipelineId: pipeline.id,
        pipelineLabel: pipeline.label,
        order: pipelineIndex * 1e6 + displayOrder,
        closed,
        won: closed && probability === 1,
        ...(probability === undefined ? {} : { probability }),
      }
      all.push(checked)
      const aliases = optionOf(stage, 'aliases', metric) ?? []
      if (!Array.isArray(aliases) || aliases.length > 100)
        throw bad(
          metric,
          [...path, 'aliases'],
          `is ${describeValue(aliases)}; it must be a list of earlier labels`,
        )
      file(byName, id, checked)
      for (const name of [label, ...aliases]) {
        if (typeof name !== 'string' || name.trim() === '' || name.length > 255)
          throw bad(
            metric,
            [...path, 'aliases'],
            `holds ${describeValue(name)}; each must be a label`,
          )
        file(byName, name, checked)
        file(byLabelled, `${name} (${pipeline.label})`, checked)
      }
    }
  }
  return {
    find(text, pipeline) {
      const found = byName.get(key(text)) ?? []
      if (pipeline === undefined) return found
      const wanted = key(pipeline)
      return found.filter(
        (stage) => key(stage.pipelineId) === wanted || key(stage.pipelineLabel) === wanted,
      )
    },
    findLabelled: (text) => byLabelled.get(key(text)) ?? [],
  }
}

function textField(
  row: SourceRow,
  names: readonly string[],
  path: (string | number)[],
  metric: string,
): string {
  for (const name of names) {
    const value = optionOf(row, name, metric)
    if (value === undefined) continue
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
    if (typeof value === 'string' && value.trim() !== '' && value.length <= 255) return value.trim()
    throw bad(metric, path, `is ${describeValue(value)}; it must be a non-empty text`)
  }
  throw bad(metric, path, 'is missing')
}

function flag(value: unknown, path: (string | number)[], metric: string): boolean {
  if (value === undefined || value === false || value === 'false') return false
  if (value === true || value === 'true') return true
  throw bad(metric, path, `is ${describeValue(value)}; it must be true or false`)
}

function share(value: unknown, path: (string | number)[], metric: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value)
        ? Number(value)
        : Number.NaN
  if (!(number >= 0 && number <= 1))
    throw bad(metric, path, `is ${describeValue(value)}; it must be a probability from 0 to 1`)
  return number === 0 ? 0 : number
}
