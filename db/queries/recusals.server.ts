import { db, type Db } from '../client.server'

export type RecusalKind = 'automatic' | 'declared'

export type NewRecusal = { id: number; commissionMemberId: number; applicationId: number; regionId: number; kind: RecusalKind; reason: string }

/**
 * Records an automatic recusal for every active member of the commission who
 * works in the candidate's organisation (PRODUCT §2), for the given
 * applications of that commission; returns only the rows it added.
 */
export async function insertAutomaticRecusals(commissionId: number, applicationIds: number[], tx: Db = db()): Promise<NewRecusal[]> {
  if (applicationIds.length === 0) return []
  return tx<NewRecusal[]>`
    insert into recusals (commission_member_id, application_id, kind, reason)
    select cm.id, a.id, 'automatic', 'Член комиссии работает в той же организации, что и кандидат (' || o.name || ')'
    from applications a
    join campaigns c on c.id = a.campaign_id
    join people p on p.id = a.person_id
    join commission_members cm on cm.commission_id = c.commission_id and cm.organisation_id = p.organisation_id
    join organisations o on o.id = p.organisation_id
    where c.commission_id = ${commissionId} and a.id = any(${applicationIds})
    on conflict (commission_member_id, application_id) do nothing
    returning id::int, commission_member_id::int as "commissionMemberId", application_id::int as "applicationId",
              (select region_id::int from applications where id = application_id) as "regionId", kind, reason`
}

export async function insertDeclaredRecusal(
  r: { commissionMemberId: number; applicationId: number; reason: string; createdBy: number },
  tx: Db = db(),
): Promise<boolean> {
  const rows = await tx`
    insert into recusals (commission_member_id, application_id, kind, reason, created_by)
    values (${r.commissionMemberId}, ${r.applicationId}, 'declared', ${r.reason}, ${r.createdBy})
    on conflict (commission_member_id, application_id) do nothing
    returning id`
  return rows.length === 1
}

export type Recusal = {
  commissionMemberId: number
  applicationId: number
  memberName: string
  kind: RecusalKind
  reason: string
  createdAt: Date
}

/**
 * Recusals of these candidates: the recorded ones, plus same-organisation
 * conflicts not yet recorded (they are recorded at assignment time at the
 * latest), so every screen bars the same members.
 */
export async function recusalsOfApplications(applicationIds: number[], tx: Db = db()): Promise<Recusal[]> {
  if (applicationIds.length === 0) return []
  return tx<Recusal[]>`
    select r.commission_member_id::int as "commissionMemberId", r.application_id::int as "applicationId",
           u.display_name as "memberName", r.kind, r.reason, r.created_at as "createdAt"
    from recusals r join commission_members cm on cm.id = r.commission_member_id join users u on u.id = cm.user_id
    where r.application_id = any(${applicationIds})
    union all
    select cm.id::int, a.id::int, u.display_name, 'automatic',
           'Член комиссии работает в той же организации, что и кандидат (' || o.name || ')', now()
    from applications a join campaigns c on c.id = a.campaign_id join people p on p.id = a.person_id
    join commission_members cm on cm.commission_id = c.commission_id and cm.organisation_id = p.organisation_id
    join organisations o on o.id = p.organisation_id join users u on u.id = cm.user_id
    where a.id = any(${applicationIds})
      and not exists (select 1 from recusals x where x.commission_member_id = cm.id and x.application_id = a.id)
    order by 2, 3`
}

export async function recusalsOfMember(commissionMemberId: number, tx: Db = db()): Promise<(Recusal & { fullName: string; personId: number })[]> {
  return tx<(Recusal & { fullName: string; personId: number })[]>`
    select r.commission_member_id::int as "commissionMemberId", r.application_id::int as "applicationId",
           u.display_name as "memberName", r.kind, r.reason, r.created_at as "createdAt",
           trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName", a.person_id::int as "personId"
    from recusals r join commission_members cm on cm.id = r.commission_member_id join users u on u.id = cm.user_id
    join applications a on a.id = r.application_id join people p on p.id = a.person_id
    where r.commission_member_id = ${commissionMemberId}
    order by r.id desc`
}

/**
 * Is the member barred from this candidate: a recorded recusal, or the same
 * organisation (so a conflict counts even before its recusal row is written).
 */
export async function isRecused(commissionMemberId: number, applicationId: number, tx: Db = db()): Promise<boolean> {
  const [row] = await tx<{ recused: boolean }[]>`
    select exists (select 1 from recusals where commission_member_id = ${commissionMemberId} and application_id = ${applicationId})
        or exists (select 1 from commission_members cm, applications a join people p on p.id = a.person_id
                   where cm.id = ${commissionMemberId} and a.id = ${applicationId}
                     and cm.organisation_id is not null and cm.organisation_id = p.organisation_id) as recused`
  return row.recused
}
