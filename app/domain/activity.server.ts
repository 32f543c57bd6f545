import { createHash } from 'node:crypto'
import { inTransaction, type Db } from '../../db/client.server'
import {
  activitiesOfMembers,
  activityById,
  activityEvidenceFile,
  activityForUpdate,
  activityQueue,
  countActivitiesOfMembers,
  insertActivity,
  membersOfUser,
  updateActivity,
  type ActivityFile,
  type ActivityListShow,
  type ActivityRow,
} from '../../db/queries/activity-records.server'
import { appendAudit } from '../../db/queries/audit.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { initialRow } from '../../workflows/snapshot'
import { allowedEvents, sendEvent } from '../../workflows/transition.server'
import { activityEditableStates } from '~/model/activity'
import type { ActivityDecision, ActivityForm } from '~/model/inputs/activity'
import { checkEvidence, safeFileName } from '~/model/inputs/application'
import { FormInvalid } from '~/model/inputs/form-invalid'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import { can, type Actor, type Grant } from '~/model/permissions'
import { FALLBACK_TIME_ZONE, regionDay } from '~/utils/dates'
import { zoneOfRegion } from './time-zone.server'
import { regionCatalogue } from './evaluation-catalogue.server'
import { kindLabelOf } from '~/model/evaluation'
import type { UploadedFile } from './evidence.server'
import { recordInScope } from './application-scope.server'

// A member's records of methodological work (issue 10 §1): the member keeps
// them, a coordinator confirms or returns them through the activity machine.
// Only the member's own account writes a record; only coordinators of the
// record's municipality or region decide on it.

export type ActivityView = ActivityRow & { timeZone: string; events: string[]; editable: boolean; mine: boolean; kindLabel: string; kinds: Kind[] }
type Kind = { code: string; label: string }

/** The kinds a record of the region may have: its current catalogue's, plus `keep` (a record's own kind the catalogue has since lost). */
async function kindsOf(regionId: number, keep?: string, tx?: Db): Promise<Kind[]> {
  const kinds = (await regionCatalogue(regionId, tx)).document.kinds.map((k) => ({ code: k.code, label: k.label }))
  return keep && !kinds.some((k) => k.code === keep) ? [...kinds, { code: keep, label: kindLabelOf([], keep) }] : kinds
}

/** Rows with the label of their kind from their region's catalogue. */
async function labelled<R extends ActivityRow>(rows: R[]): Promise<(R & { kindLabel: string })[]> {
  const regions = [...new Set(rows.map((r) => r.regionId))]
  const kinds = new Map(await Promise.all(regions.map(async (id) => [id, await kindsOf(id)] as const)))
  return rows.map((r) => ({ ...r, kindLabel: kindLabelOf(kinds.get(r.regionId) ?? [], r.kind) }))
}

/** The kinds the actor's new record may have (the form's list and the action's schema); empty for someone who is not an active member. */
export async function recordKinds(actor: Actor, recordId: number | null): Promise<Kind[]> {
  if (recordId !== null) {
    const row = await activityById(recordId)
    return row ? kindsOf(row.regionId, row.kind) : []
  }
  const member = (await membersOfUser(actor.userId)).find((m) => MEMBER_STATES_THAT_RECORD.includes(m.state))
  return member ? kindsOf(member.regionId) : []
}

const MEMBER_STATES_THAT_RECORD = ['active']

/** The actor's own membership a new record belongs to: the one that is active now. */
async function activeMembershipOf(actor: Actor, tx?: Db) {
  const member = (await membersOfUser(actor.userId, tx)).find((m) => MEMBER_STATES_THAT_RECORD.includes(m.state))
  if (!member) throw new AppError('NOT_A_MEMBER', 403, 'Записи о методической работе ведут действующие члены методического актива.')
  if (!can(actor, 'activity:record', { ownerUserId: actor.userId })) throw new Forbidden('activity.record')
  return member
}

/** The file of a record, checked by its bytes like every evidence document. */
function checkedFile(file: UploadedFile | null): ActivityFile | null {
  if (!file || (file.bytes.byteLength === 0 && file.fileName === '')) return null
  const checked = checkEvidence(file.fileName, file.bytes)
  if (!checked.ok) throw new FormInvalid({ evidenceFile: checked.message })
  return { fileName: safeFileName(file.fileName), mimeType: checked.mimeType, content: file.bytes, sha256: createHash('sha256').update(file.bytes).digest('hex') }
}

