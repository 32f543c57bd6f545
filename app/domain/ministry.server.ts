import { inTransaction, type Db } from '../../db/client.server'
import { applicationById, countCampaignInState, regionApplicationsByNamePage, type ApplicationRow } from '../../db/queries/applications.server'
import { insertApproval } from '../../db/queries/approvals.server'
import { campaignById, campaignsOfRegion } from '../../db/queries/campaigns.server'
import { appendixRows, orderById, ordersOfRegion, type AppendixRow, type Order } from '../../db/queries/orders.server'
import { regionById } from '../../db/queries/regions.server'
import { Forbidden, NotFound } from '../../workflows/errors'
import { sendEvent } from '../../workflows/transition.server'
import type { MinistryDecision } from '~/model/inputs/ministry'
import { can, type Actor } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import { createOrder } from './orders.server'

// The ministry officer (PRODUCT §1.4): the commission's list of the region,
// approved or returned in batches, the approval fixed by an order.

export type QueueItem = Pick<ApplicationRow, 'id' | 'fullName' | 'organisationName' | 'municipalityName' | 'source' | 'rowVersion'>
export type QueueGroup = { campaign: { id: number; title: string; state: string }; applications: QueueItem[] }

/** The newest composition orders listed under the queue (the page says when there may be more). */
export const ORDERS_SHOWN = 20

/**
 * One page of the candidates at the ministry (by name, PAGE_SIZE a page, with
 * the total), grouped on the page by campaign; a decision covers the ticked
 * candidates of the page shown.
 */
export async function ministryQueue(
  actor: Actor,
  regionId: number,
  page: { after: Cursor | null; from: number } = { after: null, from: 1 },
): Promise<{ groups: QueueGroup[]; orders: Order[]; page: Page<QueueItem> }> {
  if (!can(actor, 'approval:decide', { regionId })) throw new Forbidden('ministry.read')
  const [found, campaigns, orders] = await Promise.all([
    regionApplicationsByNamePage({ regionId, states: ['atMinistry'] }, page.after, PAGE_SIZE),
    campaignsOfRegion(regionId),
    ordersOfRegion(regionId, 'composition', ORDERS_SHOWN),
  ])
  const paged = toPage(found.rows, PAGE_SIZE, page.from, found.total, (a) => a.fullName)
  const item = ({ id, fullName, organisationName, municipalityName, source, rowVersion }: ApplicationRow): QueueItem => ({ id, fullName, organisationName, municipalityName, source, rowVersion })
  const groups: QueueGroup[] = []
  for (const c of campaigns) {
    const mine = paged.rows.filter((a) => a.campaignId === c.id).map(item)
    if (mine.length > 0) groups.push({ campaign: { id: c.id, title: c.title, state: c.state }, applications: mine })
  }
  return { groups, orders, page: { ...paged, rows: paged.rows.map(item) } }
}

export type DecisionResult = { orderId: number | null; decided: number[]; campaigns: { id: number; to: string }[] }

/**
 * Approves (under a new composition order) or returns (with a reason) the
 * chosen applications, writing one approvals row each; then a campaign with
 * nothing left at the ministry is approved (or, when none of it was
 * approved, returned to the commission). One transaction: if any event is
 * refused, nothing is written.
 */
export async function decideApplications(actor: Actor, regionId: number, d: MinistryDecision, tx?: Db): Promise<DecisionResult> {
  if (!can(actor, 'approval:decide', { regionId })) throw new Forbidden('ministry.decide')
  if (d.intent === 'approve' && !can(actor, 'order:record', { regionId })) throw new Forbidden('order.record')
  return inTransaction(async (t) => {
    const orderId =
      d.intent === 'approve'
        ? await createOrder(regionId, { number: d.orderNumber, date: d.orderDate, title: d.orderTitle }, 'composition', actor.userId, t)
        : null
    const ids = [...new Set(d.ids)].sort((a, b) => a - b)
    const campaignIds = new Set<number>()
    for (const id of ids) {
      const app = await applicationById(id, t)
      if (!app) throw new NotFound('application', id)
      if (app.regionId !== regionId) throw new Forbidden('application.decide')
      await sendEvent(
        { entity: 'application', id, actor, event: d.intent === 'approve' ? { type: 'APPROVE' } : { type: 'RETURN', reason: d.reason } },
        t,
      )
      await insertApproval(
        {
          campaignId: app.campaignId,
          applicationId: id,
          decision: d.intent === 'approve' ? 'approved' : 'returned',
          reason: d.intent === 'return' ? d.reason : null,
          orderId,
          decidedBy: actor.userId,
        },
        t,
      )
      campaignIds.add(app.campaignId)
    }
    const campaigns: DecisionResult['campaigns'] = []
    for (const campaignId of campaignIds) {
      const c = await campaignById(campaignId, t)
      if (!c || c.state !== 'atMinistry' || (await countCampaignInState(campaignId, 'atMinistry', t)) > 0) continue
      const approved = (await countCampaignInState(campaignId, 'approved', t)) + (await countCampaignInState(campaignId, 'published', t))
      const r = await sendEvent(
        {
          entity: 'campaign',
          id: campaignId,
          actor,
          event:
            approved > 0
              ? { type: 'APPROVE' }
              : { type: 'RETURN_TO_COMMISSION', reason: d.intent === 'return' ? d.reason : 'Ни один кандидат не согласован' },
        },
        t,
      )
      campaigns.push({ id: campaignId, to: r.to })
    }
    return { orderId, decided: ids, campaigns }
  }, tx)
}

export type Appendix = { order: Order; regionName: string; ministryName: string; rows: AppendixRow[] }

/** The appendix to a composition order: the approved people, numbered (staff of the order's region only). */
export async function orderAppendix(actor: Actor, orderId: number): Promise<Appendix> {
  const order = await orderById(orderId)
  if (!order) throw new NotFound('order', orderId)
  const scope = { regionId: order.regionId }
  if (!can(actor, 'order:record', scope) && !can(actor, 'approval:decide', scope)) throw new Forbidden('order.appendix')
  const [region, rows] = await Promise.all([regionById(order.regionId), appendixRows(orderId)])
  return { order, regionName: region?.name ?? '', ministryName: region?.ministryName ?? '', rows }
}
