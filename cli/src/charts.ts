import type { TopLevelSpec } from 'vega-lite'
import type { Dashboard, SectionName } from './dashboard.js'

/** One chart of the report: a Vega-Lite spec and the words a screen reader gets for it. */
export interface ChartDefinition {
  readonly id: string
  readonly section: SectionName
  readonly title: string
  readonly description: string
  readonly spec: TopLevelSpec
}

/** A chart rendered to SVG. */
export interface RenderedChart extends ChartDefinition {
  readonly svg: string
}

const WIDTH = 560
const HEIGHT = 220
/** System fonts only: the report must not load anything. */
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' as const },
  background: 'white',
}

function chart(
  id: string,
  section: SectionName,
  title: string,
  description: string,
  body: Record<string, unknown>,
): ChartDefinition {
  const spec = {
    title,
    description,
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    ...body,
  } as TopLevelSpec
  return { id, section, title, description, spec }
}

/** The charts the dashboard has data for, in report order. */
export function chartDefinitions(dashboard: Dashboard): ChartDefinition[] {
  const s = dashboard.sections
  const out: ChartDefinition[] = []
  if (s.cxScore !== null)
    out.push(
      chart(
        'cx-components',
        'cxScore',
        `CX score ${s.cxScore.score ?? '—'}: points contributed by each component`,
        'Horizontal bars: the points (out of 100) each component adds to the composite CX score.',
        {
          data: { values: s.cxScore.components },
          mark: { type: 'bar', color: '#4c78a8' },
          encoding: {
            y: { field: 'name', type: 'nominal', sort: null, title: 'Component' },
            x: { field: 'points', type: 'quantitative', title: 'Points contributed (of 100)' },
            tooltip: [{ field: 'name' }, { field: 'points' }],
          },
        },
      ),
    )
  if (s.nps !== null) {
    out.push(
      chart(
        'nps-trend',
        'nps',
        'NPS by month with its 95 % confidence band',
        'Line: monthly NPS (points, −100 to 100); shaded band: its 95 % adjusted-Wald interval.',
        {
          data: { values: s.nps.trend },
          encoding: {
            x: { field: 'period', type: 'ordinal', title: 'Month', axis: { labelAngle: -45 } },
          },
          layer: [
            {
              mark: { type: 'area', opacity: 0.25, color: '#4c78a8' },
              encoding: {
                y: {
                  field: 'lower',
                  type: 'quantitative',
                  title: 'NPS (points, −100 to 100)',
                  scale: { domain: [-100, 100] },
                },
                y2: { field: 'upper' },
              },
            },
            {
              mark: { type: 'line', point: true, color: '#4c78a8' },
              encoding: { y: { field: 'score', type: 'quantitative' } },
            },
          ],
        },
      ),
      chart(
        'nps-segment',
        'nps',
        'NPS by segment with 95 % intervals',
        'Points: NPS per customer segment (points); whiskers: 95 % adjusted-Wald interval.',
        {
          data: { values: s.nps.bySegment },
          encoding: {
            y: { field: 'segment', type: 'nominal', title: 'Segment' },
          },
          layer: [
            {
              mark: { type: 'rule', color: '#4c78a8' },
              encoding: {
                x: {
                  field: 'lower',
                  type: 'quantitative',
                  title: 'NPS (points, −100 to 100)',
                  scale: { domain: [-100, 100] },
                },
                x2: { field: 'upper' },
              },
            },
            {
              mark: { type: 'point', filled: true, size: 80, color: '#4c78a8' },
              encoding: { x: { field: 'score', type: 'quantitative' } },
            },
          ],
        },
      ),
    )
  }
  if (s.revenue !== null) {
    const movements: { month: string; movement: string; amount: number }[] = []
    for (const row of s.revenue.months) {
      movements.push(
        { month: row.month, movement: 'new', amount: row.newRevenue ?? 0 },
        { month: row.month, movement: 'expansion', amount: row.expansion ?? 0 },
        { month: row.month, movement: 'reactivation', amount: row.reactivation ?? 0 },
        { month: row.month, movement: 'contraction', amount: -(row.contraction ?? 0) },
        { month: row.month, movement: 'churn', amount: -(row.churn ?? 0) },
      )
    }
    out.push(
      chart(
        'mrr-movements',
        'revenue',
        'MRR movements by month',
        'Stacked bars: MRR gained (new, expansion, reactivation, above zero) and lost (contraction, churn, below zero) each month, in currency units.',
        {
          data: { values: movements },
          mark: 'bar',
          encoding: {
            x: { field: 'month', type: 'ordinal', title: 'Month', axis: { labelAngle: -45 } },
            y: { field: 'amount', type: 'quantitative', title: 'MRR change (currency units)' },
            color: {
              field: 'movement',
              type: 'nominal',
              title: 'Movement',
              scale: {
                domain: ['new', 'expansion', 'reactivation', 'contraction', 'churn'],
                range: ['#54a24b', '#88d27a', '#b9e3ae', '#f58518', '#e45756'],
              },
            },
          },
        },
      ),
    )
  }
  if (s.cohorts !== null) {
    const cells: { cohort: string; age: string; retention: number | null }[] = []
    for (const row of s.cohorts.cohorts)
      for (let age = 0; age < row.retention.length; age++)
        if (row.retention[age] !== null)
          cells.push({ cohort: row.cohort, age: `Q+${age}`, retention: row.retention[age] ?? null })
    out.push(
      chart(
        'cohort-heatmap',
        'cohorts',
        'Logo retention by signup-quarter cohort',
        'Heat map: rows are signup quarters, columns quarters since signup; darker = a larger share of the cohort still paying.',
        {
          data: { values: cells },
          mark: 'rect',
          encoding: {
            x: { field: 'age', type: 'ordinal', title: 'Quarters since signup', sort: null },
            y: { field: 'cohort', type: 'ordinal', title: 'Signup quarter' },
            color: {
              field: 'retention',
              type: 'quantitative',
              title: 'Retained (share)',
              scale: { domain: [0, 1], scheme: 'blues' },
              legend: { format: '.0%' },
            },
          },
        },
      ),
    )
  }
  if (s.survival !== null)
    out.push(
      survivalChart(
        'customer-survival',
        'survival',
        'Customer survival (Kaplan–Meier) with 95 % band',
        'Step line: share of customers still paying after each month; shaded band: 95 % log-transformed interval.',
        s.survival.steps,
        'Months as a paying customer',
      ),
    )
  if (s.funnel !== null && s.funnel.stages.length > 0)
    out.push(
      chart(
        'funnel',
        'funnel',
        'Pipeline funnel: deals that reached each stage',
        'Horizontal bars: number of opportunities that reached each stage, in stage order.',
        {
          data: { values: s.funnel.stages },
          mark: { type: 'bar', color: '#72b7b2' },
          encoding: {
            y: { field: 'stage', type: 'nominal', sort: null, title: 'Stage' },
            x: {
              field: 'reached',
              type: 'quantitative',
              title: 'Opportunities reaching the stage (count)',
            },
          },
        },
      ),
    )
  if (s.winRate !== null)
    out.push(
      chart(
        'win-rate-segment',
        'winRate',
        'Win rate by segment with 95 % Wilson intervals',
        'Points: won / closed per segment (share); whiskers: 95 % Wilson interval.',
        {
          data: { values: [s.winRate.overall, ...s.winRate.bySegment] },
          encoding: { y: { field: 'segment', type: 'nominal', title: 'Segment', sort: null } },
          layer: [
            {
              mark: { type: 'rule', color: '#4c78a8' },
              encoding: {
                x: {
                  field: 'lower',
                  type: 'quantitative',
                  title: 'Win rate (share of closed deals)',
                  scale: { domain: [0, 1] },
                  axis: { format: '.0%' },
                },
                x2: { field: 'upper' },
              },
            },
            {
              mark: { type: 'point', filled: true, size: 80, color: '#4c78a8' },
              encoding: { x: { field: 'rate', type: 'quantitative' } },
            },
          ],
        },
      ),
    )
  if (s.forecast !== null)
    out.push(
      chart(
        'forecast-bias',
        'forecast',
        'Forecast bias per rep (positive = over-forecast)',
        'Bars: (commit forecast − closed-won) / closed-won per rep, as a share; above zero means the rep over-forecast.',
        {
          data: { values: s.forecast.byRep },
          mark: 'bar',
          encoding: {
            x: { field: 'owner', type: 'nominal', title: 'Rep', axis: { labelAngle: 0 } },
            y: {
              field: 'bias',
              type: 'quantitative',
              title: 'Bias ((forecast − actual) / actual)',
              axis: { format: '.0%' },
            },
            color: {
              condition: { test: 'datum.bias > 0', value: '#e45756' },
              value: '#4c78a8',
            },
          },
        },
      ),
    )
  if (s.leadToQuote !== null) {
    out.push(
      chart(
        'lead-to-quote',
        'leadToQuote',
        `Time from lead to first quote (SLA ${s.leadToQuote.targetHours} business hours)`,
        'Histogram: quoted leads by business hours from lead creation to the first quote, in 8-hour (one working day) bins; the rule marks the SLA target.',
        {
          layer: [
            {
              data: { values: s.leadToQuote.distribution },
              mark: { type: 'bar', color: '#b279a2' },
              encoding: {
                x: {
                  field: 'fromHours',
                  type: 'quantitative',
                  bin: { binned: true, step: 8 },
                  title: 'Business hours to first quote',
                },
                x2: { field: 'toHours' },
                y: { field: 'leads', type: 'quantitative', title: 'Leads (count)' },
              },
            },
            {
              data: { values: [{ target: s.leadToQuote.targetHours }] },
              mark: { type: 'rule', color: '#c0392b', strokeWidth: 2, strokeDash: [6, 3] },
              encoding: { x: { field: 'target', type: 'quantitative' } },
            },
          ],
        },
      ),
      survivalChart(
        'time-to-quote',
        'leadToQuote',
        'Leads still waiting for a quote (Kaplan–Meier) with 95 % band',
        'Step line: share of leads without a quote after each number of business hours (waiting leads censored); shaded band: 95 % interval.',
        s.leadToQuote.survival,
        'Business hours since the lead was created',
      ),
    )
  }
  if (s.quota !== null)
    out.push(
      chart(
        'quota-attainment',
        'quota',
        'Quota attainment per rep and period',
        'Grouped bars: closed-won bookings / quota per rep, one bar per period; the rule marks 100 %.',
        {
          layer: [
            {
              data: { values: s.quota.attainment },
              mark: 'bar',
              encoding: {
                x: { field: 'owner', type: 'nominal', title: 'Rep', axis: { labelAngle: 0 } },
                xOffset: { field: 'periodStart', type: 'nominal' },
                y: {
                  field: 'attainment',
                  type: 'quantitative',
                  title: 'Attainment (bookings / quota)',
                  axis: { format: '.0%' },
                },
                color: { field: 'periodStart', type: 'nominal', title: 'Period start' },
              },
            },
            {
              data: { values: [{ full: 1 }] },
              mark: { type: 'rule', color: '#333', strokeDash: [4, 3] },
              encoding: { y: { field: 'full', type: 'quantitative' } },
            },
          ],
        },
      ),
    )
  return out
}

