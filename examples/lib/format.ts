/** Plain-text formatting for the demo: fixed-width tables and readable numbers. */

/** A number with `digits` decimals, or an em dash for `null`. */
export function fixed(value: number | null, digits = 1): string {
  return value === null ? '—' : value.toFixed(digits)
}

/** A fraction as a percentage, or an em dash for `null`. */
export function percent(value: number | null, digits = 1): string {
  return value === null ? '—' : `${(100 * value).toFixed(digits)} %`
}

/** `[lower, upper]` with `digits` decimals. */
export function range(lower: number | null, upper: number | null, digits = 1): string {
  return lower === null || upper === null
    ? '—'
    : `[${lower.toFixed(digits)}, ${upper.toFixed(digits)}]`
}

/** A table with a header row; numbers-looking cells are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const numeric = /^[-+]?[\d.,]+( %)?$|^\[.*\]$|^—$/
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        numeric.test(cell) && column > 0
          ? cell.padStart(widths[column]!)
          : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd()
  return [
    line(header),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n')
}

/** A section heading. */
export function heading(title: string): string {
  return `\n${title}\n${'═'.repeat(title.length)}`
}