async function checkFields(form: ActivityForm, regionId: number, hasEvidence: boolean, tx?: Db, keepKind?: string): Promise<void> {
  if (!(await kindsOf(regionId, keepKind, tx)).some((k) => k.code === form.kind)) throw new FormInvalid({ kind: 'Выберите вид работы из перечня региона' })
  const timeZone = await zoneOfRegion(regionId, tx)
  if (form.heldOn > regionDay(new Date(), timeZone)) throw new FormInvalid({ heldOn: 'Запись делается о проведённой работе: дата не может быть позже сегодняшней' })
  if (form.intent === 'submit' && !hasEvidence) {
    throw new FormInvalid({ evidenceUrl: 'Перед отправкой приложите подтверждающий документ или укажите ссылку на материал' })
  }
}

const fieldsOf = (f: ActivityForm) => ({ kind: f.kind, heldOn: f.heldOn, level: f.level, audience: f.audience, description: f.description, evidenceUrl: f.evidenceUrl ?? null })

/** A new record of the actor's own work; `intent: 'submit'` sends it for confirmation at once. */
export async function createActivity(actor: Actor, form: ActivityForm, file: UploadedFile | null, tx?: Db): Promise<number> {
  const member = await activeMembershipOf(actor, tx)
  const checked = checkedFile(file)
  await checkFields(form, member.regionId, Boolean(checked || form.evidenceUrl), tx)
  return inTransaction(async (t) => {
    const id = await insertActivity(
      { ...fieldsOf(form), regionId: member.regionId, memberId: member.id, municipalityId: member.municipalityId, createdBy: actor.userId, file: checked },
      initialRow('activity'),
      t,
    )
    await appendAudit({ actorUserId: actor.userId, regionId: member.regionId, entity: 'activity', entityId: id, action: 'CREATE', data: { kind: form.kind, level: form.level } }, t)
    if (form.intent === 'submit') await sendEvent({ entity: 'activity', id, event: { type: 'SUBMIT' }, actor }, t)
    return id
  }, tx)
}

/** Corrects a draft or a returned record; `intent: 'submit'` sends it (again) for confirmation. */
export async function editActivity(actor: Actor, id: number, form: ActivityForm, file: UploadedFile | null, tx?: Db): Promise<void> {
  const checked = checkedFile(file)
  await inTransaction(async (t) => {
    const row = recordInScope('activity', id, await activityForUpdate(id, t), (r) => r.ownerUserId === actor.userId || decidable(actor, r))
    if (row.ownerUserId !== actor.userId || !can(actor, 'activity:record', { ownerUserId: row.ownerUserId })) throw new Forbidden('activity.edit')
    if (!(activityEditableStates as readonly string[]).includes(row.state)) {
      throw new AppError('ACTIVITY_LOCKED', 409, 'Запись уже отправлена на подтверждение: изменить её можно, только если координатор вернёт её на доработку.')
    }
    if (form.rowVersion !== undefined && form.rowVersion !== row.rowVersion) {
      throw new AppError('STALE', 409, 'Запись изменилась, пока вы её редактировали. Откройте её заново.')
    }
    await checkFields(form, row.regionId, Boolean(checked || row.evidenceFileName || form.evidenceUrl), t, row.kind)
    await updateActivity(id, { ...fieldsOf(form), file: checked }, t)
    await appendAudit({ actorUserId: actor.userId, regionId: row.regionId, entity: 'activity', entityId: id, action: 'EDIT', data: { newFile: Boolean(checked) } }, t)
    if (form.intent === 'submit') await sendEvent({ entity: 'activity', id, event: { type: row.state === 'returned' ? 'RESUBMIT' : 'SUBMIT' }, actor }, t)
  }, tx)
}

const decidable = (actor: Actor, row: Pick<ActivityRow, 'regionId' | 'municipalityId'>) =>
  can(actor, 'activity:confirm', { regionId: row.regionId, municipalityId: row.municipalityId })

