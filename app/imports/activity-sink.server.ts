import { countOf } from '~/utils/plural'
import type { Tx } from '../../db/client.server'
import { insertActivity, importedActivityKeys } from '../../db/queries/activity-records.server'
import { appendAudit } from '../../db/queries/audit.server'
import { regionMembers, type ImportCounts, type RegionMember } from '../../db/queries/imports.server'
import { initialRow } from '../../workflows/snapshot'
import { sendEvent, SYSTEM, type Sender } from '../../workflows/transition.server'
import { memberStateLabels } from '~/model/labels'
import { recordDescription, type ActivityImportRow } from './activity-schema'
import { emailKey, nameKey } from './normalize'
import type { Ref } from './schemas'

// Activity files (issue 10 §1.3): each row is an event the region held and
// one participant, who must be a current member of the region's active. The
// participant is found as registry extracts find applicants (decision 0004):
// by name, a municipality when given is strict, e-mail and workplace only
// break ties. Each new row becomes the member's record, created and
// confirmed at once through the activity machine (IMPORT), in the import's
// one transaction. The natural key is member + kind + day + the event's
// folded title, so the same file again creates nothing.

export type ActivitySinkContext = {
  t: Tx
  regionId: number
  /** The importer's municipality when they are a municipal coordinator: rows outside it are errors. */
  own: Ref | null
  /** Who confirms the records: the importer, or the app itself for the CLI's operator. */
  sender: Sender
  importId: number
  write: () => boolean
  out: {
    counts: ImportCounts
    error(row: number, column: string, message: string): void
  }
  nameColumn: string
  municipalityColumn: string
}

const fullName = (p: { lastName: string; firstName: string; middleName: string }) => `${p.lastName} ${p.firstName} ${p.middleName}`.trim()
const personKey = (p: { lastName: string; firstName: string; middleName: string }) => nameKey(fullName(p))
const CURRENT = 'active'

export class ActivitySink {
  private byName = new Map<string, RegionMember[]>()
  private existing = new Set<string>()
  private seen = new Map<string, number>()
  private pending: { row: ActivityImportRow; rowNo: number; member: RegionMember }[] = []

  constructor(private c: ActivitySinkContext) {}

  async load() {
    for await (const m of regionMembers(this.c.regionId, this.c.t)) {
      const key = personKey(m)
      this.byName.set(key, [...(this.byName.get(key) ?? []), m])
    }
    this.existing = await importedActivityKeys(this.c.regionId, this.c.t)
  }

  /** The member a row names, or the Russian reason why there is none. */
  private match(row: ActivityImportRow): RegionMember | { column: string; message: string } {
    const name = fullName(row)
    const all = this.byName.get(personKey(row)) ?? []
    const { own } = this.c
    const list = row.municipalityId != null ? all.filter((m) => m.municipalityId === row.municipalityId) : all
    let current = list.filter((m) => m.state === CURRENT)
    if (current.length === 0 && own) {
      const elsewhere = all.find((m) => m.state === CURRENT && m.municipalityId !== own.id)
      if (elsewhere) {
        return {
          column: this.c.municipalityColumn,
          // another municipality's member is not the importer's to know about: no name of where they are
          message: `Участник «${name}» не найден среди членов актива муниципалитета «${own.name}»: вы можете загружать записи только за свой муниципалитет`,
        }
      }
    }
    if (current.length === 0) {
      const former = list[0]
      if (former) {
        return { column: this.c.nameColumn, message: `Участник «${name}» не входит в действующий состав методического актива (статус — «${memberStateLabels[former.state] ?? 'не действует'}»)` }
      }
      return { column: this.c.nameColumn, message: `Участник «${name}» не найден среди членов методического актива региона: проверьте ФИО${row.municipalityId != null ? ' и муниципалитет' : ''}` }
    }
    const prefer = (pred: (m: RegionMember) => boolean) => {
      const narrowed = current.filter(pred)
      if (narrowed.length) current = narrowed
    }
    if (current.length > 1 && row.email) prefer((m) => m.workEmail != null && emailKey(m.workEmail) === row.email)
    if (current.length > 1 && row.organisation) prefer((m) => nameKey(m.organisationName ?? '') === nameKey(row.organisation!))
    if (current.length > 1) {
      return {
        column: this.c.nameColumn,
        message: `В активе региона ${countOf(current.length, 'член', 'члена', 'членов')} с ФИО «${name}»: добавьте электронную почту, муниципалитет или место работы, чтобы различить`,
      }
    }
    return current[0]
  }

  async accept(row: ActivityImportRow, rowNo: number) {
    const { out } = this.c
    const found = this.match(row)
    if (!('id' in found)) {
      out.error(rowNo, found.column, found.message)
      return
    }
    if (this.c.own && found.municipalityId !== this.c.own.id) {
      out.error(rowNo, this.c.municipalityColumn, `Участник «${fullName(row)}» не найден среди членов актива муниципалитета «${this.c.own.name}»: вы можете загружать записи только за свой муниципалитет`)
      return
    }
    if (this.c.sender !== SYSTEM && found.userId === this.c.sender.userId) {
      out.error(rowNo, this.c.nameColumn, 'Это ваша собственная запись: её подтверждает другой координатор')
      return
    }
    const key = [found.id, row.kind, row.heldOn, row.titleKey].join('|')
    const earlier = this.seen.get(key)
    if (earlier !== undefined) {
      out.error(rowNo, this.c.nameColumn, `Строка повторяет строку ${earlier}: тот же участник, вид работы, дата и мероприятие`)
      return
    }
    this.seen.set(key, rowNo)
    if (this.existing.has(key)) {
      out.counts.unchanged++
      return
    }
    out.counts.created++
    if (this.c.write()) this.pending.push({ row, rowNo, member: found })
  }

  async settle() {}

  async finish() {
    if (!this.c.write()) return
    const { t, regionId, importId, sender } = this.c
    const actorUserId = sender === SYSTEM ? null : sender.userId
    for (const { row, rowNo, member } of this.pending) {
      const id = await insertActivity(
        {
          kind: row.kind,
          heldOn: row.heldOn,
          level: row.level,
          audience: row.audience,
          description: recordDescription(row),
          evidenceUrl: row.evidenceUrl,
          regionId,
          memberId: member.id,
          municipalityId: member.municipalityId,
          createdBy: actorUserId,
          file: null,
          imported: { title: row.title, titleKey: row.titleKey, importId },
        },
        initialRow('activity'),
        t,
      )
      await appendAudit({ actorUserId, regionId, entity: 'activity', entityId: id, action: 'CREATE', data: { kind: row.kind, level: row.level, importId, row: rowNo } }, t)
      await sendEvent({ entity: 'activity', id, event: { type: 'IMPORT', importId, row: rowNo }, actor: sender }, t)
    }
  }
}
