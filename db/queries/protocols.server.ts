import type { ProtocolContent } from '~/model/protocol'
import { db, type Db } from '../client.server'

/**
 * Issues the protocol with the next number of its commission and year. The
 * caller holds the commission's row lock (lockCommission), so two meetings
 * closed at once cannot take the same number; the unique constraint
 * (commission_id, year, number) backs that up.
 */
export async function insertProtocol(
  p: { meetingId: number; commissionId: number; year: number; issuedBy: number; content: (n: number) => ProtocolContent },
  tx: Db,
): Promise<{ id: number; number: number }> {
  const [{ next }] = await tx<{ next: number }[]>`
    select coalesce(max(number), 0)::int + 1 as next from protocols where commission_id = ${p.commissionId} and year = ${p.year}`
  const [row] = await tx<{ id: number }[]>`
    insert into protocols (meeting_id, commission_id, year, number, content, issued_by)
    values (${p.meetingId}, ${p.commissionId}, ${p.year}, ${next}, ${tx.json(p.content(next) as never)}, ${p.issuedBy})
    returning id::int`
  return { id: row.id, number: next }
}

export type ProtocolRow = {
  id: number
  meetingId: number
  commissionId: number
  regionId: number
  year: number
  number: number
  content: ProtocolContent
  issuedAt: Date
}

export async function protocolById(id: number, tx: Db = db()): Promise<ProtocolRow | undefined> {
  const [row] = await tx<ProtocolRow[]>`
    select pr.id::int, pr.meeting_id::int as "meetingId", pr.commission_id::int as "commissionId", c.region_id::int as "regionId",
           pr.year, pr.number, pr.content, pr.issued_at as "issuedAt"
    from protocols pr join commissions c on c.id = pr.commission_id where pr.id = ${id}`
  return row
}
