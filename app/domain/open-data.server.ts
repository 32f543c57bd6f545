import { publicMembersAll, type PublicMember } from '../../db/queries/public-roster.server'
import { BOM, csvLine } from '~/utils/csv'
import type { RosterFilter } from '~/model/roster-filter'

// Open data: the same filters and the same whitelist as /roster, because it
// reads the same query (db/queries/public-roster.server.ts).

const columns: [string, (m: PublicMember) => unknown][] = [
  ['ФИО', (m) => m.fullName],
  ['Место работы', (m) => m.workplace],
  ['Должность', (m) => m.position],
  ['Предметная область', (m) => m.subjects],
  ['Электронная почта', (m) => m.workEmail],
  ['Регион', (m) => m.regionName],
  ['Муниципалитет', (m) => m.municipality],
  ['Направление', (m) => m.direction],
  ['Группа', (m) => m.group],
  ['Номер приказа', (m) => m.orderNumber],
  ['Дата приказа', (m) => m.orderDate],
]

/** `excel` (default): BOM + `;` for Excel in a Russian locale; `rfc`: plain RFC 4180 with commas. */
export async function rosterCsv(filter: RosterFilter, format: 'excel' | 'rfc'): Promise<string> {
  const sep = format === 'rfc' ? ',' : ';'
  const parts: string[] = [format === 'excel' ? BOM : '', csvLine(columns.map(([h]) => h), sep)]
  for (const m of await publicMembersAll(filter)) parts.push(csvLine(columns.map(([, get]) => get(m)), sep))
  return parts.join('')
}

export async function rosterJson(filter: RosterFilter, version: number): Promise<string> {
  // A field the member did not allow is absent, not null.
  const members = (await publicMembersAll(filter)).map((m) => Object.fromEntries(Object.entries(m).filter(([k, v]) => v !== null && k !== 'id')))
  const { page: _page, ...filters } = filter
  return JSON.stringify({ version, filters, total: members.length, members })
}