function survivalChart(
  id: string,
  section: SectionName,
  title: string,
  description: string,
  steps: readonly {
    time: number | null
    survival: number | null
    lower: number | null
    upper: number | null
  }[],
  xTitle: string,
): ChartDefinition {
  // The curve starts at 1 at time 0; a step holds until the next event time.
  const values = [{ time: 0, survival: 1, lower: 1, upper: 1 }, ...steps]
  return chart(id, section, title, description, {
    data: { values },
    encoding: { x: { field: 'time', type: 'quantitative', title: xTitle } },
    layer: [
      {
        mark: { type: 'area', interpolate: 'step-after', opacity: 0.25, color: '#4c78a8' },
        transform: [{ filter: 'datum.lower != null && datum.upper != null' }],
        encoding: {
          y: {
            field: 'lower',
            type: 'quantitative',
            title: 'Share remaining',
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
          },
          y2: { field: 'upper' },
        },
      },
      {
        mark: { type: 'line', interpolate: 'step-after', color: '#4c78a8' },
        encoding: { y: { field: 'survival', type: 'quantitative' } },
      },
    ],
  })
}

/** Compiles each spec with Vega-Lite and renders it to SVG with Vega in Node (no DOM, no canvas). */
export async function renderCharts(
  definitions: readonly ChartDefinition[],
): Promise<RenderedChart[]> {
  // Loaded only when an HTML report is asked for: the other commands start faster.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')])
  return Promise.all(
    definitions.map(async (definition) => {
      const compiled = compile(definition.spec).spec
      const view = new vega.View(vega.parse(compiled), { renderer: 'none' })
      const svg = await view.toSVG()
      view.finalize()
      return { ...definition, svg: accessibleSvg(svg, definition) }
    }),
  )
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** Adds `<title>`, `<desc>` and an image role to the SVG, and makes it scale to the page. */
function accessibleSvg(svg: string, definition: ChartDefinition): string {
  const open = svg.indexOf('>')
  const tag = svg
    .slice(0, open)
    .replace(
      '<svg ',
      `<svg id="chart-${definition.id}" role="img" aria-labelledby="chart-${definition.id}-title chart-${definition.id}-desc" `,
    )
  return (
    `${tag}><title id="chart-${definition.id}-title">${escapeXml(definition.title)}</title>` +
    `<desc id="chart-${definition.id}-desc">${escapeXml(definition.description)}</desc>` +
    svg.slice(open + 1)
  )
}
