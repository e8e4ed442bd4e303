import type { Dashboard, SectionName } from './dashboard.js'

/** How a number is shown: the JSON value itself, or a fraction as a percentage. */
export type NumberStyle = 'plain' | 'percent'

/** One table cell; a number cell remembers its JSON path so every page can be checked. */
export interface Cell {
  readonly text: string
  /** The dotted path of the number in the `--json` document. */
  readonly path?: string
  readonly value?: number | null
}

/** One block of a section: a sentence or a table. */
export type Block =
  | { readonly type: 'text'; readonly text: string; readonly cells?: readonly Cell[] }
  | {
      readonly type: 'table'
      readonly caption: string
      readonly columns: readonly string[]
      readonly rows: readonly (readonly Cell[])[]
    }

/** A section of the report, ready to print in any format. */
export interface Section {
  readonly name: SectionName | 'files' | 'rejected'
  readonly title: string
  readonly blocks: readonly Block[]
}

/** Formats a number of the JSON document for every output (text, Markdown, HTML). */
export function formatNumber(value: number | null | undefined, style: NumberStyle): string {
  if (value === null || value === undefined) return '—'
  if (style === 'percent') return `${(value * 100).toFixed(2)} %`
  return String(value)
}

const n = (path: string, value: number | null | undefined, style: NumberStyle = 'plain'): Cell => ({
  text: formatNumber(value, style),
  path,
  value: value ?? null,
})
const t = (text: string): Cell => ({ text })
const pct = (path: string, value: number | null | undefined) => n(path, value, 'percent')

const SECTION_TITLES: Record<SectionName, string> = {
  cxScore: 'Customer-experience score (0–100)',
  nps: 'Net Promoter Score',
  satisfaction: 'Support satisfaction (CSAT, top-2-box on 1–5) and effort (CES 2.0, 1–7)',
  revenue: 'Revenue retention (monthly MRR movements)',
  cohorts: 'Logo retention by signup quarter',
  survival: 'Customer survival (Kaplan–Meier, months as a paying customer)',
  funnel: 'Pipeline funnel',
  winRate: 'Win rate by segment (won / closed)',
  forecast: 'Forecast accuracy and bias per rep (commit calls 14 days before period end)',
  leadToQuote: 'Lead to quote (business hours)',
  quota: 'Quota attainment and pacing',
  accountHealth: 'Account health (last six months)',
}

/** The title of a section. */
export function sectionTitle(name: SectionName): string {
  return SECTION_TITLES[name]
}

