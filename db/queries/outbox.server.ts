import { db, type Db } from '../client.server'
import type { Recipient } from '../../workflows/notify'

export type Addressee = { userId: number | null; email: string | null; role: Recipient }

export type OutboxInput = {
  regionId: number | null
  template: string
  to: Addressee
  entity: string
  entityId: number
  payload: Record<string, unknown>
}

export async function enqueue(rows: OutboxInput[], tx: Db = db()): Promise<void> {
  if (rows.length === 0) return
  const values = rows.map((r) => ({
    region_id: r.regionId,
    template: r.template,
    recipient_user_id: r.to.userId,
    recipient_email: r.to.email,
    recipient_role: r.to.role,
    entity: r.entity,
    entity_id: r.entityId,
    payload: r.payload,
  }))
  await tx`insert into outbox ${tx(values as never)}`
}

/**
 * Who a machine's `notify` means, resolved inside the transaction so the
 * outbox row names a person, not a role that may change later.
 */
export async function resolveRecipients(
  to: Recipient,
  scope: { regionId: number; municipalityId: number | null; commissionId: number | null; applicationId?: number; memberId?: number },
  tx: Db = db(),
): Promise<Addressee[]> {
  switch (to) {
    case 'applicant': {
      if (!scope.applicationId) return []
      return tx<Addressee[]>`
        select u.id::int as "userId", coalesce(u.login, p.work_email) as email, 'applicant' as role
        from applications a join people p on p.id = a.person_id
        left join users u on u.id = coalesce(a.applicant_user_id, (select id from users where person_id = p.id limit 1))
        where a.id = ${scope.applicationId}`
    }
    case 'member': {
      if (!scope.memberId) return []
      return tx<Addressee[]>`
        select u.id::int as "userId", coalesce(u.login, p.work_email) as email, 'member' as role
        from members m join people p on p.id = m.person_id
        left join users u on u.person_id = p.id
        where m.id = ${scope.memberId}`
    }
    case 'secretary':
    case 'commission': {
      if (!scope.commissionId) return []
      const roles = to === 'secretary' ? ['secretary'] : ['member', 'chair']
      return tx<Addressee[]>`
        select u.id::int as "userId", u.login as email, ${to} as role
        from commission_members cm join users u on u.id = cm.user_id
        where cm.commission_id = ${scope.commissionId} and cm.active and u.active and cm.role = any(${roles})`
    }
    case 'ministry':
    case 'coordinator':
    case 'municipality': {
      const role = to === 'ministry' ? 'ministryOfficer' : to === 'coordinator' ? 'regionalCoordinator' : 'municipalCoordinator'
      return tx<Addressee[]>`
        select distinct u.id::int as "userId", u.login as email, ${to} as role
        from role_grants g join users u on u.id = g.user_id
        where g.role = ${role} and g.region_id = ${scope.regionId} and u.active
          and (${to !== 'municipality'} or g.municipality_id = ${scope.municipalityId})`
    }
  }
}

export type Notification = { id: number; createdAt: Date; template: string; entity: string | null; entityId: number | null; readAt: Date | null }

export async function notificationsFor(userId: number, limit = 20, tx: Db = db()): Promise<Notification[]> {
  return tx<Notification[]>`
    select id::int, created_at as "createdAt", template, entity, entity_id::int as "entityId", read_at as "readAt"
    from outbox where recipient_user_id = ${userId}
    order by id desc limit ${limit}`
}
