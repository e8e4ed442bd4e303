import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { at, ROOT, run } from './helpers.js'

/** Debian's package; CI installs it (`apt-get install -y chromium`) when it is missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARTEFACTS = join(ROOT, '.test-results')
const HTML = join(ARTEFACTS, 'report.html')
const SCREENSHOT = join(ARTEFACTS, 'report.png')

/** The charts the sample data has data for (one per dashboard chart in the brief, plus two). */
const CHART_IDS = [
  'cx-components',
  'nps-trend',
  'nps-segment',
  'mrr-movements',
  'cohort-heatmap',
  'customer-survival',
  'funnel',
  'win-rate-segment',
  'forecast-bias',
  'lead-to-quote',
  'time-to-quote',
  'quota-attainment',
]

const hasChromium = existsSync(CHROMIUM)
if (!hasChromium)
  console.log(
    `browser test of the HTML report skipped: no Chromium at ${CHROMIUM} (install one with "apt-get install -y chromium", or set CHROMIUM_PATH)`,
  )

describe('the HTML report in headless Chromium', () => {
  it('renders every chart, makes no request, logs no error, and shows the numbers --json prints', async () => {
    if (!hasChromium) {
      // Without a browser (a developer machine) the line above says so; CI must have one.
      expect(process.env.CI ?? '', 'CI runs this test with Chromium installed').toMatch(
        /^(|false|0)$/,
      )
      return
    }
    mkdirSync(ARTEFACTS, { recursive: true })
    const asOf = ['--as-of', '2026-11-27', '--time-zone', 'America/New_York']
    const written = run(['report', 'examples/data', ...asOf, '--html', HTML])
    expect(written.status).toBe(0)
    expect(written.stderr).toContain(`HTML report written to ${HTML} (12 charts)`)
    const json = JSON.parse(run(['report', 'examples/data', ...asOf, '--json']).stdout)

    // The file itself: no script, no external reference of any kind.
    const html = readFileSync(HTML, 'utf8')
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i)
    const urls = [...html.matchAll(/(?:https?:)?\/\/[^\s"'<>)]+/g)].map((match) => match[0])
    expect(new Set(urls)).toEqual(
      new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']),
    )

    // A fresh profile every run (playwright passes it to Chromium as --user-data-dir).
    const context = await chromium.launchPersistentContext(
      mkdtempSync(join(tmpdir(), 'cx-chromium-')),
      {
        executablePath: CHROMIUM,
        viewport: { width: 1100, height: 900 },
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    )
    try {
      const page = await context.newPage()
      const fileUrl = pathToFileURL(HTML).href
      const requests: string[] = []
      const problems: string[] = []
      page.on('request', (request) => {
        if (request.url() !== fileUrl) requests.push(request.url())
      })
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`${message.type()}: ${message.text()}`)
      })
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
      // Every request other than the file itself is failed (and recorded above).
      await context.route('**/*', (route) =>
        route.request().url() === fileUrl ? route.continue() : route.abort(),
      )
      await page.goto(fileUrl, { waitUntil: 'load' })

      expect(problems).toEqual([])
      expect(requests).toEqual([])
      expect(await page.title()).toBe('Customer-experience and sales KPI report')

      // Every chart: an SVG with a non-zero size, a <title> and a <desc>.
      const charts = await page.$$eval('figure.chart', (figures) =>
        figures.map((figure) => {
          const svg = figure.querySelector('svg')
          const box = svg?.getBoundingClientRect()
          return {
            id: figure.getAttribute('data-chart'),
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            title: svg?.querySelector(':scope > title')?.textContent ?? '',
            desc: svg?.querySelector(':scope > desc')?.textContent ?? '',
            marks: svg?.querySelectorAll('path, rect, line').length ?? 0,
          }
        }),
      )
      expect(charts.map((chart) => chart.id)).toEqual(CHART_IDS)
      for (const chart of charts) {
        expect(chart.width, chart.id ?? '').toBeGreaterThan(100)
        expect(chart.height, chart.id ?? '').toBeGreaterThan(100)
        expect(chart.title, chart.id ?? '').not.toBe('')
        expect(chart.desc, chart.id ?? '').not.toBe('')
        expect(chart.marks, chart.id ?? '').toBeGreaterThan(5)
      }

      // Every number on the page is the --json number at its path, shown in the documented
      // format: the value itself, or a fraction as a percentage with two decimals.
      const cells = await page.$$eval('[data-path]', (elements) =>
        elements.map((element) => ({
          path: element.getAttribute('data-path') ?? '',
          value: element.getAttribute('data-value') ?? '',
          text: element.textContent ?? '',
        })),
      )
      expect(cells.length).toBeGreaterThan(500)
      for (const cell of cells) {
        const expected = at(json, cell.path)
        expect(expected, cell.path).not.toBeUndefined()
        expect(cell.value, cell.path).toBe(expected === null ? 'null' : String(expected))
        const shown =
          expected === null
            ? '—'
            : cell.text.endsWith(' %')
              ? `${((expected as number) * 100).toFixed(2)} %`
              : String(expected)
        expect(cell.text, cell.path).toBe(shown)
      }
      // The headline numbers are among them.
      const paths = new Set(cells.map((cell) => cell.path))
      for (const path of [
        'sections.cxScore.score',
        'sections.nps.score',
        'sections.winRate.overall.rate',
      ])
        expect(paths.has(path), path).toBe(true)

      await page.screenshot({ path: SCREENSHOT, fullPage: true })
      expect(statSync(SCREENSHOT).size).toBeGreaterThan(50_000)

      // Print: on A4 and Letter paper the content fits the printable width (12 mm margins).
      await page.emulateMedia({ media: 'print' })
      for (const [paper, widthMm] of [
        ['A4', 210],
        ['Letter', 215.9],
      ] as const) {
        const printable = Math.floor(((widthMm - 24) / 25.4) * 96)
        await page.setViewportSize({ width: printable, height: 1000 })
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        )
        expect(overflow, paper).toBeLessThanOrEqual(0)
        const pdf = await page.pdf({
          format: paper,
          margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' },
        })
        expect(pdf.subarray(0, 5).toString(), paper).toBe('%PDF-')
      }
    } finally {
      await context.close()
    }
  }, 120_000)
})
