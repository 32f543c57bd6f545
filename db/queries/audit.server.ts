import { db, type Db } from '../client.server'

export type AuditInput = {
  actorUserId: number | null
  regionId: number | null
  entity: string
  entityId: number
  action: string
  fromState?: string | null
  toState?: string | null
  reason?: string | null
  data?: Record<string, unknown>
}

export async function appendAudit(e: AuditInput, tx: Db = db()): Promise<void> {
  await tx`
    insert into audit_events (actor_user_id, region_id, entity, entity_id, action, from_state, to_state, reason, data)
    values (${e.actorUserId}, ${e.regionId}, ${e.entity}, ${e.entityId}, ${e.action}, ${e.fromState ?? null},
            ${e.toState ?? null}, ${e.reason ?? null}, ${tx.json((e.data ?? {}) as never)})`
}

export type AuditRow = {
  id: number
  at: Date
  actorUserId: number | null
  actorName: string | null
  action: string
  fromState: string | null
  toState: string | null
  reason: string | null
}

export async function auditTrail(entity: string, entityId: number, tx: Db = db()): Promise<AuditRow[]> {
  return tx<AuditRow[]>`
    select a.id::int, a.at, a.actor_user_id::int as "actorUserId", u.display_name as "actorName", a.action,
           a.from_state as "fromState", a.to_state as "toState", a.reason
    from audit_events a left join users u on u.id = a.actor_user_id
    where a.entity = ${entity} and a.entity_id = ${entityId}
    order by a.id`
}
