import { AlignmentType, TabStopType } from 'docx'
import type { AppendixRow, Order } from '../../../db/queries/orders.server'
import { formatDay } from '~/utils/dates'
import { blank, centered, genitiveOfBody, LANDSCAPE_TEXT_WIDTH, mm, pack, para, section, table, type Column } from './layout.server'

// The ministry's composition order as a draft for signing, with its
// appendix (the approved people), and the appendix on its own: the same
// rows as the HTML appendix (app/routes/orders.$id.appendix.tsx) plus the
// direction and group where the region has them. A municipal order (its
// authority approves a municipal selection) speaks of the municipal active.

export type OrderDocument = {
  order: Order
  regionName: string
  ministryName: string
  /** the municipality of a municipal order; null for the ministry's */
  municipalityName: string | null
  rows: (AppendixRow & { direction: string | null; group: string | null })[]
  /** 'YYYY-MM-DD': the members' term, when the order fixes it */
  termEndsOn: string | null
  /** a change order's members (their state after it and the ground's label); null for a composition order */
  changes?: { fullName: string; position: string; organisationName: string | null; state: string; ground: string | null }[] | null
}

type Change = NonNullable<OrderDocument['changes']>[number]

/** «регионального» or «муниципального» методического актива, with the place it belongs to. */
const activeOf = (d: OrderDocument) =>
  d.municipalityName !== null
    ? { adjective: 'муниципального', place: d.municipalityName, statute: 'муниципальном' }
    : { adjective: 'регионального', place: d.regionName, statute: 'региональном' }

const text = {
  draft: 'ПРОЕКТ',
  order: 'ПРИКАЗ',
  number: (n: string) => `№ ${n}`,
  preamble: (a: ReturnType<typeof activeOf>) =>
    `В соответствии с Положением о ${a.statute} методическом активе, на основании рекомендаций комиссии по отбору кандидатов в состав ${a.adjective} методического актива`,
  preambleChange: (a: ReturnType<typeof activeOf>) => `В соответствии с Положением о ${a.statute} методическом активе`,
  // spaced out as the orders write it, with non-breaking spaces so the word never splits across lines
  command: [...'приказываю'].join('\u00A0') + ':',
  approve: (a: ReturnType<typeof activeOf>) =>
    `1. Утвердить состав ${a.adjective} методического актива${a.place ? ` (${a.place})` : ''} согласно приложению к настоящему приказу.`,
  term: (a: ReturnType<typeof activeOf>, day: string) =>
    `2. Установить срок полномочий членов ${a.adjective} методического актива, включённых настоящим приказом, до ${formatDay(day)}.`,
  // a change order: what it does to whom, by the state the members are in after it
  changeHead: (state: string, adjective: string): string =>
    ({
      excluded: `Исключить из состава ${adjective} методического актива:`,
      suspended: `Приостановить членство в составе ${adjective} методического актива:`,
      active: `Возобновить членство в составе ${adjective} методического актива:`,
      expired: `Прекратить полномочия членов ${adjective} методического актива в связи с истечением срока полномочий:`,
    })[state] ?? `Внести изменения в состав ${adjective} методического актива:`,
  changeLine: (c: Change) =>
    `– ${[c.fullName, c.position || null, c.organisationName].filter(Boolean).join(', ')}${c.ground && c.state !== 'active' ? ` (основание: ${c.ground.charAt(0).toLowerCase()}${c.ground.slice(1)})` : ''};`,
  noChanges: 'По этому приказу изменения в состав актива в реестре не внесены.',
  control: (n: number) => `${n}. Контроль за исполнением настоящего приказа оставляю за собой.`,
  appendix: 'Приложение',
  toOrder: (ministry: string) => `к приказу${ministry ? ` ${genitiveOfBody(ministry)}` : ''}`,
  dated: (o: Order) => `от ${formatDay(o.date)} № ${o.number}`,
  listTitle: 'СОСТАВ',
  listOf: (a: ReturnType<typeof activeOf>) => `${a.adjective} методического актива`,
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

/**
 * Who signs the order, by the kind of body that issues it: a ministry's
 * minister, a department's or an administration's head, a committee's chair;
 * «Руководитель» when the name does not tell (a municipal authority the
 * registry knows no name of).
 */
export function signerOf(issuer: string, municipal: boolean): string {
  if (municipal) return 'Руководитель'
  const first = issuer.split(' ')[0]
  const signer: Record<string, string> = {
    Министерство: 'Министр',
    Департамент: 'Начальник департамента',
    Комитет: 'Председатель комитета',
    Управление: 'Начальник управления',
  }
  return signer[first] ?? 'Руководитель'
}


const orderSlug = (o: Order) => `№ ${o.number.replace(/[/\\]/g, '-')} от ${formatDay(o.date)}`
export const orderFileName = (o: Order) => `Проект приказа ${orderSlug(o)}.docx`
export const appendixFileName = (o: Order) => `Приложение к приказу ${orderSlug(o)}.docx`

function appendixChildren(d: OrderDocument) {
  const withPlacement = d.rows.some((r) => r.direction || r.group)
  const columns: Column[] = [
    { title: text.n, width: 6 },
    { title: text.name, width: 22 },
    { title: text.workplace, width: 22 },
    { title: text.position, width: 14 },
    ...(withPlacement ? [{ title: text.placement, width: 16 }] : []),
    { title: text.subjects, width: 14 },
    { title: text.municipality, width: 14 },
  ]
  const active = activeOf(d)
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
    centered({ text: text.listOf(active), bold: true }),
    ...(active.place ? [centered({ text: active.place, bold: true })] : []),
    blank(),
    ...(d.rows.length === 0 ? [para(text.empty)] : [table(columns, rows, LANDSCAPE_TEXT_WIDTH), blank(), para(text.total(d.rows.length), { plain: true })]),
  ]
}

