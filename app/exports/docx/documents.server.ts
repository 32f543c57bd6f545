import { appendixPlacements } from '../../../db/queries/orders.server'
import { memberCertificateRow, memberIdsOfUser, membersChangedByOrder } from '../../../db/queries/members.server'
import { regionById } from '../../../db/queries/regions.server'
import { AppError } from '../../../workflows/errors'
import { protocolView } from '~/domain/meetings.server'
import { leavingGrounds } from '~/domain/leaving-grounds.server'
import { orderAppendix } from '~/domain/ministry.server'
import { groundLabel } from '~/model/leaving-grounds'
import { addYears } from '~/domain/publish.server'
import { can, type Actor } from '~/model/permissions'
import { FALLBACK_TIME_ZONE } from '~/utils/dates'
import { certificateDocx, certificateFileName } from './certificate.server'
import { appendixDocx, appendixFileName, orderDocx, orderFileName, type OrderDocument } from './order.server'
import { protocolDocx, protocolFileName } from './protocol.server'
import { recordInScope } from '~/domain/application-scope.server'

// The Word documents as downloads: each checks its reader the way its HTML
// page does (the same domain call), then builds the file.

export type DocxFile = { fileName: string; body: Buffer }

/** The issued protocol: whoever may read the protocol page. */
export async function protocolDocument(actor: Actor, protocolId: number): Promise<DocxFile> {
  const { content } = await protocolView(actor, protocolId)
  return { fileName: protocolFileName(content), body: await protocolDocx(content) }
}

async function orderData(actor: Actor, orderId: number): Promise<OrderDocument> {
  const a = await orderAppendix(actor, orderId)
  const [placements, region, changed, grounds] = await Promise.all([
    appendixPlacements(orderId).then((list) => new Map(list.map((p) => [p.personId, p]))),
    regionById(a.order.regionId),
    a.order.kind === 'change' ? membersChangedByOrder(orderId) : Promise.resolve(null),
    a.order.kind === 'change' ? leavingGrounds(a.order.regionId) : Promise.resolve([]),
  ])
  return {
    ...a,
    changes: changed?.map((m) => ({ ...m, ground: groundLabel(grounds, m.changeGround) })) ?? null,
    rows: a.rows.map((r) => ({ ...r, direction: placements.get(r.personId)?.direction ?? null, group: placements.get(r.personId)?.group ?? null })),
    // the term publishing gives the members admitted by a composition order: the region's (publish.server.ts)
    termEndsOn: a.order.kind === 'composition' ? addYears(a.order.date, region?.termYears ?? 3) : null,
  }
}

/** The draft order with its appendix: staff who may see the appendix. */
export async function orderDocument(actor: Actor, orderId: number): Promise<DocxFile> {
  const d = await orderData(actor, orderId)
  return { fileName: orderFileName(d.order), body: await orderDocx(d) }
}

export async function appendixDocument(actor: Actor, orderId: number): Promise<DocxFile> {
  const d = await orderData(actor, orderId)
  return { fileName: appendixFileName(d.order), body: await appendixDocx(d) }
}

/** A member's certificate: the member themself, or staff of the member's region. */
export async function certificateDocument(actor: Actor, memberId: number, now = new Date()): Promise<DocxFile> {
  const m = recordInScope(
    'member',
    memberId,
    await memberCertificateRow(memberId),
    (row) => (row.ownerUserIds.includes(actor.userId) && can(actor, 'member:certificate', { ownerUserId: actor.userId })) || can(actor, 'member:certificate', { regionId: row.regionId }),
  )
  const region = await regionById(m.regionId)
  const data = {
    fullName: m.fullName,
    position: m.position,
    organisationName: m.organisationName,
    municipalityName: m.municipalityName,
    regionName: region?.name ?? '',
    ministryName: region?.ministryName ?? '',
    rosterMunicipality: m.rosterMunicipality,
    order: m.admittedOrder ? { number: m.admittedOrder.number, date: m.admittedOrder.date, title: m.admittedOrderTitle } : null,
    termEndsOn: m.termEndsOn,
    changedOrder: m.changedOrder ? { number: m.changedOrder.number, date: m.changedOrder.date } : null,
    direction: m.direction,
    group: m.group,
    subjects: m.subjects,
    state: m.state,
    issuedAt: now,
    timeZone: region?.timeZone ?? FALLBACK_TIME_ZONE,
  }
  return { fileName: certificateFileName(data), body: await certificateDocx(data) }
}

/** The signed-in member's own certificate (their current membership first). */
export async function myCertificateDocument(actor: Actor, now = new Date()): Promise<DocxFile> {
  const [id] = await memberIdsOfUser(actor.userId)
  if (id === undefined) throw new AppError('NOT_A_MEMBER', 404, 'Вы не состоите в региональном методическом активе, поэтому справки о включении в его состав нет.')
  return certificateDocument(actor, id, now)
}