/** One record, for its member or a coordinator who may decide on it. */
export async function activityView(actor: Actor, id: number): Promise<ActivityView> {
  const row = recordInScope('activity', id, await activityById(id), (r) => r.ownerUserId === actor.userId || decidable(actor, r))
  const mine = row.ownerUserId === actor.userId
  const timeZone = await zoneOfRegion(row.regionId)
  const events = allowedEvents('activity', { state: row.state, regionId: row.regionId, municipalityId: row.municipalityId, ownerUserId: row.ownerUserId }, actor).filter(
    // IMPORT belongs to the bulk import only (app/imports), never a button
    (e) => e !== 'IMPORT' && (!mine || (e !== 'CONFIRM' && e !== 'RETURN')),
  )
  const kinds = await kindsOf(row.regionId, row.kind)
  return { ...row, timeZone, mine, events, editable: mine && (activityEditableStates as readonly string[]).includes(row.state), kindLabel: kindLabelOf(kinds, row.kind), kinds }
}

/** The actor's own records, newest work first. */
export async function myActivities(
  actor: Actor,
  page: { after: Cursor | null; from: number },
): Promise<{ page: Page<ActivityRow & { kindLabel: string }>; member: boolean; regionName: string | null; timeZone: string }> {
  const members = await membersOfUser(actor.userId)
  const ids = members.map((m) => m.id)
  const active = members.find((m) => MEMBER_STATES_THAT_RECORD.includes(m.state))
  const [rows, total, timeZone] = await Promise.all([
    ids.length ? activitiesOfMembers(ids, page.after, PAGE_SIZE + 1) : Promise.resolve([]),
    ids.length ? countActivitiesOfMembers(ids) : Promise.resolve(0),
    members[0] ? zoneOfRegion(members[0].regionId) : Promise.resolve(FALLBACK_TIME_ZONE),
  ])
  return {
    page: toPage(await labelled(rows), PAGE_SIZE, page.from, total, (r) => r.heldOn),
    member: Boolean(active),
    regionName: (active ?? members[0])?.regionName ?? null,
    timeZone,
  }
}

/** Whose records a coordinator decides on in a region: all of them, or their municipalities'. */
function queueScope(actor: Actor, regionId: number): number[] | null {
  if (can(actor, 'activity:confirm', { regionId })) return null
  const municipalities = actor.grants
    .filter((g: Grant) => g.regionId === regionId && g.municipalityId != null && can(actor, 'activity:confirm', { municipalityId: g.municipalityId }))
    .map((g) => g.municipalityId as number)
  if (municipalities.length === 0) throw new Forbidden('activity.queue')
  return municipalities
}

/** Records waiting for the coordinator's decision, oldest first; or the confirmed ones, or all sent ones, newest first. */
export async function activityQueuePage(
  actor: Actor,
  regionId: number,
  page: { after: Cursor | null; from: number },
  show: ActivityListShow = 'pending',
): Promise<{ page: Page<ActivityRow & { kindLabel: string }>; timeZone: string }> {
  const municipalityIds = queueScope(actor, regionId)
  const [found, timeZone] = await Promise.all([activityQueue({ regionId, municipalityIds, show }, page.after, PAGE_SIZE + 1), zoneOfRegion(regionId)])
  return { page: toPage(await labelled(found.rows), PAGE_SIZE, page.from, found.total, (r) => r.id), timeZone }
}

/** Confirms a record or returns it with a reason, through the machine. */
export async function decideActivity(actor: Actor, id: number, d: ActivityDecision): Promise<'confirmed' | 'returned'> {
  const row = recordInScope('activity', id, await activityById(id), (r) => r.ownerUserId === actor.userId || decidable(actor, r))
  // a coordinator who is a member too never confirms their own work
  if (row.ownerUserId === actor.userId) throw new AppError('OWN_ACTIVITY', 403, 'Свою запись о работе подтверждает другой координатор.')
  const event = d.decision === 'confirm' ? ({ type: 'CONFIRM' } as const) : ({ type: 'RETURN', reason: d.reason ?? '' } as const)
  const result = await sendEvent({ entity: 'activity', id, event, actor, expectedRowVersion: d.rowVersion })
  return result.to as 'confirmed' | 'returned'
}

/** The evidence file, for the member and those who decide on the record. */
export async function activityEvidence(actor: Actor, id: number): Promise<{ fileName: string; mimeType: string; body: Uint8Array }> {
  recordInScope('activity', id, await activityById(id), (r) => r.ownerUserId === actor.userId || decidable(actor, r))
  const file = await activityEvidenceFile(id)
  if (!file) throw new NotFound('activity', id)
  return { fileName: file.fileName, mimeType: file.mimeType, body: file.content }
}
