import { inTransaction, type Db } from '../../db/client.server'
import { countCampaignInState, regionApplicationsByNamePage, type ApplicationListRow, type ApplicationRow } from '../../db/queries/applications.server'
import { insertApproval } from '../../db/queries/approvals.server'
import { campaignById, campaignsOfRegion } from '../../db/queries/campaigns.server'
import { appendixRows, orderById, ordersOfRegion, type AppendixRow, type Order } from '../../db/queries/orders.server'
import { regionById } from '../../db/queries/regions.server'
import { municipalityById } from '../../db/queries/municipalities.server'
import { Forbidden } from '../../workflows/errors'
import { applicationInScope, recordInScope } from './application-scope.server'
import { sendEvent } from '../../workflows/transition.server'
import type { MinistryDecision } from '~/model/inputs/ministry'
import { can, type Actor } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import { municipalAuthority } from '~/model/municipal-selection'
import { createOrder } from './orders.server'

// The ministry officer (PRODUCT §1.4): the commission's list of the region,
// approved or returned in batches, the approval fixed by an order. A
// municipal selection (issue 10 §6) goes through the same steps with its
// municipal authority's approver and an order of that authority.

/** Who decides: the region's ministry (municipalityId null) or a municipality's education authority. */
export type Authority = { regionId: number; municipalityId: number | null }

/** A bare region id is the region's ministry (the callers from before the municipal level). */
const authorityOf = (a: Authority | number): Authority => (typeof a === 'number' ? { regionId: a, municipalityId: null } : a)

const authorityScope = (a: Authority) => ({ regionId: a.regionId, campaignMunicipalityId: a.municipalityId })

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
  by: Authority | number,
  page: { after: Cursor | null; from: number } = { after: null, from: 1 },
): Promise<{ groups: QueueGroup[]; orders: Order[]; page: Page<QueueItem> }> {
  const authority = authorityOf(by)
  if (!can(actor, 'approval:decide', authorityScope(authority))) throw new Forbidden('ministry.read')
  const { regionId, municipalityId } = authority
  const [found, campaigns, orders] = await Promise.all([
    regionApplicationsByNamePage({ regionId, states: ['atMinistry'], selection: municipalityId }, page.after, PAGE_SIZE),
    campaignsOfRegion(regionId),
    ordersOfRegion(regionId, 'composition', ORDERS_SHOWN, undefined, municipalityId),
  ])
  const paged = toPage(found.rows, PAGE_SIZE, page.from, found.total, (a) => a.fullName)
  const item = ({ id, fullName, organisationName, municipalityName, source, rowVersion }: ApplicationListRow): QueueItem => ({ id, fullName, organisationName, municipalityName, source, rowVersion })
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
export async function decideApplications(actor: Actor, by: Authority | number, d: MinistryDecision, tx?: Db): Promise<DecisionResult> {
  const authority = authorityOf(by)
  const { regionId, municipalityId } = authority
  if (!can(actor, 'approval:decide', authorityScope(authority))) throw new Forbidden('ministry.decide')
  if (d.intent === 'approve' && !can(actor, 'order:record', authorityScope(authority))) throw new Forbidden('order.record')
  return inTransaction(async (t) => {
    const orderId =
      d.intent === 'approve'
        ? await createOrder(regionId, { number: d.orderNumber, date: d.orderDate, title: d.orderTitle, municipalityId }, 'composition', actor.userId, t)
        : null
    const ids = [...new Set(d.ids)].sort((a, b) => a - b)
    const campaignIds = new Set<number>()
    for (const id of ids) {
      const app = await applicationInScope(actor, id, t)
      // one authority's order never covers another's selection
      if (app.regionId !== regionId || app.campaignMunicipalityId !== municipalityId) throw new Forbidden('application.decide')
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

/** `municipalityName`: the municipality whose authority issues a municipal order (null for the ministry's). */
export type Appendix = { order: Order; regionName: string; ministryName: string; municipalityName: string | null; rows: AppendixRow[] }

/**
 * The appendix to a composition order: the approved people, numbered (staff
 * of the order's region, or of its municipal authority, only). A municipal
 * order names its municipality's education authority instead of the ministry.
 */
export async function orderAppendix(actor: Actor, orderId: number): Promise<Appendix> {
  // the region's coordinator keeps every order of the region; a municipal approver only its own authority's
  const order = recordInScope('order', orderId, await orderById(orderId), (o) => {
    const scope = { regionId: o.regionId, campaignMunicipalityId: o.municipalityId }
    return can(actor, 'order:record', scope) || can(actor, 'approval:decide', scope) || can(actor, 'roster:change', { regionId: o.regionId })
  })
  const [region, rows, municipality] = await Promise.all([
    regionById(order.regionId),
    appendixRows(orderId),
    order.municipalityId === null ? Promise.resolve(undefined) : municipalityById(order.municipalityId),
  ])
  const ministryName = municipality ? `${capitalised(municipalAuthority)} (${municipality.name})` : (region?.ministryName ?? '')
  return { order, regionName: region?.name ?? '', ministryName, municipalityName: municipality?.name ?? null, rows }
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