/** The report as sections of sentences and tables; every format prints exactly these. */
export function reportSections(dashboard: Dashboard): Section[] {
  const out: Section[] = []
  const s = dashboard.sections
  const p = (suffix: string) => `sections.${suffix}`

  if (s.cxScore !== null) {
    const cx = s.cxScore
    out.push({
      name: 'cxScore',
      title: SECTION_TITLES.cxScore,
      blocks: [
        line([
          t('CX score '),
          n(p('cxScore.score'), cx.score),
          t(', 95 % CI '),
          n(p('cxScore.lower'), cx.lower),
          t(' to '),
          n(p('cxScore.upper'), cx.upper),
          t('; coverage '),
          pct(p('cxScore.coverage'), cx.coverage),
          t(' of the weight.'),
        ]),
        {
          type: 'table',
          caption: 'Components and their contribution (points out of 100)',
          columns: ['component', 'value', 'position (0–1)', 'weight', 'effective weight', 'points'],
          rows: cx.components.map((c, i) => [
            t(c.name),
            n(p(`cxScore.components.${i}.value`), c.value),
            n(p(`cxScore.components.${i}.normalized`), c.normalized),
            n(p(`cxScore.components.${i}.weight`), c.weight),
            pct(p(`cxScore.components.${i}.effectiveWeight`), c.effectiveWeight),
            n(p(`cxScore.components.${i}.points`), c.points),
          ]),
        },
      ],
    })
  }

  if (s.nps !== null) {
    const nps = s.nps
    const blocks: Block[] = [
      line([
        t('NPS '),
        n(p('nps.score'), nps.score),
        t(' on '),
        n(p('nps.responses'), nps.responses),
        t(' responses, 95 % CI '),
        n(p('nps.lower'), nps.lower),
        t(' to '),
        n(p('nps.upper'), nps.upper),
        t(` (${nps.method}); promoters `),
        pct(p('nps.promoterShare'), nps.promoterShare),
        t(', passives '),
        pct(p('nps.passiveShare'), nps.passiveShare),
        t(', detractors '),
        pct(p('nps.detractorShare'), nps.detractorShare),
        t('.'),
      ]),
    ]
    if (nps.change !== null) {
      const c = nps.change
      blocks.push(
        line([
          t(`${c.to} against ${c.from}: `),
          n(p('nps.change.difference'), c.difference),
          t(' points (95 % CI '),
          n(p('nps.change.lower'), c.lower),
          t(' to '),
          n(p('nps.change.upper'), c.upper),
          t(', p = '),
          n(p('nps.change.pValue'), c.pValue),
          t(
            c.significant
              ? ') — a significant change at the 5 % level.'
              : ') — not significant at the 5 % level.',
          ),
        ]),
      )
    }
    blocks.push(
      {
        type: 'table',
        caption: 'NPS by month',
        columns: ['month', 'responses', 'NPS', '95 % CI lower', '95 % CI upper'],
        rows: nps.trend.map((row, i) => [
          t(row.period),
          n(p(`nps.trend.${i}.responses`), row.responses),
          n(p(`nps.trend.${i}.score`), row.score),
          n(p(`nps.trend.${i}.lower`), row.lower),
          n(p(`nps.trend.${i}.upper`), row.upper),
        ]),
      },
      {
        type: 'table',
        caption: 'NPS by segment',
        columns: ['segment', 'responses', 'NPS', '95 % CI lower', '95 % CI upper'],
        rows: nps.bySegment.map((row, i) => [
          t(row.segment),
          n(p(`nps.bySegment.${i}.responses`), row.responses),
          n(p(`nps.bySegment.${i}.score`), row.score),
          n(p(`nps.bySegment.${i}.lower`), row.lower),
          n(p(`nps.bySegment.${i}.upper`), row.upper),
        ]),
      },
    )
    out.push({ name: 'nps', title: SECTION_TITLES.nps, blocks })
  }

  if (s.satisfaction !== null) {
    const rows = [s.satisfaction.overall, ...s.satisfaction.bySegment]
    const base = (i: number) =>
      i === 0 ? 'satisfaction.overall' : `satisfaction.bySegment.${i - 1}`
    out.push({
      name: 'satisfaction',
      title: SECTION_TITLES.satisfaction,
      blocks: [
        {
          type: 'table',
          caption: 'CSAT and CES by segment',
          columns: [
            'segment',
            'ratings',
            'CSAT',
            'CSAT 95 % CI lower',
            'CSAT 95 % CI upper',
            'CES ratings',
            'CES mean',
            'CES agree share',
          ],
          rows: rows.map((row, i) => [
            t(row.segment),
            n(p(`${base(i)}.ratings`), row.ratings),
            pct(p(`${base(i)}.csat`), row.csat),
            pct(p(`${base(i)}.csatLower`), row.csatLower),
            pct(p(`${base(i)}.csatUpper`), row.csatUpper),
            n(p(`${base(i)}.effortRatings`), row.effortRatings),
            n(p(`${base(i)}.cesMean`), row.cesMean),
            pct(p(`${base(i)}.cesAgreeShare`), row.cesAgreeShare),
          ]),
        },
      ],
    })
  }

  if (s.revenue !== null) {
    const r = s.revenue
    out.push({
      name: 'revenue',
      title: SECTION_TITLES.revenue,
      blocks: [
        line([
          t(`${r.overall.from} → ${r.overall.to}: GRR `),
          pct(p('revenue.overall.grossRevenueRetention'), r.overall.grossRevenueRetention),
          t(', NRR '),
          pct(p('revenue.overall.netRevenueRetention'), r.overall.netRevenueRetention),
          t(' on a starting MRR of '),
          n(p('revenue.overall.startingRevenue'), r.overall.startingRevenue),
          t('.'),
        ]),
        {
          type: 'table',
          caption: 'MRR movements by month (currency units)',
          columns: [
            'month',
            'starting MRR',
            'new',
            'expansion',
            'contraction',
            'churn',
            'reactivation',
            'GRR',
            'NRR',
          ],
          rows: r.months.map((row, i) => [
            t(row.month),
            n(p(`revenue.months.${i}.startingRevenue`), row.startingRevenue),
            n(p(`revenue.months.${i}.newRevenue`), row.newRevenue),
            n(p(`revenue.months.${i}.expansion`), row.expansion),
            n(p(`revenue.months.${i}.contraction`), row.contraction),
            n(p(`revenue.months.${i}.churn`), row.churn),
            n(p(`revenue.months.${i}.reactivation`), row.reactivation),
            pct(p(`revenue.months.${i}.grossRevenueRetention`), row.grossRevenueRetention),
            pct(p(`revenue.months.${i}.netRevenueRetention`), row.netRevenueRetention),
          ]),
        },
      ],
    })
  }

  if (s.cohorts !== null) {
    const c = s.cohorts
    const ages = c.pooled.map((cell) => `Q+${cell.age}`)
    out.push({
      name: 'cohorts',
      title: SECTION_TITLES.cohorts,
      blocks: [
        {
          type: 'table',
          caption: 'Share of each signup-quarter cohort still paying, by quarters since signup',
          columns: ['cohort', 'size', ...ages],
          rows: [
            ...c.cohorts.map((row, i) => [
              t(row.cohort),
              n(p(`cohorts.cohorts.${i}.size`), row.size),
              ...row.retention.map((cell, j) =>
                pct(p(`cohorts.cohorts.${i}.retention.${j}`), cell),
              ),
            ]),
            [
              t('pooled'),
              t(''),
              ...c.pooled.map((cell, j) => pct(p(`cohorts.pooled.${j}.retention`), cell.retention)),
            ],
          ],
        },
      ],
    })
  }

  if (s.survival !== null) {
    const v = s.survival
    out.push({
      name: 'survival',
      title: SECTION_TITLES.survival,
      blocks: [
        line([
          n(p('survival.customers'), v.customers),
          t(' customers, '),
          n(p('survival.churned'), v.churned),
          t(' churned; median lifetime '),
          v.medianMonths === null
            ? t('not reached (more than half are still customers)')
            : n(p('survival.medianMonths'), v.medianMonths),
          t(v.medianMonths === null ? '.' : ' months.'),
        ]),
        {
          type: 'table',
          caption: 'Survival curve (log-transformed 95 % band)',
          columns: ['month', 'at risk', 'churned', 'survival', '95 % lower', '95 % upper'],
          rows: v.steps.map((step, i) => [
            n(p(`survival.steps.${i}.time`), step.time),
            n(p(`survival.steps.${i}.atRisk`), step.atRisk),
            n(p(`survival.steps.${i}.events`), step.events),
            pct(p(`survival.steps.${i}.survival`), step.survival),
            pct(p(`survival.steps.${i}.lower`), step.lower),
            pct(p(`survival.steps.${i}.upper`), step.upper),
          ]),
        },
      ],
    })
  }

  if (s.funnel !== null) {
    out.push({
      name: 'funnel',
      title: SECTION_TITLES.funnel,
      blocks: [
        {
          type: 'table',
          caption: 'Next-step and cumulative conversion (open deals left out of their stage)',
          columns: [
            'stage',
            'reached',
            'advanced',
            'open',
            'next step',
            '95 % lower',
            '95 % upper',
            'from first',
          ],
          rows: s.funnel.stages.map((row, i) => [
            t(row.stage),
            n(p(`funnel.stages.${i}.reached`), row.reached),
            n(p(`funnel.stages.${i}.advanced`), row.advanced),
            n(p(`funnel.stages.${i}.open`), row.open),
            pct(p(`funnel.stages.${i}.rate`), row.rate),
            pct(p(`funnel.stages.${i}.lower`), row.lower),
            pct(p(`funnel.stages.${i}.upper`), row.upper),
            pct(p(`funnel.stages.${i}.fromFirst`), row.fromFirst),
          ]),
        },
      ],
    })
  }

  if (s.winRate !== null) {
    const rows = [s.winRate.overall, ...s.winRate.bySegment]
    const base = (i: number) => (i === 0 ? 'winRate.overall' : `winRate.bySegment.${i - 1}`)
    out.push({
      name: 'winRate',
      title: SECTION_TITLES.winRate,
      blocks: [
        {
          type: 'table',
          caption: 'Win rate with 95 % Wilson intervals',
          columns: ['segment', 'won', 'lost', 'win rate', '95 % lower', '95 % upper'],
          rows: rows.map((row, i) => [
            t(row.segment),
            n(p(`${base(i)}.won`), row.won),
            n(p(`${base(i)}.lost`), row.lost),
            pct(p(`${base(i)}.rate`), row.rate),
            pct(p(`${base(i)}.lower`), row.lower),
            pct(p(`${base(i)}.upper`), row.upper),
          ]),
        },
      ],
    })
  }

  if (s.forecast !== null) {
    const f = s.forecast
    out.push({
      name: 'forecast',
      title: SECTION_TITLES.forecast,
      blocks: [
        line([
          t('Company: accuracy '),
          pct(p('forecast.overall.accuracy'), f.overall.accuracy),
          t(', bias '),
          pct(p('forecast.overall.bias'), f.overall.bias),
          t(' (positive = over-forecast) over '),
          n(p('forecast.overall.periods'), f.overall.periods),
          t(' periods.'),
        ]),
        {
          type: 'table',
          caption: 'Accuracy and bias per rep (bias = (forecast − actual) / actual)',
          columns: ['rep', 'periods', 'accuracy', 'bias', 'hit rate (within 10 %)'],
          rows: f.byRep.map((row, i) => [
            t(row.owner),
            n(p(`forecast.byRep.${i}.periods`), row.periods),
            pct(p(`forecast.byRep.${i}.accuracy`), row.accuracy),
            pct(p(`forecast.byRep.${i}.bias`), row.bias),
            pct(p(`forecast.byRep.${i}.hitRate`), row.hitRate),
          ]),
        },
      ],
    })
  }

  if (s.leadToQuote !== null) {
    const l = s.leadToQuote
    out.push({
      name: 'leadToQuote',
      title: SECTION_TITLES.leadToQuote,
      blocks: [
        line([
          n(p('leadToQuote.leads'), l.leads),
          t(' leads, '),
          n(p('leadToQuote.quoted'), l.quoted),
          t(' quoted, '),
          n(p('leadToQuote.waiting'), l.waiting),
          t(' waiting; median '),
          n(p('leadToQuote.median'), l.median),
          t(', p90 '),
          n(p('leadToQuote.p90'), l.p90),
          t(', mean '),
          n(p('leadToQuote.mean'), l.mean),
          t(' business hours; SLA ('),
          n(p('leadToQuote.targetHours'), l.targetHours),
          t(' business hours) met for '),
          pct(p('leadToQuote.slaAttainment'), l.slaAttainment),
          t(' of the leads old enough to judge.'),
        ]),
        {
          type: 'table',
          caption: 'Quoted leads by time to first quote (business hours)',
          columns: ['from (h)', 'to (h)', 'leads'],
          rows: l.distribution.map((row, i) => [
            n(p(`leadToQuote.distribution.${i}.fromHours`), row.fromHours),
            n(p(`leadToQuote.distribution.${i}.toHours`), row.toHours),
            n(p(`leadToQuote.distribution.${i}.leads`), row.leads),
          ]),
        },
      ],
    })
  }

  if (s.quota !== null) {
    const q = s.quota
    const blocks: Block[] = [
      line([
        t('Latest period: '),
        n(p('quota.distribution.reps'), q.distribution.reps),
        t(' rep-periods, '),
        pct(p('quota.distribution.atOrAbove'), q.distribution.atOrAbove),
        t(' at or above quota, median attainment '),
        pct(p('quota.distribution.median'), q.distribution.median),
        t('.'),
      ]),
      {
        type: 'table',
        caption: 'Attainment per rep and period (closed-won bookings / quota)',
        columns: ['rep', 'period start', 'period end', 'quota', 'booked', 'attainment'],
        rows: q.attainment.map((row, i) => [
          t(row.owner),
          t(row.periodStart),
          t(row.periodEnd),
          n(p(`quota.attainment.${i}.quota`), row.quota),
          n(p(`quota.attainment.${i}.booked`), row.booked),
          pct(p(`quota.attainment.${i}.attainment`), row.attainment),
        ]),
      },
    ]
    if (q.pacing.length > 0)
      blocks.push({
        type: 'table',
        caption: 'Pacing of the current period (business days)',
        columns: [
          'rep',
          'period',
          'quota',
          'booked',
          'expected to date',
          'pace ratio',
          'projected attainment',
        ],
        rows: q.pacing.map((row, i) => [
          t(row.owner),
          t(row.period),
          n(p(`quota.pacing.${i}.quota`), row.quota),
          n(p(`quota.pacing.${i}.booked`), row.booked),
          n(p(`quota.pacing.${i}.expectedToDate`), row.expectedToDate),
          n(p(`quota.pacing.${i}.paceRatio`), row.paceRatio),
          pct(p(`quota.pacing.${i}.projectedAttainment`), row.projectedAttainment),
        ]),
      })
    out.push({ name: 'quota', title: SECTION_TITLES.quota, blocks })
  }

  if (s.accountHealth !== null) {
    const h = s.accountHealth
    out.push({
      name: 'accountHealth',
      title: SECTION_TITLES.accountHealth,
      blocks: [
        line([
          n(p('accountHealth.accounts'), h.accounts),
          t(' accounts: '),
          n(p('accountHealth.counts.green'), h.counts.green),
          t(' green, '),
          n(p('accountHealth.counts.yellow'), h.counts.yellow),
          t(' yellow, '),
          n(p('accountHealth.counts.red'), h.counts.red),
          t(' red, '),
          n(p('accountHealth.counts.unscored'), h.counts.unscored),
          t(' without data (NPS, CSAT and MRR trend).'),
        ]),
        {
          type: 'table',
          caption: 'Accounts most at risk',
          columns: ['account', 'segment', 'score', 'band'],
          rows: h.mostAtRisk.map((row, i) => [
            t(row.id),
            t(row.segment ?? '—'),
            n(p(`accountHealth.mostAtRisk.${i}.score`), row.score),
            t(row.band ?? '—'),
          ]),
        },
      ],
    })
  }

  out.push({
    name: 'files',
    title: 'Files read',
    blocks: [
      {
        type: 'table',
        caption: 'Inputs',
        columns: ['file', 'kind', 'rows', 'accepted', 'rejected', 'note'],
        rows: dashboard.files.map((file, i) => [
          t(file.file),
          t(file.source === null ? (file.kind ?? '—') : `${file.kind ?? '—'} (${file.source})`),
          n(`files.${i}.rows`, file.rows),
          n(`files.${i}.accepted`, file.accepted),
          n(`files.${i}.rejected`, file.rejected),
          t(file.problem ?? ''),
        ]),
      },
      ...dashboard.omitted.map(
        (entry): Block => ({
          type: 'text',
          text: `${sectionTitle(entry.section)}: omitted — ${entry.reason}.`,
        }),
      ),
    ],
  })
  out.push({
    name: 'rejected',
    title: `Rejected rows (${dashboard.rejectedRows.length})`,
    blocks:
      dashboard.rejectedRows.length === 0
        ? [{ type: 'text', text: 'No row was rejected.' }]
        : [
            {
              type: 'table',
              caption: 'Rows the schemas refused (never dropped silently)',
              columns: ['file', 'line', 'kind', 'reason'],
              rows: dashboard.rejectedRows.map((row) => [
                t(row.file),
                t(`${row.unit} ${row.line}`),
                t(row.kind),
                t(row.reason),
              ]),
            },
          ],
  })
  return out
}

function line(cells: readonly Cell[]): Block {
  return { type: 'text', text: cells.map((cell) => cell.text).join(''), cells }
}
