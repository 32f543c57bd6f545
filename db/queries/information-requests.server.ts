import { db, type Db } from '../client.server'

// Requests for information and their replies (migration 0012): one row per
// request, the reply written into it.

export type InformationRequestRow = {
  id: number
  applicationId: number
  message: string
  /** 'YYYY-MM-DD', a calendar day of the region, or null. */
  replyBy: string | null
  requestedBy: number | null
  requestedByName: string | null
  requestedAt: Date
  reply: string | null
  repliedBy: number | null
  repliedByName: string | null
  repliedAt: Date | null
}

export type InformationRequestInput = {
  applicationId: number
  regionId: number
  message: string
  replyBy: string | null
  requestedBy: number | null
  /** Defaults to now. */
  requestedAt?: Date
}

export async function insertInformationRequest(r: InformationRequestInput, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into information_requests (application_id, region_id, message, reply_by, requested_by, requested_at)
    values (${r.applicationId}, ${r.regionId}, ${r.message}, ${r.replyBy}, ${r.requestedBy}, ${r.requestedAt ?? new Date()})
    returning id::int`
  return row.id
}

const cols = (tx: Db) => tx`
  r.id::int, r.application_id::int as "applicationId", r.message, to_char(r.reply_by, 'YYYY-MM-DD') as "replyBy",
  r.requested_by::int as "requestedBy", rq.display_name as "requestedByName", r.requested_at as "requestedAt",
  r.reply, r.replied_by::int as "repliedBy", rp.display_name as "repliedByName", r.replied_at as "repliedAt"`

const from = (tx: Db) => tx`
  information_requests r left join users rq on rq.id = r.requested_by left join users rp on rp.id = r.replied_by`

/** The thread of one application, oldest first. */
export async function informationRequestsOf(applicationId: number, tx: Db = db()): Promise<InformationRequestRow[]> {
  return tx<InformationRequestRow[]>`select ${cols(tx)} from ${from(tx)} where r.application_id = ${applicationId} order by r.id`
}

/** The request still waiting for a reply, locked for the reply's transaction. */
export async function lockOpenInformationRequest(applicationId: number, tx: Db = db()): Promise<{ id: number } | undefined> {
  const [row] = await tx<{ id: number }[]>`
    select id::int from information_requests where application_id = ${applicationId} and replied_at is null for update`
  return row
}

export async function recordReply(id: number, reply: string, repliedBy: number, tx: Db = db()): Promise<void> {
  await tx`update information_requests set reply = ${reply}, replied_by = ${repliedBy}, replied_at = now() where id = ${id} and replied_at is null`
}
