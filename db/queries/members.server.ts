import { db, readDb, type Db } from '../client.server'
import { afterCursor } from './keyset'
import type { Cursor } from '~/model/paging'

/** `estimated`: the teacher count is an estimate (the page says «оценка»); `year`: the year it is for. */
/** `members` counts both levels together; `regional` and `municipal` each roster level (issue 10 §6). */
export type CoverageRow = {
  municipalityId: number
  name: string
  teachers: number
  members: number
  regional: number
  municipal: number
  estimated: boolean
  year: number | null
}

/** Active members per municipality against its number of teachers (PRODUCT §1.6). */
export async function coverage(regionId: number, municipalityId: number | null = null, tx: Db = readDb()): Promise<CoverageRow[]> {
  return tx<CoverageRow[]>`
    select mu.id::int as "municipalityId", mu.name, mu.teachers_count as teachers,
           count(m.id)::int as members, count(m.id) filter (where ro.level = 'regional')::int as regional,
           count(m.id) filter (where ro.level = 'municipal')::int as municipal,
           mu.teachers_estimated as estimated, mu.teachers_year as year
    from municipalities mu
    left join people p on p.municipality_id = mu.id
    left join members m on m.person_id = p.id and m.state = 'active'
    left join rosters ro on ro.id = m.roster_id
    where mu.region_id = ${regionId} and (${municipalityId}::bigint is null or mu.id = ${municipalityId})
    group by mu.id order by mu.name`
}

export type MemberInput = {
  regionId: number
  rosterId: number
  personId: number
  applicationId: number | null
  directionId: number | null
  groupId: number | null
  subjects: string[]
  admittedOrderId: number | null
  termEndsOn: string | null
  public: boolean
  snapshot: unknown
  state: string
  machineVersion: string
}

