import { db, type Db } from '../client.server'

// One row per ministry decision on an application (PRODUCT §1.4): approved
// with the order that fixed it, or returned with a reason.

export type ApprovalInput = {
  campaignId: number
  applicationId: number
  decision: 'approved' | 'returned'
  reason: string | null
  orderId: number | null
  decidedBy: number | null
}

export async function insertApproval(a: ApprovalInput, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into approvals (campaign_id, application_id, decision, reason, order_id, decided_by)
    values (${a.campaignId}, ${a.applicationId}, ${a.decision}, ${a.reason}, ${a.orderId}, ${a.decidedBy})
    returning id::int`
  return row.id
}

export type Approval = ApprovalInput & { id: number; decidedAt: Date }

export async function approvalsOf(applicationId: number, tx: Db = db()): Promise<Approval[]> {
  return tx<Approval[]>`
    select id::int, campaign_id::int as "campaignId", application_id::int as "applicationId", decision, reason,
           order_id::int as "orderId", decided_by::int as "decidedBy", decided_at as "decidedAt"
    from approvals where application_id = ${applicationId} order by id`
}

/** The order of the latest approval of the application, with its number and date (the member's admission). */
export async function approvingOrderOf(applicationId: number, tx: Db = db()): Promise<{ orderId: number; number: string; date: string } | undefined> {
  const [row] = await tx<{ orderId: number; number: string; date: string }[]>`
    select o.id::int as "orderId", o.number, to_char(o.date, 'YYYY-MM-DD') as date
    from approvals ap join orders o on o.id = ap.order_id
    where ap.application_id = ${applicationId} and ap.decision = 'approved'
    order by ap.id desc limit 1`
  return row
}
