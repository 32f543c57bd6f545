import { countPublicMembers, publicMembersJsonList, publicMembersReader, type PublicMember } from '../../db/queries/public-roster.server'
import { BOM, csvLine } from '~/utils/csv'
import { batchRows, pullStream, streamText } from '~/utils/pull-stream.server'
import type { RosterFilter } from '~/model/roster-filter'

// Open data: the same filters and the same whitelist as /roster, because it
// reads the same query (db/queries/public-roster.server.ts). The files are
// streamed in short keyset batches (app/utils/pull-stream.server.ts): memory
// per request is one batch, whatever the number of members, and a client
// that leaves stops the reads. The public cache keeps the whole files of all
// regions and of one region; other filter combinations stream through.

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
export function rosterCsvStream(filter: RosterFilter, format: 'excel' | 'rfc', signal?: AbortSignal, size = batchRows()): ReadableStream<Uint8Array> {
  const sep = format === 'rfc' ? ',' : ';'
  const reader = publicMembersReader(filter, size)
  let header = true
  return pullStream(
    'roster.csv',
    {
      async next() {
        const members = await reader.next()
        const head = header ? (format === 'excel' ? BOM : '') + csvLine(columns.map(([h]) => h), sep) : ''
        header = false
        if (!head && members.length === 0) return null
        const lines = head ? [head] : []
        for (const m of members) lines.push(csvLine(columns.map(([, get]) => get(m)), sep))
        return lines
      },
    },
    signal,
  )
}

/**
 * All members, or one region's: the whole files that the public cache keeps,
 * so at most one per region is built per roster version. Every narrower
 * filter streams in batches (constant memory for any number of distinct
 * query strings).
 */
export const isWholeFile = (f: RosterFilter) => !f.q && !f.subject && !f.municipality && !f.group && !f.order && !f.level

/** A field the member did not allow is absent, not null. */
export const published = (m: PublicMember) => JSON.stringify(Object.fromEntries(Object.entries(m).filter(([k, v]) => v !== null && k !== 'id')))

/**
 * `{"version":…,"filters":…,"total":N,"members":[…]}`, byte for byte what
 * JSON.stringify of the whole object gives. `total` comes first, so it is
 * counted before the list is read: a change committed while the file is
 * being written may differ from the count by that change, and the next
 * download (a new `version`) is exact.
 */
export function rosterJsonStream(filter: RosterFilter, version: number, signal?: AbortSignal, size = batchRows()): ReadableStream<Uint8Array> {
  const now = new Date()
  const reader = publicMembersReader(filter, size, now)
  const { page: _page, ...filters } = filter
  const head = (total: number) => `{"version":${JSON.stringify(version)},"filters":${JSON.stringify(filters)},"total":${total},"members":[`
  let state: 'head' | 'list' | 'done' = 'head'
  let first = true
  /** A whole file's pieces still to give: its list goes on as the bytes the database sent. */
  let whole: (string | Uint8Array)[] | null = null
  return pullStream(
    'roster.json',
    {
      async next() {
        if (whole) return whole.shift() ?? null
        if (state === 'done') return null
        if (state === 'head' && isWholeFile(filter)) {
          // The files the public cache keeps (server/public-cache.ts isCacheable):
          // built in the database (one statement, or two halves of one snapshot's
          // roster version), and its count is of the very rows it lists.
          const { total, list } = await publicMembersJsonList(filter, undefined, now)
          whole = [...list, ']}']
          return head(total)
        }
        if (state === 'head') {
          state = 'list'
          return head(await countPublicMembers(filter, undefined, now))
        }
        const members = await reader.next()
        if (members.length === 0) {
          state = 'done'
          return ']}'
        }
        const lines: string[] = []
        for (const m of members) {
          lines.push((first ? '' : ',') + published(m))
          first = false
        }
        return lines
      },
    },
    signal,
  )
}

/** The whole file at once (tests, and callers that need it whole); `size`: rows per read. */
export async function rosterCsv(filter: RosterFilter, format: 'excel' | 'rfc', size?: number): Promise<string> {
  return streamText(rosterCsvStream(filter, format, undefined, size))
}

export async function rosterJson(filter: RosterFilter, version: number, size?: number): Promise<string> {
  return streamText(rosterJsonStream(filter, version, undefined, size))
}
