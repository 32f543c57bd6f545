// CSV for people who open it in Excel with a Russian locale: UTF-8 with BOM,
// `;` between cells, CRLF between lines, and no cell that a spreadsheet would
// run as a formula.

export const BOM = '\uFEFF'

const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: formula-looking text is prefixed with an apostrophe, then quoted if needed. */
export function csvCell(value: unknown, sep = ';'): string {
  if (value === null || value === undefined) return ''
  let s = Array.isArray(value) ? value.join(', ') : String(value)
  if (FORMULA_START.test(s)) s = `'${s}`
  return s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replaceAll('"', '""')}"` : s
}

export function csvLine(values: unknown[], sep = ';'): string {
  return values.map((v) => csvCell(v, sep)).join(sep) + '\r\n'
}
