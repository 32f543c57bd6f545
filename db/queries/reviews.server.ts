import { db, type Db } from '../client.server'

export type PendingReview = { applicationId: number; fullName: string; state: string; assignedAt: Date }

export async function pendingReviewsOf(userId: number, commissionId: number, tx: Db = db()): Promise<PendingReview[]> {
  return tx<PendingReview[]>`
    select a.id::int as "applicationId", trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName",
           a.state, r.assigned_at as "assignedAt"
    from reviews r join commission_members cm on cm.id = r.commission_member_id
    join applications a on a.id = r.application_id join people p on p.id = a.person_id
    where cm.user_id = ${userId} and cm.commission_id = ${commissionId} and r.submitted_at is null and a.state = 'inReview'
    order by r.assigned_at`
}
