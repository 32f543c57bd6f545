import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ISectionOptions,
} from 'docx'
import { xmlText } from '~/utils/xml-text'

// Russian office layout shared by every generated document (GOST R 7.0.97
// practice as the regions' own documents follow it): A4, Times New Roman 14
// in the text and 12 in tables, margins left 30, right 10, top and bottom
// 20 mm, page numbers from the second page on.



const FONT = 'Times New Roman'
/** docx sizes are half-points. */
const TEXT_SIZE = 28
const TABLE_SIZE = 24

/** Millimetres to twentieths of a point, rounded (docx's own helper truncates 30 mm to 1700). */
export const mm = (v: number) => Math.round((v * 1440) / 25.4)

export const A4 = { width: 11906, height: 16838 }
export const MARGINS = { left: mm(30), right: mm(10), top: mm(20), bottom: mm(20) }
/** The text width between the margins, for tables. */
const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right

type Run = string | { text: string; bold?: boolean; italics?: boolean; underline?: boolean }

const NBSP = '\u00A0'
const months = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря'

/**
 * Russian office typography for text a document prints (data included):
 * a non-breaking space after «№», inside «О.Г. Иванова» / «Иванова О.Г.»,
 * between a number and «чел.», «%», «г.»/«года» and a month, so that no line
 * of a signed document starts with a lone initial, unit or number sign.
 */
export function typeset(s: string): string {
  // a character XML may not hold would make Word refuse the whole document
  return xmlText(s)
    .replace(/№ (?=\S)/g, `№${NBSP}`)
    .replace(/(?<=\d) (?=(?:чел\.|%|г\.|года?(?![а-яё])|лет(?![а-яё])|человека?(?![а-яё])))/g, NBSP)
    .replace(new RegExp(`(?<=\\d) (?=(?:${months})(?![а-яё]))`, 'g'), NBSP)
    .replace(new RegExp(`(?<=(?:${months})) (?=\\d{4})`, 'g'), NBSP)
    .replace(/(?<=(?:^|[\s(«])[А-ЯЁ]\.(?:\s?[А-ЯЁ]\.)?) (?=[А-ЯЁ][а-яё])/g, NBSP)
    // «Иванова О.Г.,» but not «Председатель О.Г. Иванова», whose initials belong to the name after them
    .replace(/(?<=[А-ЯЁ][а-яё]+) (?=[А-ЯЁ]\.(?:\s?[А-ЯЁ]\.)?(?:[,;)»]|\s(?![А-ЯЁ][а-яё])|$))/g, NBSP)
}

const runOf = (r: Run, size?: number) =>
  typeof r === 'string'
    ? new TextRun({ text: typeset(r), size })
    : new TextRun({ text: typeset(r.text), bold: r.bold, italics: r.italics, underline: r.underline ? {} : undefined, size })

/** A paragraph of the text: justified with a 1.25 cm first-line indent unless told otherwise. */
export function para(runs: Run | Run[], o: Omit<IParagraphOptions, 'children' | 'text'> & { plain?: boolean } = {}): Paragraph {
  const { plain, ...rest } = o
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: plain ? undefined : { firstLine: mm(12.5) },
    spacing: { after: 0 },
    ...rest,
    children: (Array.isArray(runs) ? runs : [runs]).map((r) => runOf(r)),
  })
}

export const centered = (runs: Run | Run[], o: Omit<IParagraphOptions, 'children' | 'text'> = {}) => para(runs, { plain: true, alignment: AlignmentType.CENTER, ...o })
export const blank = () => new Paragraph({ children: [] })

export type Column = { title: string; width: number }

const cellBorders = {
  top: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  left: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  right: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
}

const tableCell = (text: string, width: number, bold = false) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: cellBorders,
    children: text
      .split('\n')
      .map((line) => new Paragraph({ children: [new TextRun({ text: typeset(line), bold, size: TABLE_SIZE })] })),
  })

// A 12 pt Times New Roman Cyrillic letter is about 0.45 em wide on average,
// a little more in bold; a cell keeps 0.19 cm of padding on each side.
export const LETTER = 115
/** A letter of the bold header row. */
export const BOLD_LETTER = 135
const CELL_PADDING = 2 * 108

/** The longest word of some texts (words break at spaces and after hyphens and slashes), in letters. */
const longestWord = (texts: string[]) => Math.max(0, ...texts.flatMap((t) => t.split(/[\s\u00A0]+|(?<=[-/])/)).map((w) => w.length))

/**
 * Column widths in twips: the asked fractions of `width`, except that a
 * column whose longest word would not fit gets the room it needs («Достиг-
 * нут», «воспитате-ль» broken mid-word is what people notice on paper) and
 * the others share what is left in their proportions. When even the words
 * cannot fit, the words' needs scaled to the width.
 */
