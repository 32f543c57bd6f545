import { db, type Db } from '../../db/client.server'

// The staff exports' reads. A scope is always given (never "everything"):
// the ids of the regions, municipalities and commissions the actor's grants
// cover, OR-ed. Private columns (person_private) are selected only when
// asked, and the caller has checked that the grants it passes allow them.

export type ExportScope = { regionIds: number[]; municipalityIds: number[]; commissionIds: number[] }
export type ExportFilter = { campaignId: number | null }

/**
 * Where the previous batch ended: the values of the list's sort key (as
 * text, so a timestamp keeps its microseconds) and the row's id. Each list
 * is read in batches of `limit` rows after it, one statement each.
 */
export type ExportKey = string[]
export type ExportBatch = { after: ExportKey | null; limit: number }
/** The row's place in the order as JSON text: only a batch's last row is parsed (an array column costs each row a parse). */
type Keyed = { key: string }

export type PrivateColumns = { phone: string | null; birthDate: string | null; privateEmail: string | null }

type Base = {
  personId: number
  regionId: number
  lastName: string
  firstName: string
  middleName: string
  municipality: string | null
  organisation: string | null
  position: string
  workEmail: string | null
}

export type ApplicationExportRow = Base &
  Partial<PrivateColumns> & {
    id: number
    campaign: string
    subjects: string[]
    source: string
    state: string
    submittedAt: Date | null
    eligibility: string | null
    direction: string | null
    group: string | null
  }

export type MemberExportRow = Base &
  Partial<PrivateColumns> & {
    id: number
    subjects: string[]
    direction: string | null
    group: string | null
    state: string
    orderNumber: string | null
    orderDate: string | null
    termEndsOn: string | null
    public: boolean
  }

export type DecisionExportRow = Base &
  Partial<PrivateColumns> & {
    applicationId: number
    campaign: string
    heldAt: Date
    protocol: string | null
    decision: string
    votesFor: number
    votesAgainst: number
    votesAbstain: number
  }

const privateCols = (tx: Db, on: boolean) =>
  on
    ? tx`, pp.phone, to_char(pp.birth_date, 'DD.MM.YYYY') as "birthDate", pp.private_email as "privateEmail"`
    : tx``

const privateJoin = (tx: Db, on: boolean, person: string) =>
  on ? tx`left join person_private pp on pp.person_id = ${tx(person)}` : tx``

const personCols = (tx: Db) => tx`
  p.id::int as "personId", p.last_name as "lastName", p.first_name as "firstName", p.middle_name as "middleName",
  o.name as organisation, p.position, p.work_email as "workEmail"`

/** The scope as SQL over the given columns; an empty list matches nothing. */
function inScope(tx: Db, s: ExportScope, cols: { region: string; municipality: string; commission: string | null }) {
  const commission = cols.commission ? tx`or ${tx(cols.commission)} = any(${s.commissionIds}::bigint[])` : tx``
  return tx`(${tx(cols.region)} = any(${s.regionIds}::bigint[])
    or ${tx(cols.municipality)} = any(${s.municipalityIds}::bigint[]) ${commission})`
}

/** `(sql…) > (after…)` over the list's sort columns, cast back from text; `true` on the first batch. */
function afterKey(tx: Db, cols: [sql: ReturnType<Db>, type: string][], after: ExportKey | null) {
  if (!after) return tx`true`
  const left = cols.map(([c]) => c).reduce((acc, c) => tx`${acc}, ${c}`)
  const right = cols.map(([, type], i) => tx`${after[i]}::${tx.unsafe(type)}`).reduce((acc, c) => tx`${acc}, ${c}`)
  return tx`(${left}) > (${right})`
}

const keyOf = (tx: Db, cols: [sql: ReturnType<Db>, type: string][]) =>
  tx`to_json(array[${cols.map(([c]) => tx`(${c})::text`).reduce((acc, c) => tx`${acc}, ${c}`)}])::text as key`

const applicationOrder = (tx: Db): [ReturnType<Db>, string][] => [
  [tx`c.id`, 'bigint'],
  [tx`ru_lower(p.last_name)`, 'text'],
  [tx`ru_lower(p.first_name)`, 'text'],
  [tx`ru_lower(p.middle_name)`, 'text'],
  [tx`a.id`, 'bigint'],
]

export async function applicationsForExport(
  s: ExportScope,
  f: ExportFilter,
  withPrivate: boolean,
  b: ExportBatch,
  tx: Db = db(),
): Promise<(ApplicationExportRow & Keyed)[]> {
  const order = applicationOrder(tx)
  return tx<(ApplicationExportRow & Keyed)[]>`
    select ${keyOf(tx, order)}, a.id::int, a.region_id::int as "regionId", c.title as campaign, ${personCols(tx)}, mu.name as municipality, p.subjects,
           a.source, a.state, a.submitted_at as "submittedAt", a.eligibility ->> 'outcome' as eligibility,
           d.name as direction, g.name as "group" ${privateCols(tx, withPrivate)}
    from applications a join campaigns c on c.id = a.campaign_id join people p on p.id = a.person_id
    left join organisations o on o.id = p.organisation_id left join municipalities mu on mu.id = a.municipality_id
    left join directions d on d.id = a.direction_id left join roster_groups g on g.id = a.group_id
    ${privateJoin(tx, withPrivate, 'a.person_id')}
    where ${inScope(tx, s, { region: 'a.region_id', municipality: 'a.municipality_id', commission: 'c.commission_id' })}
      -- a teacher's own draft is theirs alone until it is submitted (canReadApplication); a nomination's draft is
      -- its municipality's and the region's that imports nominations, not yet the commission's
      and (a.state <> 'draft' or (a.source <> 'self'
        and (a.municipality_id = any(${s.municipalityIds}::bigint[]) or a.region_id = any(${s.regionIds}::bigint[]))))
      and (${f.campaignId}::bigint is null or a.campaign_id = ${f.campaignId})
      and ${afterKey(tx, order, b.after)}
    order by c.id, ru_lower(p.last_name), ru_lower(p.first_name), ru_lower(p.middle_name), a.id
    limit ${b.limit}`
}

