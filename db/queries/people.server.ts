import { db, type Db } from '../client.server'

export type PersonInput = {
  regionId: number
  municipalityId: number | null
  lastName: string
  firstName: string
  middleName: string
  organisationId: number | null
  position: string
  workEmail: string | null
  subjects: string[]
}
export type PrivateInput = { phone?: string | null; birthDate?: string | null; privateEmail?: string | null; snils?: string | null }

export async function insertPerson(p: PersonInput, priv: PrivateInput = {}, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into people (region_id, municipality_id, last_name, first_name, middle_name, organisation_id, position, work_email, subjects)
    values (${p.regionId}, ${p.municipalityId}, ${p.lastName}, ${p.firstName}, ${p.middleName}, ${p.organisationId},
            ${p.position}, ${p.workEmail}, ${p.subjects})
    returning id::int`
  if (Object.values(priv).some((v) => v != null)) {
    await tx`
      insert into person_private (person_id, phone, birth_date, private_email, snils)
      values (${row.id}, ${priv.phone ?? null}, ${priv.birthDate ?? null}, ${priv.privateEmail ?? null}, ${priv.snils ?? null})`
  }
  return row.id
}

export type Person = PersonInput & { id: number; organisationName: string | null }

export async function personById(id: number, tx: Db = db()): Promise<Person | undefined> {
  const [row] = await tx<Person[]>`
    select p.id::int, p.region_id::int as "regionId", p.municipality_id::int as "municipalityId", p.last_name as "lastName",
           p.first_name as "firstName", p.middle_name as "middleName", p.organisation_id::int as "organisationId",
           o.name as "organisationName", p.position, p.work_email as "workEmail", p.subjects
    from people p left join organisations o on o.id = p.organisation_id where p.id = ${id}`
  return row
}

/** Rewrites a person's public fields (the application form of a draft). */
export async function updatePerson(id: number, p: Omit<PersonInput, 'regionId'>, tx: Db = db()): Promise<void> {
  await tx`
    update people set municipality_id = ${p.municipalityId}, last_name = ${p.lastName}, first_name = ${p.firstName},
      middle_name = ${p.middleName}, organisation_id = ${p.organisationId}, position = ${p.position},
      work_email = ${p.workEmail}, subjects = ${p.subjects}
    where id = ${id}`
}
