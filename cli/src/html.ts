import type { RenderedChart } from './charts.js'
import type { Dashboard } from './dashboard.js'
import type { Block, Cell, Section } from './model.js'

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; color: #1d1d1f; margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45; }
header { border-bottom: 2px solid #4c78a8; margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.meta { color: #555; font-size: .9rem; margin: 0 0 .5rem; }
.headline { font-size: 1.1rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: .85rem; color: #555; }
table { border-collapse: collapse; font-size: .8rem; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border-bottom: 1px solid #e2e2e2; padding: .2rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #8a5a00; }
@page { size: auto; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, tr { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 8pt; }
  a { color: inherit; text-decoration: none; }
}
`

function cellHtml(cell: Cell, tag: 'td' | 'span'): string {
  if (cell.path === undefined)
    return tag === 'td' ? `<td>${escapeHtml(cell.text)}</td>` : escapeHtml(cell.text)
  const value = cell.value === null || cell.value === undefined ? 'null' : String(cell.value)
  const attributes = `data-path="${escapeHtml(cell.path)}" data-value="${value}"`
  return tag === 'td'
    ? `<td class="num" ${attributes}>${escapeHtml(cell.text)}</td>`
    : `<span ${attributes}>${escapeHtml(cell.text)}</span>`
}

function blockHtml(block: Block): string {
  if (block.type === 'text') {
    const body =
      block.cells === undefined
        ? escapeHtml(block.text)
        : block.cells.map((cell) => cellHtml(cell, 'span')).join('')
    return `<p>${body}</p>`
  }
  const head = block.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')
  const rows = block.rows
    .map((row) => `<tr>${row.map((cell) => cellHtml(cell, 'td')).join('')}</tr>`)
    .join('\n')
  return `<table><caption>${escapeHtml(block.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`
}

/**
 * The report as ONE self-contained HTML file: inline CSS and SVG, no script, no link, no
 * font or image to fetch. Every number is printed from the same object `--json` prints and
 * carries its JSON path in `data-path` (and the JSON value in `data-value`).
 */
export function renderHtml(
  title: string,
  dashboard: Dashboard,
  sections: readonly Section[],
  charts: readonly RenderedChart[],
): string {
  const body = sections
    .map((section) => {
      const figures = charts
        .filter((chart) => chart.section === section.name)
        .map(
          (chart) =>
            `<figure class="chart" data-chart="${chart.id}">${chart.svg}<figcaption>${escapeHtml(chart.description)} The numbers are in the table below.</figcaption></figure>`,
        )
        .join('\n')
      return `<section id="${section.name}"><h2>${escapeHtml(section.title)}</h2>\n${figures}\n${section.blocks.map(blockHtml).join('\n')}</section>`
    })
    .join('\n')
  const rejected = dashboard.rejectedRows.length
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">As of <time datetime="${dashboard.asOf}">${dashboard.asOf}</time> · time zone ${escapeHtml(dashboard.timeZone)} · ${dashboard.files.length} file(s) · <span class="${rejected > 0 ? 'note' : ''}">${rejected} rejected row(s)</span></p>
</header>
<main>
${body}
</main>
</body>
</html>
`
}
