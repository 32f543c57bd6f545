import { db, type Db } from '../client.server'

// Orders (приказы) of a region: 'composition' fixes the approved composition
// (the ministry), 'change' changes the roster later (the coordinator). A
// region cannot register the same number on the same date twice.

export type OrderKind = 'composition' | 'change'
/** `municipalityId`: an order of a municipal education authority (issue 10 §6); null for the region's. */
export type Order = { id: number; regionId: number; municipalityId: number | null; number: string; date: string; title: string; kind: OrderKind }

const cols = (tx: Db) =>
  tx`id::int, region_id::int as "regionId", municipality_id::int as "municipalityId", number, to_char(date, 'YYYY-MM-DD') as date, title, kind`

export async function orderByNumberDate(regionId: number, number: string, date: string, tx: Db = db()): Promise<Order | undefined> {
  const [row] = await tx<Order[]>`select ${cols(tx)} from orders where region_id = ${regionId} and number = ${number} and date = ${date}`
  return row
}

/** Inserts an order; undefined when the region already has one with this number and date. */
export async function insertOrder(
  o: { regionId: number; municipalityId?: number | null; number: string; date: string; title: string; kind: OrderKind; createdBy: number | null },
  tx: Db = db(),
): Promise<number | undefined> {
  const [row] = await tx<{ id: number }[]>`
    insert into orders (region_id, municipality_id, number, date, title, kind, created_by)
    values (${o.regionId}, ${o.municipalityId ?? null}, ${o.number}, ${o.date}, ${o.title}, ${o.kind}, ${o.createdBy})
    on conflict (region_id, number, date) do nothing
    returning id::int`
  return row?.id
}

export async function orderById(id: number, tx: Db = db()): Promise<Order | undefined> {
  const [row] = await tx<Order[]>`select ${cols(tx)} from orders where id = ${id}`
  return row
}

/** `municipalityId`: undefined — every order of the region; null — the region's own; an id — that municipal authority's. */
export async function ordersOfRegion(
  regionId: number,
  kind: OrderKind | null = null,
  limit = 100,
  tx: Db = db(),
  municipalityId?: number | null,
): Promise<Order[]> {
  const whose = municipalityId === undefined ? tx`true` : tx`municipality_id is not distinct from ${municipalityId}::bigint`
  return tx<Order[]>`
    select ${cols(tx)} from orders
    where region_id = ${regionId} and (${kind}::text is null or kind = ${kind}) and ${whose}
    order by date desc, id desc limit ${limit}`
}

export type AppendixRow = {
  personId: number
  fullName: string
  workplace: string | null
  position: string
  subjects: string[]
  municipality: string | null
}

/**
 * The composition an order approved: everyone approved by it (approvals)
 * and everyone admitted to the roster by it (members, e.g. rosters imported
 * with their order), once each, in alphabetical order. Staff only: it names
 * people regardless of their dissemination consent.
 */
export async function appendixRows(orderId: number, tx: Db = db()): Promise<AppendixRow[]> {
  return tx<AppendixRow[]>`
    with people_of_order as (
      select a.person_id from approvals ap join applications a on a.id = ap.application_id
      where ap.order_id = ${orderId} and ap.decision = 'approved'
      union
      select m.person_id from members m where m.admitted_order_id = ${orderId}
    )
    select p.id::int as "personId",
           trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName",
           o.name as workplace, p.position, p.subjects, mu.name as municipality
    from people_of_order x
    join people p on p.id = x.person_id
    left join organisations o on o.id = p.organisation_id
    left join municipalities mu on mu.id = p.municipality_id
    order by p.sort_key collate "C", p.id`
}

export type AppendixPlacement = { personId: number; direction: string | null; group: string | null }

/**
 * The direction and group (where the region has them) of each person of an
 * order's composition: from the member row it admitted, else from the
 * approved application.
 */
export async function appendixPlacements(orderId: number, tx: Db = db()): Promise<AppendixPlacement[]> {
  return tx<AppendixPlacement[]>`
    with placed as (
      select m.person_id, m.direction_id, m.group_id, 0 as pref from members m where m.admitted_order_id = ${orderId}
      union all
      select a.person_id, a.direction_id, a.group_id, 1 as pref
      from approvals ap join applications a on a.id = ap.application_id
      where ap.order_id = ${orderId} and ap.decision = 'approved'
    )
    select distinct on (x.person_id) x.person_id::int as "personId", d.name as direction, g.name as "group"
    from placed x
    left join directions d on d.id = x.direction_id
    left join roster_groups g on g.id = x.group_id
    order by x.person_id, x.pref`
}
