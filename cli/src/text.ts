import type { Block, Section } from './model.js'

/** The report as aligned plain text (the terminal's format). */
export function renderText(title: string, sections: readonly Section[]): string {
  const out: string[] = [title, '='.repeat(title.length)]
  for (const section of sections) {
    out.push('', section.title, '-'.repeat(section.title.length))
    for (const block of section.blocks) out.push(textBlock(block))
  }
  return `${out.join('\n')}\n`
}

function textBlock(block: Block): string {
  if (block.type === 'text') return block.text
  const cells = [block.columns, ...block.rows.map((row) => row.map((cell) => cell.text))]
  const widths = block.columns.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  )
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  return [
    `${block.caption}:`,
    format(block.columns),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.slice(1).map(format),
  ].join('\n')
}

/** Escapes text for a Markdown table cell. */
function markdownCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ')
}

/** The report as Markdown (GitHub-flavoured tables) to paste into a wiki or a chat. */
export function renderMarkdown(title: string, sections: readonly Section[]): string {
  const out: string[] = [`# ${title}`]
  for (const section of sections) {
    out.push('', `## ${section.title}`)
    for (const block of section.blocks) {
      out.push('')
      if (block.type === 'text') {
        out.push(block.text)
        continue
      }
      out.push(`**${block.caption}**`, '')
      out.push(`| ${block.columns.map(markdownCell).join(' | ')} |`)
      out.push(`| ${block.columns.map(() => '---').join(' | ')} |`)
      for (const row of block.rows)
        out.push(`| ${row.map((cell) => markdownCell(cell.text)).join(' | ')} |`)
    }
  }
  return `${out.join('\n')}\n`
}
