/**
 * `npm run bench`: every benchmark, each timing cx-metrics against a hand-written loop on
 * the same data in the same run and printing the ratio.
 */
import { runAccountKpiBenchmarks } from './accountKpis.bench.js'
import { runForecastBenchmarks } from './forecast.bench.js'
import { runPipelineBenchmarks } from './pipeline.bench.js'
import { runPipelineHygieneBenchmarks } from './pipelineHygiene.js'
import { runRetentionBenchmarks } from './retention.bench.js'
import { runSheetsBenchmarks } from './sheets.bench.js'
import { runSurveyBenchmarks } from './survey.bench.js'
import { runTimeBenchmarks } from './time.bench.js'

console.log(
  `cx-metrics benchmarks — Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
)
runSurveyBenchmarks()
runRetentionBenchmarks()
runPipelineBenchmarks()
runPipelineHygieneBenchmarks()
runForecastBenchmarks()
runTimeBenchmarks()
await runAccountKpiBenchmarks()
await runSheetsBenchmarks()