// why landscape: six or seven columns of names, schools and positions on a
// portrait page break words mid-letter («воспитате-ль», «Муници-палитет»).
const appendixSection = (d: OrderDocument) => section(appendixChildren(d), { landscape: true })

/** The appendix on its own. */
export async function appendixDocx(d: OrderDocument): Promise<Buffer> {
  return pack(`${text.appendix} ${text.dated(d.order)}`, [appendixSection(d)])
}


function orderHead(d: OrderDocument, active: ReturnType<typeof activeOf>) {
  return [
    para({ text: text.draft, bold: true }, { plain: true, alignment: AlignmentType.RIGHT }),
    ...(d.ministryName ? [centered({ text: d.ministryName.toUpperCase(), bold: true })] : []),
    blank(),
    centered({ text: text.order, bold: true }),
    blank(),
    para([formatDay(d.order.date), `\t${text.number(d.order.number)}`], { plain: true, alignment: AlignmentType.LEFT, tabStops: [{ type: TabStopType.RIGHT, position: mm(170) }] }),
    blank(),
    centered({ text: d.order.title, bold: true }),
    blank(),
    // a change order follows the statute, not a selection commission's recommendations
    para(`${d.changes ? text.preambleChange(active) : text.preamble(active)} ${text.command}`),
    blank(),
  ]
}

function orderFoot(d: OrderDocument, controlPoint: number) {
  return [
    para(text.control(controlPoint)),
    blank(),
    blank(),
    para([signerOf(d.ministryName, d.municipalityName !== null), '\t____________'], {
      plain: true,
      alignment: AlignmentType.LEFT,
      tabStops: [{ type: TabStopType.RIGHT, position: mm(170) }],
    }),
  ]
}

const STATE_ORDER = ['excluded', 'suspended', 'active', 'expired']

/** A change order's points: one per kind of change, the people under it, the last line ending with a full stop. */
function changePoints(d: OrderDocument, adjective: string): { head: string; lines: string[] }[] {
  const changes = d.changes ?? []
  const states = [...new Set(changes.map((c) => c.state))].sort((a, b) => STATE_ORDER.indexOf(a) - STATE_ORDER.indexOf(b))
  return states.map((state) => {
    const lines = changes.filter((c) => c.state === state).map(text.changeLine)
    lines[lines.length - 1] = lines[lines.length - 1].replace(/;$/, '.')
    return { head: text.changeHead(state, adjective), lines }
  })
}

/** The draft order, then its appendix from a new page; a change order lists its changes and has no appendix. */
export async function orderDocx(d: OrderDocument): Promise<Buffer> {
  const active = activeOf(d)
  if (d.changes) {
    const groups = changePoints(d, active.adjective)
    const body =
      groups.length === 0
        ? [para(text.noChanges)]
        : groups.flatMap((g, i) => [para(`${i + 1}. ${g.head}`), ...g.lines.map((l) => para(l))])
    return pack(`${text.order} ${text.dated(d.order)}`, [section([...orderHead(d, active), ...body, ...orderFoot(d, groups.length + 1)])])
  }
  const points = [text.approve(active), ...(d.termEndsOn ? [text.term(active, d.termEndsOn)] : [])]
  const orderPart = [...orderHead(d, active), ...points.map((p) => para(p)), ...orderFoot(d, points.length + 1)
  ]
  // the appendix starts its own (landscape) section, which begins a new page
  return pack(`${text.order} ${text.dated(d.order)}`, [section(orderPart), appendixSection(d)])
}