export function columnWidths(columns: Column[], rows: string[][], width: number): number[] {
  const need = columns.map((c, i) => Math.max(longestWord([c.title]) * BOLD_LETTER, longestWord(rows.map((r) => r[i] ?? '')) * LETTER) + CELL_PADDING)
  const fixed = new Set<number>()
  for (;;) {
    const free = width - [...fixed].reduce((s, i) => s + need[i], 0)
    const share = columns.reduce((s, c, i) => (fixed.has(i) ? s : s + c.width), 0)
    const widths = columns.map((c, i) => (fixed.has(i) ? need[i] : Math.floor((c.width / share) * free)))
    const short = widths.findIndex((w, i) => !fixed.has(i) && w < need[i])
    if (short < 0) return widths
    fixed.add(short)
    if (fixed.size === columns.length) {
      // even the words do not fit: each column loses the same share of its need, so no one column breaks every word
      const total = need.reduce((a, b) => a + b, 0)
      return need.map((n) => Math.floor((n / total) * width))
    }
  }
}

/** A bordered table in 12 pt across the text width (`textWidth` on a landscape page); the header repeats on every page. */
export function table(columns: Column[], rows: string[][], textWidth = TEXT_WIDTH): Table {
  const widths = columnWidths(columns, rows, textWidth)
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => tableCell(c.title, widths[i], true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => tableCell(t, widths[i])) })),
    ],
  })
}

const invisible = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
const noBorders = { top: invisible, bottom: invisible, left: invisible, right: invisible, insideHorizontal: invisible, insideVertical: invisible }

/** Signature lines: «Председатель ____________ О.Г. Иванова», in a borderless table so the columns line up. */
export function signatures(lines: { role: string; name: string }[]): Table {
  const widths = [0.4, 0.3, 0.3].map((f) => Math.floor(f * TEXT_WIDTH))
  const cell = (text: string, width: number, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: { top: invisible, bottom: invisible, left: invisible, right: invisible },
      children: [new Paragraph({ alignment: align, spacing: { before: 360 }, children: [new TextRun({ text: typeset(text), size: TEXT_SIZE })] })],
    })
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: lines.map(
      (l) => new TableRow({ cantSplit: true, children: [cell(l.role, widths[0]), cell('____________', widths[1], AlignmentType.CENTER), cell(l.name, widths[2], AlignmentType.RIGHT)] }),
    ),
  })
}

/** «Министерство образования Томской области» → «Министерства образования Томской области» (the first word only; others stay as named). */
export function genitiveOfBody(name: string): string {
  // The registry's own name of a municipal authority it knows no name of (ministry.server.ts): a common noun, so lower case.
  const municipal = /^Муниципальный орган /.exec(name)
  if (municipal) return `муниципального органа ${name.slice(municipal[0].length)}`
  const [first, ...rest] = name.split(' ')
  const gen: Record<string, string> = { Министерство: 'Министерства', Департамент: 'Департамента', Комитет: 'Комитета', Управление: 'Управления' }
  return [gen[first] ?? first, ...rest].join(' ')
}

/** «Иванова Ольга Георгиевна» → «О.Г. Иванова», as signatures are written. */
export function initials(name: string): string {
  const [last, ...rest] = name.split(/\s+/).filter(Boolean)
  if (!last || rest.length === 0) return name
  return `${rest.map((r) => `${r[0]}.`).join('')} ${last}`
}

const pageNumberFooter = () =>
  new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: TABLE_SIZE })] })] })

/** The text width of a landscape A4 page, for a list too wide for a portrait one (the order's appendix). */
export const LANDSCAPE_TEXT_WIDTH = A4.height - MARGINS.left - MARGINS.right

/** A section on the house layout; the first page has an empty footer (titlePage), the others the page number. */
export function section(children: ISectionOptions['children'], o: { landscape?: boolean } = {}): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: A4.width, height: A4.height, orientation: o.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { ...MARGINS, header: mm(10), footer: mm(10) },
      },
    },
    footers: { default: pageNumberFooter(), first: new Footer({ children: [] }) },
    children,
  }
}

/** The document as bytes: Times New Roman 14 as the default of every paragraph. */
export async function pack(title: string, sections: ISectionOptions[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'Реестр методического актива',
    title: xmlText(title),
    styles: { default: { document: { run: { font: FONT, size: TEXT_SIZE }, paragraph: { spacing: { after: 0, line: 240 } } } } },
    sections,
  })
  return Packer.toBuffer(doc)
}
