import { db, type Db } from '../client.server'

// What the registry knows for a yearly indicator report (issue 10 §2.5), per
// municipality, in one set-based query: teachers, members of the active on
// the report's cut-off day, and confirmed activity records held in the year
// by level. The cut-off is the year's last day, or today (in the region's
// zone) while the year runs; the caller passes both days. The last row
// (municipalityId 0) holds what belongs to no municipality.

export type MunicipalityCounts = {
  municipalityId: number
  name: string
  teachers: number
  members: number
  activity: { school: number; municipal: number; regional: number; federal: number }
}

export async function registryCounts(regionId: number, from: string, cutoff: string, timeZone: string, tx: Db = db()): Promise<MunicipalityCounts[]> {
  const rows = await tx<(Omit<MunicipalityCounts, 'activity'> & { school: number; municipal: number; regional: number; federal: number })[]>`
    with counted as (
      -- a member counts from the admitting order's day (or the day the row was made) until a change order
      -- after the cut-off; one who left on or before it does not
      select p.municipality_id
      from members m join people p on p.id = m.person_id
      left join orders ao on ao.id = m.admitted_order_id
      left join orders co on co.id = m.changed_order_id
      where m.region_id = ${regionId}
        and coalesce(ao.date, (m.created_at at time zone ${timeZone})::date) <= ${cutoff}::date
        and (m.state = 'active' or co.date > ${cutoff}::date)
    ),
    members_by as (select municipality_id, count(*)::int as n from counted group by municipality_id),
    activity_by as (
      select municipality_id,
             count(*) filter (where level = 'school')::int as school,
             count(*) filter (where level = 'municipal')::int as municipal,
             count(*) filter (where level = 'regional')::int as regional,
             count(*) filter (where level = 'federal')::int as federal
      from activity_records
      where region_id = ${regionId} and state = 'confirmed' and held_on between ${from}::date and ${cutoff}::date
      group by municipality_id
    )
    select mu.id::int as "municipalityId", mu.name, mu.teachers_count as teachers, coalesce(mb.n, 0) as members,
           coalesce(a.school, 0) as school, coalesce(a.municipal, 0) as municipal, coalesce(a.regional, 0) as regional, coalesce(a.federal, 0) as federal
    from municipalities mu
    left join members_by mb on mb.municipality_id = mu.id
    left join activity_by a on a.municipality_id = mu.id
    where mu.region_id = ${regionId}
    union all
    -- members and records without a municipality: the region's totals count them, no municipality does
    select 0, '', 0, coalesce((select n from members_by where municipality_id is null), 0),
           coalesce(a.school, 0), coalesce(a.municipal, 0), coalesce(a.regional, 0), coalesce(a.federal, 0)
    from (select 1) one left join activity_by a on a.municipality_id is null`
  const named = (r: { municipalityId: number; name: string }) => (r.municipalityId === 0 ? '\uffff' : r.name)
  rows.sort((a, b) => named(a).localeCompare(named(b), 'ru') || a.municipalityId - b.municipalityId)
  return rows.map(({ school, municipal, regional, federal, ...r }) => ({ ...r, activity: { school, municipal, regional, federal } }))
}
