/**
 * `npm run demo`: the KPI dashboard of the bundled sample data (examples/data), computed with
 * cx-metrics exactly as an application would — parse the export at the edge, then call the
 * metric functions. `npm run demo -- --json` prints the headline numbers as JSON instead.
 */
import { cxReport, dashboardData } from './sections/cx.js'
import { forecastReport } from './sections/forecast.js'
import { leadToQuoteReport } from './sections/leadToQuote.js'
import { pipelineReport } from './sections/pipeline.js'
import { hygieneReport, repScorecardReport } from './sections/reps.js'
import { retentionReport } from './sections/retention.js'
import {
  accountGrowthReport,
  generationReport,
  revenueAgainstTargetReport,
} from './sections/sales.js'
import { surveyReport } from './sections/survey.js'

const data = dashboardData()
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(data, null, 2))
} else {
  console.log('cx-metrics demo — Northwind Cloud sample data, December 2025 to November 2026')
  console.log(cxReport(data))
  console.log(surveyReport())
  console.log(retentionReport())
  console.log(pipelineReport())
  console.log(forecastReport())
  console.log(leadToQuoteReport())
  console.log(revenueAgainstTargetReport())
  console.log(accountGrowthReport())
  console.log(generationReport())
  console.log(repScorecardReport())
  console.log(hygieneReport())
}
