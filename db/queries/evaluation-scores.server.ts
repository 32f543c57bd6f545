import type { Cursor } from '~/model/paging'
import type { CatalogueDocument } from '~/model/evaluation'
import type { Day } from '~/utils/dates'
import { db, type Db } from '../client.server'
import { afterCursor } from './keyset'

// Members' scores (issue 10 §2.3), set-based: every member of the selection
// with the count and the points of their CONFIRMED records whose day falls in
// [from, until), the points taken from the catalogue's document (kind × level).

export type ScoreFilter = {
  regionId: number
  period: { from: Day; until: Day }
  catalogue: CatalogueDocument
  /** The municipal coordinator's municipalities; null: the whole region. */
  municipalityIds: number[] | null
  municipalityId?: number | null
  groupId?: number | null
  subject?: string | null
  /** Particular members, whatever their state (a member's own page); otherwise the region's active members. */
  memberIds?: number[]
}

export type ScoreRow = {
  id: number
  name: string
  municipalityName: string | null
  groupName: string | null
  userId: number | null
  confirmed: number
  points: number
}

const memberWhere = (tx: Db, f: ScoreFilter) => tx`
  m.region_id = ${f.regionId}
  and ${f.memberIds ? tx`m.id = any(${f.memberIds})` : tx`m.state = 'active'`}
  and ${f.municipalityIds ? tx`p.municipality_id = any(${f.municipalityIds})` : tx`true`}
  and ${f.municipalityId ? tx`p.municipality_id = ${f.municipalityId}` : tx`true`}
  and ${f.groupId ? tx`m.group_id = ${f.groupId}` : tx`true`}
  and ${f.subject ? tx`${f.subject} = any(m.subjects)` : tx`true`}`

const scored = (tx: Db, f: ScoreFilter) => {
  const kinds = f.catalogue.kinds.map((k) => ({ code: k.code, points: k.points }))
  return tx`
    pts as (
      select k->>'code' as code, l.key as level, l.value::int as points
      from jsonb_array_elements(${tx.json(kinds as never)}::jsonb) k, jsonb_each_text(k->'points') l
    ),
    scored as (
      select m.id::int as id, count(r.id)::int as confirmed, coalesce(sum(pts.points), 0)::int as points
      from members m join people p on p.id = m.person_id
      left join activity_records r on r.member_id = m.id and r.state = 'confirmed' and r.held_on >= ${f.period.from}::date and r.held_on < ${f.period.until}::date
      left join pts on pts.code = r.kind and pts.level = r.level
      where ${memberWhere(tx, f)}
      group by m.id
    )`
}

/** One page of the ranking, the highest score first (keyset on the points and the member's id). */
export async function scorePage(f: ScoreFilter, after: Cursor | null, limit: number, tx: Db = db()): Promise<ScoreRow[]> {
  return tx<ScoreRow[]>`
    with ${scored(tx, f)}
    select s.id, s.confirmed, s.points, concat_ws(' ', p.last_name, p.first_name, nullif(p.middle_name, '')) as name,
      mu.name as "municipalityName", g.name as "groupName",
      (select u.id::int from users u where u.person_id = m.person_id limit 1) as "userId"
    from scored s join members m on m.id = s.id join people p on p.id = m.person_id
    left join municipalities mu on mu.id = p.municipality_id left join roster_groups g on g.id = m.group_id
    where ${afterCursor(tx, tx`s.points`, tx`s.id`, after, 'desc')}
    order by s.points desc, s.id desc
    limit ${limit}`
}

/** How many members the ranking has with these filters (no scoring needed). */
export async function countScored(f: ScoreFilter, tx: Db = db()): Promise<number> {
  const [{ n }] = await tx<{ n: number }[]>`
    select count(*)::int as n from members m join people p on p.id = m.person_id where ${memberWhere(tx, f)}`
  return n
}

/** The scores of particular members (their own page, the renewal fact). */
export async function scoresOf(f: ScoreFilter & { memberIds: number[] }, tx: Db = db()): Promise<ScoreRow[]> {
  if (f.memberIds.length === 0) return []
  return scorePage(f, null, f.memberIds.length, tx)
}

/** The groups and subjects of a region's members, for the ranking's filters. */
export async function scoreFilterChoices(regionId: number, tx: Db = db()): Promise<{ groups: { id: number; name: string }[]; subjects: string[] }> {
  const [groups, subjects] = await Promise.all([
    tx<{ id: number; name: string }[]>`
      select g.id::int, g.name from roster_groups g join directions d on d.id = g.direction_id
      where d.region_id = ${regionId} order by d.position, g.position, g.name`,
    tx<{ subject: string }[]>`
      select distinct s as subject from members m, unnest(m.subjects) s where m.region_id = ${regionId} and m.state = 'active' order by s`,
  ])
  return { groups, subjects: subjects.map((s) => s.subject) }
}

/** The active member a person (or a user's person) is in a region, if any. */
export async function activeMemberOf(regionId: number, who: { personId: number | null; userId: number | null }, tx: Db = db()): Promise<number | undefined> {
  const [row] = await tx<{ id: number }[]>`
    select m.id::int from members m
    where m.region_id = ${regionId} and m.state = 'active'
      and (m.person_id = ${who.personId} or m.person_id = (select u.person_id from users u where u.id = ${who.userId}))
    order by m.id desc limit 1`
  return row?.id
}
