import { db, type Db } from '../client.server'

export type CoverageRow = { municipalityId: number; name: string; teachers: number; members: number }

/** Active members per municipality against its number of teachers (DESIGN §1.6). */
export async function coverage(regionId: number, municipalityId: number | null = null, tx: Db = db()): Promise<CoverageRow[]> {
  return tx<CoverageRow[]>`
    select mu.id::int as "municipalityId", mu.name, mu.teachers_count as teachers,
           count(m.id)::int as members
    from municipalities mu
    left join people p on p.municipality_id = mu.id
    left join members m on m.person_id = p.id and m.state = 'active'
    where mu.region_id = ${regionId} and (${municipalityId}::bigint is null or mu.id = ${municipalityId})
    group by mu.id order by mu.name`
}