// The roster's name order (members.sort_key: case and ё folded), on the index members_sort (migration 0031).
const memberOrder = (tx: Db): [ReturnType<Db>, string][] => [
  [tx`m.sort_key collate "C"`, 'text'],
  [tx`m.id`, 'bigint'],
]

export async function membersForExport(s: ExportScope, withPrivate: boolean, b: ExportBatch, tx: Db = db()): Promise<(MemberExportRow & Keyed)[]> {
  const order = memberOrder(tx)
  return tx<(MemberExportRow & Keyed)[]>`
    select ${keyOf(tx, order)}, m.id::int, m.region_id::int as "regionId", ${personCols(tx)}, mu.name as municipality,
           case when cardinality(m.subjects) > 0 then m.subjects else p.subjects end as subjects,
           d.name as direction, g.name as "group", m.state, ord.number as "orderNumber",
           to_char(ord.date, 'DD.MM.YYYY') as "orderDate", to_char(m.term_ends_on, 'DD.MM.YYYY') as "termEndsOn", m.public
           ${privateCols(tx, withPrivate)}
    from members m join people p on p.id = m.person_id
    left join organisations o on o.id = p.organisation_id left join municipalities mu on mu.id = p.municipality_id
    left join directions d on d.id = m.direction_id left join roster_groups g on g.id = m.group_id
    left join orders ord on ord.id = m.admitted_order_id
    ${privateJoin(tx, withPrivate, 'm.person_id')}
    where ${inScope(tx, s, { region: 'm.region_id', municipality: 'p.municipality_id', commission: null })}
      and ${afterKey(tx, order, b.after)}
    order by m.sort_key collate "C", m.id
    limit ${b.limit}`
}

const decisionOrder = (tx: Db): [ReturnType<Db>, string][] => [
  [tx`mt.held_at`, 'timestamptz'],
  [tx`mt.id`, 'bigint'],
  [tx`mi.position`, 'integer'],
  [tx`a.id`, 'bigint'],
]

/** Each decided item of each meeting with its vote counts and protocol number. */
export async function decisionsForExport(
  s: ExportScope,
  f: ExportFilter,
  withPrivate: boolean,
  b: ExportBatch,
  tx: Db = db(),
): Promise<(DecisionExportRow & Keyed)[]> {
  const order = decisionOrder(tx)
  return tx<(DecisionExportRow & Keyed)[]>`
    select ${keyOf(tx, order)}, a.id::int as "applicationId", a.region_id::int as "regionId", c.title as campaign, mt.held_at as "heldAt",
           case when pr.id is null then null else pr.number || '/' || pr.year end as protocol,
           ${personCols(tx)}, mu.name as municipality, mi.decision,
           (select count(*)::int from votes v where v.meeting_id = mi.meeting_id and v.application_id = mi.application_id and v.choice = 'for') as "votesFor",
           (select count(*)::int from votes v where v.meeting_id = mi.meeting_id and v.application_id = mi.application_id and v.choice = 'against') as "votesAgainst",
           (select count(*)::int from votes v where v.meeting_id = mi.meeting_id and v.application_id = mi.application_id and v.choice = 'abstain') as "votesAbstain"
           ${privateCols(tx, withPrivate)}
    from meeting_items mi join meetings mt on mt.id = mi.meeting_id join applications a on a.id = mi.application_id
    join campaigns c on c.id = a.campaign_id join people p on p.id = a.person_id
    left join organisations o on o.id = p.organisation_id left join municipalities mu on mu.id = a.municipality_id
    left join protocols pr on pr.meeting_id = mt.id
    ${privateJoin(tx, withPrivate, 'a.person_id')}
    where mi.decision is not null
      and ${inScope(tx, s, { region: 'a.region_id', municipality: 'a.municipality_id', commission: 'mt.commission_id' })}
      and (${f.campaignId}::bigint is null or a.campaign_id = ${f.campaignId})
      and ${afterKey(tx, order, b.after)}
    order by mt.held_at, mt.id, mi.position, a.id
    limit ${b.limit}`
}

/** One audit row per person whose private fields an export read (PRODUCT §6). */
export async function auditPrivateReads(
  actorUserId: number,
  people: { personId: number; regionId: number }[],
  data: Record<string, unknown>,
  tx: Db = db(),
): Promise<void> {
  const seen = new Map<number, number>()
  for (const p of people) seen.set(p.personId, p.regionId)
  if (seen.size === 0) return
  await tx`
    insert into audit_events (actor_user_id, region_id, entity, entity_id, action, data)
    select ${actorUserId}, r.region_id, 'person', r.person_id, 'READ_PRIVATE', ${tx.json(data as never)}
    from unnest(${[...seen.keys()]}::bigint[], ${[...seen.values()]}::bigint[]) as r(person_id, region_id)`
}
