import { AlignmentType, PageBreak, Paragraph, TabStopType } from 'docx'
import type { AppendixRow, Order } from '../../../db/queries/orders.server'
import { formatDay } from '~/utils/dates'
import { blank, centered, mm, pack, para, section, table, type Column } from './layout.server'

// The ministry's composition order as a draft for signing, with its
// appendix (the approved people), and the appendix on its own: the same
// rows as the HTML appendix (app/routes/orders.$id.appendix.tsx) plus the
// direction and group where the region has them.

export type OrderDocument = {
  order: Order
  regionName: string
  ministryName: string
  rows: (AppendixRow & { direction: string | null; group: string | null })[]
  /** 'YYYY-MM-DD': the members' term, when the order fixes it */
  termEndsOn: string | null
}

const text = {
  draft: 'ПРОЕКТ',
  order: 'ПРИКАЗ',
  number: (n: string) => `№ ${n}`,
  preamble:
    'В соответствии с Положением о региональном методическом активе, на основании рекомендаций комиссии по отбору кандидатов в состав регионального методического актива',
  command: 'п р и к а з ы в а ю:',
  approve: (region: string) => `1. Утвердить состав регионального методического актива${region ? ` (${region})` : ''} согласно приложению к настоящему приказу.`,
  term: (day: string) => `2. Установить срок полномочий членов регионального методического актива, включённых настоящим приказом, до ${formatDay(day)}.`,
  control: (n: number) => `${n}. Контроль за исполнением настоящего приказа оставляю за собой.`,
  signer: 'Министр',
  appendix: 'Приложение',
  toOrder: (ministry: string) => `к приказу${ministry ? ` ${ministryGenitive(ministry)}` : ''}`,
  dated: (o: Order) => `от ${formatDay(o.date)} № ${o.number}`,
  listTitle: 'СОСТАВ',
  listOf: 'регионального методического актива',
  n: '№ п/п',
  name: 'ФИО',
  workplace: 'Место работы',
  position: 'Должность',
  subjects: 'Предметная область',
  municipality: 'Муниципалитет',
  placement: 'Направление, группа',
  empty: 'По этому приказу нет согласованных кандидатов.',
  total: (n: number) => `Всего: ${n}`,
}

/** «Министерство образования Томской области» → «Министерства образования Томской области» (the first word only; others stay as named). */
function ministryGenitive(name: string): string {
  const [first, ...rest] = name.split(' ')
  const gen: Record<string, string> = { Министерство: 'Министерства', Департамент: 'Департамента', Комитет: 'Комитета', Управление: 'Управления' }
  return [gen[first] ?? first, ...rest].join(' ')
}

const orderSlug = (o: Order) => `№ ${o.number.replace(/[/\\]/g, '-')} от ${formatDay(o.date)}`
export const orderFileName = (o: Order) => `Проект приказа ${orderSlug(o)}.docx`
export const appendixFileName = (o: Order) => `Приложение к приказу ${orderSlug(o)}.docx`

/** The appendix's table and its header row, in half-points (10 and 9 pt). */
export const APPENDIX_TABLE_SIZE = 20
export const APPENDIX_HEADER_SIZE = 18
/** Its cells' side margins, in twips (0.08 cm). */
export const APPENDIX_CELL_MARGIN = 45

function appendixChildren(d: OrderDocument) {
  const withPlacement = d.rows.some((r) => r.direction || r.group)
  // why 10 pt (the bold header 9 pt), narrow cell margins and these widths:
  // in 12 pt on a portrait page seven columns were narrower than their words,
  // which LibreOffice and Word then break between letters («Должнос|ть»,
  // «Муници|палитет»); a table may be set smaller than the text of an order,
  // and each column now holds its longest usual word («общеобразовательная»,
  // «воспитательной», «Константиновна»); widths in twips of the 9,638 there are
  const columns: Column[] = [
    { title: text.n, width: 430 },
    { title: text.name, width: 1510 },
    { title: text.workplace, width: 2020 },
    { title: text.position, width: 1510 },
    ...(withPlacement ? [{ title: text.placement, width: 1420 }] : []),
    { title: text.subjects, width: 1220 },
    { title: text.municipality, width: 1528 },
  ]
  const rows = d.rows.map((r, i) => [
    String(i + 1),
    r.fullName,
    r.workplace ?? '—',
    r.position || '—',
    ...(withPlacement ? [[r.direction, r.group].filter(Boolean).join(', ') || '—'] : []),
    r.subjects.join(', ') || '—',
    r.municipality ?? '—',
  ])
  // the corner block: «Приложение / к приказу … / от … № …», in the right half of the page
  const corner = (t: string) => para(t, { plain: true, alignment: AlignmentType.LEFT, indent: { left: mm(95) } })
  return [
    corner(text.appendix),
    corner(text.toOrder(d.ministryName)),
    corner(text.dated(d.order)),
    blank(),
    centered({ text: text.listTitle, bold: true }),
    centered({ text: text.listOf, bold: true }),
    ...(d.regionName ? [centered({ text: d.regionName, bold: true })] : []),
    blank(),
    ...(d.rows.length === 0 ? [para(text.empty)] : [table(columns, rows, { size: APPENDIX_TABLE_SIZE, headerSize: APPENDIX_HEADER_SIZE, cellMargin: APPENDIX_CELL_MARGIN }), blank(), para(text.total(d.rows.length), { plain: true })]),
  ]
}

/** The appendix on its own. */
export async function appendixDocx(d: OrderDocument): Promise<Buffer> {
  return pack(`${text.appendix} ${text.dated(d.order)}`, [section(appendixChildren(d))])
}

/** The draft order, then its appendix from a new page. */
export async function orderDocx(d: OrderDocument): Promise<Buffer> {
  const points = [text.approve(d.regionName), ...(d.termEndsOn ? [text.term(d.termEndsOn)] : [])]
  const orderPart = [
    para({ text: text.draft, bold: true }, { plain: true, alignment: AlignmentType.RIGHT }),
    ...(d.ministryName ? [centered({ text: d.ministryName.toUpperCase(), bold: true })] : []),
    blank(),
    centered({ text: text.order, bold: true }),
    blank(),
    para([formatDay(d.order.date), `\t${text.number(d.order.number)}`], { plain: true, alignment: AlignmentType.LEFT, tabStops: [{ type: TabStopType.RIGHT, position: mm(170) }] }),
    blank(),
    centered({ text: d.order.title, bold: true }),
    blank(),
    para(`${text.preamble} ${text.command}`),
    blank(),
    ...points.map((p) => para(p)),
    para(text.control(points.length + 1)),
    blank(),
    blank(),
    para([text.signer, '\t____________'], { plain: true, alignment: AlignmentType.LEFT, tabStops: [{ type: TabStopType.RIGHT, position: mm(170) }] }),
    new Paragraph({ children: [new PageBreak()] }),
  ]
  return pack(`${text.order} ${text.dated(d.order)}`, [section([...orderPart, ...appendixChildren(d)])])
}