export async function insertMember(m: MemberInput, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into members (region_id, roster_id, person_id, application_id, direction_id, group_id, subjects, admitted_order_id,
                         term_ends_on, public, snapshot, state, machine_version)
    values (${m.regionId}, ${m.rosterId}, ${m.personId}, ${m.applicationId}, ${m.directionId}, ${m.groupId}, ${m.subjects},
            ${m.admittedOrderId}, ${m.termEndsOn}, ${m.public}, ${tx.json(m.snapshot as never)}, ${m.state}, ${m.machineVersion})
    returning id::int`
  return row.id
}

// Staff lists show public fields of people only (PRODUCT §6: no private data here).
export type MemberRow = {
  id: number
  regionId: number
  personId: number
  fullName: string
  organisationName: string | null
  position: string
  subjects: string[]
  municipalityId: number | null
  municipalityName: string | null
  state: string
  public: boolean
  rowVersion: number
  termEndsOn: string | null
  admittedOrder: { id: number; number: string; date: string } | null
  changedOrder: { id: number; number: string; date: string } | null
  changeReason: string | null
  /** The ground's code of the latest change (app/model/leaving-grounds.ts). */
  changeGround: string | null
}

const memberCols = (tx: Db) => tx`
  m.id::int, m.region_id::int as "regionId", m.person_id::int as "personId",
  trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName", o.name as "organisationName",
  p.position, m.subjects, p.municipality_id::int as "municipalityId", mu.name as "municipalityName", m.state, m.public,
  m.row_version as "rowVersion", to_char(m.term_ends_on, 'YYYY-MM-DD') as "termEndsOn",
  case when ao.id is null then null else json_build_object('id', ao.id, 'number', ao.number, 'date', to_char(ao.date, 'YYYY-MM-DD')) end as "admittedOrder",
  case when co.id is null then null else json_build_object('id', co.id, 'number', co.number, 'date', to_char(co.date, 'YYYY-MM-DD')) end as "changedOrder",
  m.change_reason as "changeReason", m.change_ground as "changeGround"`

const memberFrom = (tx: Db) => tx`
  members m join people p on p.id = m.person_id
  left join organisations o on o.id = p.organisation_id
  left join municipalities mu on mu.id = p.municipality_id
  left join orders ao on ao.id = m.admitted_order_id
  left join orders co on co.id = m.changed_order_id`

export async function memberById(id: number, tx: Db = db()): Promise<MemberRow | undefined> {
  const [row] = await tx<MemberRow[]>`select ${memberCols(tx)} from ${memberFrom(tx)} where m.id = ${id}`
  return row
}

export type MemberFilter = { state?: string | null; q?: string | null }

const memberWhere = (tx: Db, regionId: number, f: MemberFilter) => {
  const like = f.q ? `%${f.q.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
  return tx`m.region_id = ${regionId}
      and (${f.state ?? null}::text is null or m.state = ${f.state ?? null})
      and (${like}::text is null or m.sort_key like ${like})`
}

/**
 * One page of a region's members in Russian name order (keyset on
 * members.sort_key, the copy of people.sort_key that the index
 * members_region_sort holds, then the id): `limit + 1` rows, so the caller
 * knows whether a next page exists without counting.
 */
export async function memberPageOfRegion(
  regionId: number,
  f: MemberFilter & { after: Cursor | null; limit: number },
  tx: Db = db(),
): Promise<(MemberRow & { sortKey: string })[]> {
  return tx<(MemberRow & { sortKey: string })[]>`
    select ${memberCols(tx)}, m.sort_key as "sortKey"
    from ${memberFrom(tx)}
    where ${memberWhere(tx, regionId, f)}
      and ${afterCursor(tx, tx`m.sort_key collate "C"`, tx`m.id`, f.after, 'asc')}
    order by m.sort_key collate "C", m.id
    limit ${f.limit + 1}`
}

/** How many members match: members alone (the name is members.sort_key), none of the joins. */
export async function countMembersOfRegion(regionId: number, f: MemberFilter, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from members m where ${memberWhere(tx, regionId, f)}`
  return row.n
}

/** The order and reason of the latest change of the composition (SUSPEND, RESUME, EXCLUDE, EXPIRE). */
export async function recordMemberChange(id: number, orderId: number, reason: string | null, tx: Db = db()): Promise<void> {
  await tx`update members set changed_order_id = ${orderId}, change_reason = ${reason}, updated_at = now() where id = ${id}`
}

export type MemberHistoryRow = {
  id: number
  at: Date
  actorName: string | null
  action: string
  fromState: string | null
  toState: string | null
  reason: string | null
  /** The ground's code the event carried (SUSPEND, EXCLUDE, EXPIRE). */
  ground: string | null
  order: { number: string; date: string; title: string } | null
}

/** The member's audit trail with the order each change was made by. */
/** How many events the member's history has (the audit index on entity and id counts them). */
export async function memberHistoryCount(memberId: number, tx: Db = db()): Promise<number> {
  const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from audit_events where entity = 'member' and entity_id = ${memberId}`
  return n
}

/** One keyset page of the member's history in order: `limit + 1` events after the event `after` (null: from the first). */
export async function memberHistory(memberId: number, after: Cursor | null, limit: number, tx: Db = db()): Promise<MemberHistoryRow[]> {
  return tx<MemberHistoryRow[]>`
    select a.id::int, a.at, u.display_name as "actorName", a.action, a.from_state as "fromState", a.to_state as "toState",
           a.reason, a.data->>'ground' as ground,
           case when o.id is null then null
                else json_build_object('number', o.number, 'date', to_char(o.date, 'YYYY-MM-DD'), 'title', o.title) end as "order"
    from audit_events a
    left join users u on u.id = a.actor_user_id
    left join orders o on o.id = case when jsonb_typeof(a.data->'orderId') = 'number' then (a.data->>'orderId')::bigint end
    where a.entity = 'member' and a.entity_id = ${memberId} and a.id > ${after?.id ?? 0}
    order by a.id
    limit ${limit + 1}`
}

export type CertificateRow = MemberRow & {
  direction: string | null
  group: string | null
  admittedOrderTitle: string | null
  /** the municipality of a municipal roster's member; null in the regional roster */
  rosterMunicipality: string | null
  /** Users who are this member: the account of the person, the applicant of the application that made them a member. */
  ownerUserIds: number[]
}

/** What a member's certificate of membership says, and whose it is. */
export async function memberCertificateRow(id: number, tx: Db = db()): Promise<CertificateRow | undefined> {
  const [row] = await tx<CertificateRow[]>`
    select ${memberCols(tx)}, d.name as direction, g.name as "group", ao.title as "admittedOrderTitle",
           (select rm.name from rosters ro join municipalities rm on rm.id = ro.municipality_id where ro.id = m.roster_id) as "rosterMunicipality",
           array(
             select u.id::int from users u where u.person_id = m.person_id
             union
             select a.applicant_user_id::int from applications a where a.id = m.application_id and a.applicant_user_id is not null
           ) as "ownerUserIds"
    from ${memberFrom(tx)}
    left join directions d on d.id = m.direction_id
    left join roster_groups g on g.id = m.group_id
    where m.id = ${id}`
  return row
}

export type ChangedMember = { fullName: string; position: string; organisationName: string | null; state: string; changeGround: string | null }

/** The members whose last change of the composition was made by this order, by name (the draft of a change order lists them). */
export async function membersChangedByOrder(orderId: number, tx: Db = db()): Promise<ChangedMember[]> {
  return tx<ChangedMember[]>`
    select trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName", p.position, o.name as "organisationName",
           m.state, m.change_ground as "changeGround"
    from members m join people p on p.id = m.person_id left join organisations o on o.id = p.organisation_id
    where m.changed_order_id = ${orderId}
    order by p.last_name, p.first_name, p.middle_name, m.id`
}

/** The member rows of a signed-in user (own account's person or own applications), the current one first. */
export async function memberIdsOfUser(userId: number, tx: Db = db()): Promise<number[]> {
  const rows = await tx<{ id: number }[]>`
    select m.id::int from members m
    where m.person_id in (select person_id from users where id = ${userId} and person_id is not null)
       or m.application_id in (select id from applications where applicant_user_id = ${userId})
    order by (m.state = 'active') desc, m.created_at desc, m.id desc`
  return rows.map((r) => r.id)
}

// Terms (issue 10 §3.2–3.3). "Today" is each member's region's date at `now`
// (PRODUCT §12), computed by the database from regions.time_zone; a term is
// in force through its last day, term_ends_on.

export type TermRow = { id: number; regionId: number; timeZone: string; termEndsOn: string; admittedOrderId: number | null; daysLeft: number }

const regionToday = (tx: Db, now: Date) => tx`(${now}::timestamptz at time zone r.time_zone)::date`

/**
 * Current members (active or suspended) whose term ends within 90 days of
 * their region's today and who have not had the reminder now due (30 days
 * and less: the 30-day one, else the 90-day one; app/model/leaving-grounds.ts
 * termReminderDue). The filter only spares the job a transaction per member
 * on every run; the claim in term_reminders is what prevents a second letter.
 */
export async function termsAwaitingReminder(now: Date, scope: { regionId?: number } = {}, tx: Db = db()): Promise<TermRow[]> {
  return tx<TermRow[]>`
    select m.id::int, m.region_id::int as "regionId", r.time_zone as "timeZone", to_char(m.term_ends_on, 'YYYY-MM-DD') as "termEndsOn",
           m.admitted_order_id::int as "admittedOrderId", (m.term_ends_on - ${regionToday(tx, now)})::int as "daysLeft"
    from members m join regions r on r.id = m.region_id
    where m.state in ('active', 'suspended') and m.term_ends_on is not null
      and m.term_ends_on >= ${regionToday(tx, now)} and m.term_ends_on <= ${regionToday(tx, now)} + 90
      and (${scope.regionId ?? null}::bigint is null or m.region_id = ${scope.regionId ?? null})
      and not exists (
        select 1 from term_reminders t
        where t.member_id = m.id and t.term_ends_on = m.term_ends_on
          and t.days = case when m.term_ends_on - ${regionToday(tx, now)} <= 30 then 30 else 90 end)
    order by m.term_ends_on, m.id`
}

/** Current members whose term's last day has passed in their region, with the order that set the term. */
export async function termsEnded(now: Date, scope: { regionId?: number } = {}, tx: Db = db()): Promise<TermRow[]> {
  return tx<TermRow[]>`
    select m.id::int, m.region_id::int as "regionId", r.time_zone as "timeZone", to_char(m.term_ends_on, 'YYYY-MM-DD') as "termEndsOn",
           m.admitted_order_id::int as "admittedOrderId", (m.term_ends_on - ${regionToday(tx, now)})::int as "daysLeft"
    from members m join regions r on r.id = m.region_id
    where m.state in ('active', 'suspended') and m.term_ends_on < ${regionToday(tx, now)}
      and (${scope.regionId ?? null}::bigint is null or m.region_id = ${scope.regionId ?? null})
    order by m.term_ends_on, m.id`
}

/** The order a member's term was set by (number and date), for the reason of its end. */
export async function admittingOrder(memberId: number, tx: Db = db()): Promise<{ id: number; number: string; date: string } | undefined> {
  const [row] = await tx<{ id: number; number: string; date: string }[]>`
    select o.id::int, o.number, to_char(o.date, 'YYYY-MM-DD') as date
    from members m join orders o on o.id = m.admitted_order_id where m.id = ${memberId}`
  return row
}

/** The ground of the latest change of the composition, beside its order and reason. */
export async function recordMemberGround(id: number, ground: string | null, tx: Db = db()): Promise<void> {
  await tx`update members set change_ground = ${ground} where id = ${id}`
}

export type EndingTerm = { id: number; fullName: string; termEndsOn: string; state: string }

/** The first `limit` of a region's current members whose term ends within `days` days, soonest first, and how many there are. */
export async function endingTermsOfRegion(regionId: number, now: Date, days: number, limit: number, tx: Db = db()): Promise<{ rows: EndingTerm[]; total: number }> {
  const where = tx`m.region_id = ${regionId} and m.state in ('active', 'suspended')
    and m.term_ends_on between ${regionToday(tx, now)} and ${regionToday(tx, now)} + ${days}::int`
  const [rows, [{ total }]] = await Promise.all([
    tx<EndingTerm[]>`
      select m.id::int, trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName",
             to_char(m.term_ends_on, 'YYYY-MM-DD') as "termEndsOn", m.state
      from members m join regions r on r.id = m.region_id join people p on p.id = m.person_id
      where ${where} order by m.term_ends_on, m.sort_key collate "C", m.id limit ${limit}`,
    tx<{ total: number }[]>`select count(*)::int as total from members m join regions r on r.id = m.region_id where ${where}`,
  ])
  return { rows, total }
}
