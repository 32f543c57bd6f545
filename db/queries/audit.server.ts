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

/** An audit row's columns with the actor's name, for `where` on `a` to follow. */
const trailSelect = (tx: Db) => tx`
  select a.id::int, a.at, a.actor_user_id::int as "actorUserId", u.display_name as "actorName", a.action,
         a.from_state as "fromState", a.to_state as "toState", a.reason
  from audit_events a left join users u on u.id = a.actor_user_id`

export async function auditTrail(entity: string, entityId: number, tx: Db = db()): Promise<AuditRow[]> {
  return tx<AuditRow[]>`${trailSelect(tx)} where a.entity = ${entity} and a.entity_id = ${entityId} order by a.id`
}

/**
 * One keyset page of an entity's trail in order, without the actions in
 * `except` (left out in the query: an application's READ_PRIVATE rows grow
 * with every reading of it), `limit + 1` rows after the event `afterId`.
 */
export async function auditTrailPage(
  entity: string,
  entityId: number,
  f: { except: string[]; afterId: number; limit: number },
  tx: Db = db(),
): Promise<AuditRow[]> {
  return tx<AuditRow[]>`
    ${trailSelect(tx)}
    where a.entity = ${entity} and a.entity_id = ${entityId} and a.id > ${f.afterId} and a.action <> all(${f.except})
    order by a.id
    limit ${f.limit + 1}`
}

export async function auditTrailCount(entity: string, entityId: number, except: string[], tx: Db = db()): Promise<number> {
  const [{ n }] = await tx<{ n: number }[]>`
    select count(*)::int as n from audit_events where entity = ${entity} and entity_id = ${entityId} and action <> all(${except})`
  return n
}

/** The entity's latest event of this action, if any. */
export async function lastAuditEvent(entity: string, entityId: number, action: string, tx: Db = db()): Promise<AuditRow | undefined> {
  const [row] = await tx<AuditRow[]>`
    ${trailSelect(tx)}
    where a.entity = ${entity} and a.entity_id = ${entityId} and a.action = ${action}
    order by a.id desc limit 1`
  return row
}

export type AccountEvent = {
  id: number
  at: Date
  actorName: string | null
  entity: 'user' | 'commission'
  action: string
  data: Record<string, unknown>
  commissionName: string | null
}

// why: these concern signing in, not the account's roles or state; they stay on the owner's own pages
const notAccountChanges = ['SESSION_ENDED', 'SIGNED_OUT_EVERYWHERE', 'PASSWORD_RESET_REQUESTED']

/**
 * What happened to an account's roles and state, newest first: its own
 * events and the commission changes that name it, those of `regionId` or of
 * no region (a change in another region is that region's business).
 */
export async function accountHistory(userId: number, regionId: number, limit: number, tx: Db = db()): Promise<AccountEvent[]> {
  return tx<AccountEvent[]>`
    select a.id::int, a.at, u.display_name as "actorName", a.entity, a.action, a.data, c.name as "commissionName"
    from audit_events a left join users u on u.id = a.actor_user_id
      left join commissions c on a.entity = 'commission' and c.id = a.entity_id
    where (a.region_id is null or a.region_id = ${regionId})
      and ((a.entity = 'user' and a.entity_id = ${userId} and a.action <> all(${notAccountChanges}))
        or (a.entity = 'commission' and a.data->>'userId' = ${String(userId)}))
    order by a.id desc
    limit ${limit}`
}
